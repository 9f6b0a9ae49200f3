// The linter as a user meets it in the real workbench: open a policy with an unscoped sts:AssumeRoot,
// see the squiggle, its hover and the Problems entry, open the light bulb, restrict the statement to
// two task policies through the picker, and see the file lint clean. Screenshots record each step.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { CODE_ACTION_MENU } from './framework/editor';
import { waitForText } from './framework/text';
import { UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

const FIXTURE = 'unscoped-assume-root.json';
/** Where the fixture's `"Action": "sts:AssumeRoot"` is, the range RG101 reports. */
const ACTION_VALUE = { line: 7, column: 20 };

describe('lint in the editor', () => {
  const workbench = useWorkbench();

  it('shows RG101 as a squiggle with a hover and a Problems entry', async () => {
    const { editor, problems } = workbench();
    await workbench().openFile(FIXTURE);
    const squiggle = await editor.waitForSquiggle('error');
    const entry = await problems.waitForEntry('RG101');
    assert.match(await entry.innerText(), /Allows sts:AssumeRoot with every task policy/);
    assert.match(await entry.innerText(), /RootGuard\W*RG101/);
    const hover = await editor.hover(squiggle, 'RG101');
    assert.match(await hover.innerText(), /no condition restricts sts:TaskPolicyArn/);
    await workbench().screenshot('lint-1-diagnostic-hover-and-problem');
  });

  it('says in the language status how the file was linted', async () => {
    const { page } = workbench();
    await page.locator('#status\\.languageStatus').click();
    const status = page.locator('.hover-language-status', { hasText: 'RootGuard' }).first();
    await waitForText(status, /RootGuard: identity policy[\s\S]*1 problem/);
    await workbench().screenshot('lint-1b-language-status');
    await page.keyboard.press('Escape');
  });

  it('lists the fixes of RG101 under the light bulb', async () => {
    const { editor, page } = workbench();
    await editor.goTo(ACTION_VALUE.line, ACTION_VALUE.column);
    await editor.lightBulb().waitFor({ timeout: UI_TIMEOUT_MS });
    await editor.lightBulb().click();
    const rows = page.locator(`${CODE_ACTION_MENU} .monaco-list-row.action`);
    await rows.first().waitFor({ timeout: UI_TIMEOUT_MS });
    const titles = await rows.allInnerTexts();
    for (const expected of [/IAMAuditRootUserCredentials \(read-only\)/, /chosen task policies/, /Show documentation for RG101/, /Disable RG101/]) {
      assert.ok(titles.some((t) => expected.test(t)), `${expected} not among ${JSON.stringify(titles)}`);
    }
    await workbench().screenshot('lint-2-light-bulb-quick-fixes');
    await page.keyboard.press('Escape');
    await page.locator(CODE_ACTION_MENU).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  });

  it('applies "restrict to chosen task policies" from the Quick Fix menu (Ctrl+.), and the file lints clean', async () => {
    const { editor, problems, page } = workbench();
    await editor.goTo(ACTION_VALUE.line, ACTION_VALUE.column);
    // Ctrl+. asks for the code actions at the cursor. The light bulb (the test above) is not used again: once
    // its menu was closed with Escape, VS Code 1.139 kept it hidden at the same cursor in 1 of 8 runs.
    await page.keyboard.press('Control+.');
    await pickFromCodeActionMenu(page, /chosen task policies/);
    await tickInPicker(page, ['IAMAuditRootUserCredentials', 'IAMDeleteRootUserCredentials']);
    await workbench().screenshot('lint-3-task-policy-picker');
    await page.keyboard.press('Enter');

    await waitForText(editor.root.locator('.view-lines'), /"sts:TaskPolicyArn"[\s\S]*IAMAuditRootUserCredentials[\s\S]*IAMDeleteRootUserCredentials/);
    await editor.waitForNoSquiggle('error');
    await problems.waitForNoEntry('RG101');
    await editor.save();
    await waitForFile(() => workbench().readWorkspaceFile(FIXTURE), /root-task\/IAMDeleteRootUserCredentials/);
    await page.mouse.move(1, 1); // no hover left over the editor in the picture
    await workbench().screenshot('lint-4-fixed-and-clean');
  });
});

/** The save reaches the disk through the server a moment after the tab stops looking dirty. */
async function waitForFile(read: () => string, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) assert.fail(`the saved file never matched ${pattern}:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Picks a row of the open code action menu with the keyboard, as a user may: the menu's pointer block
 * swallows synthetic clicks on its rows (Editor.applyQuickFix trips over it).
 */
async function pickFromCodeActionMenu(page: Page, title: RegExp): Promise<void> {
  const focused = page.locator(`${CODE_ACTION_MENU} .monaco-list-row.action.focused`);
  await focused.waitFor({ timeout: UI_TIMEOUT_MS });
  for (let step = 0; step < 10 && !title.test(await focused.innerText()); step++) await page.keyboard.press('ArrowDown');
  assert.match(await focused.innerText(), title);
  await page.keyboard.press('Enter');
  await page.locator(CODE_ACTION_MENU).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Ticks rows of the open multi-select quick pick (a click on a row toggles its checkbox). */
async function tickInPicker(page: Page, names: string[]): Promise<void> {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: UI_TIMEOUT_MS });
  for (const [index, name] of names.entries()) {
    const label = rows.filter({ hasText: name }).first().locator('.label-name', { hasText: name }).first();
    const box = await label.boundingBox();
    assert.ok(box, `no row for ${name} in the picker`);
    // A mouse click at the label, not locator.click(): the quick input's own overlay would intercept that.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('.quick-input-widget .quick-input-count', { hasText: `${index + 1} Selected` }).waitFor({ timeout: UI_TIMEOUT_MS });
  }
}
