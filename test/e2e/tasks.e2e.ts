// A privileged task as a user runs it: right-click an account of the sandbox organization, Delete Root
// Credentials, keep every kind, confirm the modal naming the account, read the plan (with the session
// countdown in the status bar) and confirm again, then see the summary and the account re-audited clean.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { widenSidebar } from './framework/sidebar';
import { waitForText } from './framework/text';
import { UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

const SIDEBAR_WIDTH = 560;
/** Seeded with every kind of root credential (the tenth profile of the sandbox's mix). */
const ACCOUNT = 'member-0010';

describe('privileged tasks from the context menu', () => {
  const workbench = useWorkbench();

  it('offers the tasks in an account\'s context menu', async () => {
    const { page } = workbench();
    await page.locator('.activitybar .action-item a[aria-label^="RootGuard"]').click();
    await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Try the Sandbox Organization' }).click();
    await row(page, 'Workloads').waitFor({ timeout: UI_TIMEOUT_MS });
    await widenSidebar(page, SIDEBAR_WIDTH);
    await page.locator('.part.sidebar .composite.title .action-label[aria-label="Audit Root Credentials in Organization"]').click();
    await workbench().waitForNotification(/audited \d+ accounts in organization/);
    for (const unit of ['Workloads', 'Prod', 'NonProd']) await expand(page, unit);
    await waitForText(row(page, ACCOUNT), /password · 2 keys · 1 cert · MFA/);

    const menu = await openContextMenu(page, ACCOUNT);
    for (const title of ['Delete Root Credentials…', 'Allow Root Password Recovery…', 'Unlock S3 Bucket Policy…', 'Unlock SQS Queue Policy…']) {
      assert.equal(await menu.locator('.action-label', { hasText: title }).count(), 1, title);
    }
    await workbench().screenshot('tasks-1-context-menu');
  });

  it('confirms in a modal that names the account, then shows the plan read in the open session', async () => {
    const { page } = workbench();
    await page.locator('.context-view .monaco-menu .action-label', { hasText: 'Delete Root Credentials…' }).click();
    // Every kind is picked by default; accept the quick pick.
    await page.locator('.quick-input-widget', { hasText: 'root credentials to delete' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    const first = await dialog(page, /Delete root credentials .* in member-0010 \(999900000010\)\?/);
    assert.match(await first.innerText(), /root session \(IAMDeleteRootUserCredentials, at most \d+ s\)/);
    await workbench().screenshot('tasks-2-confirmation');
    await first.locator('.monaco-button', { hasText: 'Delete…' }).click();

    const plan = await dialog(page, /Delete in member-0010 \(999900000010\)\?/);
    assert.match(await plan.innerText(), /Delete access key AKIASANDBOX/);
    await waitForText(page.locator('.statusbar-item', { hasText: 'Root session' }), /Root session \d+:\d\d/);
    await workbench().screenshot('tasks-3-plan-and-countdown');
    await plan.locator('.monaco-button', { hasText: /^Delete$/ }).click();
  });

  it('reports the result and re-audits the account', async () => {
    const { page } = workbench();
    const done = await workbench().waitForNotification(/Delete root credentials .*: 1 done/);
    assert.ok(await done.locator('.monaco-button', { hasText: 'Open Audit Log' }).count());
    await waitForText(row(page, ACCOUNT), /999900000010 · no root credentials$/);
    await page.locator('.statusbar-item', { hasText: 'Root session' }).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await page.mouse.move(1, 400);
    await workbench().screenshot('tasks-4-result');
  });
});

function row(page: Page, label: string): Locator {
  const pattern = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: pattern }) }).first();
}

/**
 * Opens a tree row's context menu. The list can re-render between finding a row and clicking it (the
 * repaint after an audit), which sends the click to a neighbour; VS Code focuses the row a right-click
 * lands on, so the menu counts only once that row is the focused one.
 */
async function openContextMenu(page: Page, label: string): Promise<Locator> {
  const menu = page.locator('.context-view .monaco-menu');
  const focused = page.locator('.pane-body .monaco-list-row.focused .label-name').first();
  for (let attempt = 1; ; attempt++) {
    await row(page, label).click({ button: 'right' });
    await menu.waitFor({ timeout: UI_TIMEOUT_MS });
    const landedOn = await focused.innerText();
    if (landedOn === label) return menu;
    if (attempt === 3) throw new Error(`the context menu opened on "${landedOn}", not "${label}", three times`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }
}

async function dialog(page: Page, text: RegExp): Promise<Locator> {
  const box = page.locator('.monaco-dialog-box', { hasText: text });
  await box.waitFor({ timeout: UI_TIMEOUT_MS });
  return box;
}

async function expand(page: Page, label: string): Promise<void> {
  const target = row(page, label);
  await target.waitFor({ timeout: UI_TIMEOUT_MS });
  if ((await target.getAttribute('aria-expanded')) === 'false') await target.click();
  await page.locator('.pane-body .monaco-list-row[aria-expanded="true"]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).waitFor({ timeout: UI_TIMEOUT_MS });
}
