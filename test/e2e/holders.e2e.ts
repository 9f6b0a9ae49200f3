// Who can and who did open root sessions, as a user reads it in the Root Access view of the sandbox
// organization: expand Root session holders (principals grouped riskiest first), read a principal's tooltip,
// open the statement that grants it (read-only, with the linter's findings), then expand Root session
// history. Screenshots record each step.
import assert from 'node:assert/strict';
import { connectToSandbox } from './framework/sandbox';
import { expandRow, hoverUntil, openRow, treeRow } from './framework/tree';
import { waitForText } from './framework/text';
import { UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

/** Wide enough for `VendorAdmin  role · no condition in the way · trusted from outside the organization`. */
const SIDEBAR_WIDTH = 700;
const EVERY_TASK = 'audit, password recovery, delete credentials, unlock S3, unlock SQS, future tasks';

describe('Root session holders and history in the explorer', () => {
  const workbench = useWorkbench();

  it('connects to the sandbox organization', async () => {
    const { page } = workbench();
    await connectToSandbox(page, SIDEBAR_WIDTH);
    await treeRow(page, 'Root session holders').waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('groups who can open root sessions by what they can do, riskiest first', async () => {
    const { page } = workbench();
    await expandRow(page, 'Root session holders');
    await waitForText(treeRow(page, 'Root session holders'), /7 of 12 principals can open root sessions · 3 recover passwords everywhere unconditionally/);
    const groups = ['Password recovery or deletion on every account', 'Password recovery or deletion on named accounts', 'Audit only', 'Granted, but the permissions boundary removes it'];
    for (const group of groups) await treeRow(page, group).waitFor({ timeout: UI_TIMEOUT_MS });
    const labels = await page.locator('.pane-body .monaco-list-row .label-name').allInnerTexts();
    assert.deepEqual(
      labels.filter((l) => groups.includes(l)),
      groups,
      'the riskiest group first',
    );
    await waitForText(treeRow(page, 'VendorAdmin'), /role · no condition in the way · trusted from outside the organization/);
    await page.mouse.move(1, 400);
    await workbench().screenshot('holders-1-groups');
  });

  it('explains a principal in its tooltip: tasks, accounts, conditions, who can become it', async () => {
    const { page } = workbench();
    const hover = await hoverUntil(page, treeRow(page, 'BreakGlassRoot').locator('.label-name'), page.locator('.monaco-hover', { hasText: 'Who can become it' }).first());
    assert.match(await hover.innerText(), /on every account, if aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge/);
    await workbench().screenshot('holders-2-principal-tooltip');
    await page.mouse.move(1, 400);
  });

  it('opens the statement that grants a principal its tasks, read-only, with the linter’s findings', async () => {
    const { page } = workbench();
    await expandRow(page, 'VendorAdmin');
    await openRow(page, EVERY_TASK, page.locator('.tabs-container .tab.active', { hasText: 'AdministratorAccess (role AWS managed).policy.json' }));
    await workbench().editor.waitForSquiggle('error');
    // The whole granting statement is selected, the cursor where it begins (line 4).
    await page.locator('.statusbar-item', { hasText: /Ln 4, Col 5 \(\d+ selected\)/ }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench().screenshot('holders-3-granting-statement');
  });

  it('lists who did open root sessions, flagging the ones RootGuard did not start', async () => {
    const { page } = workbench();
    await expandRow(page, 'Root session history');
    await waitForText(treeRow(page, 'Root session history'), /\d+ sessions · \d+ by RootGuard · \d+ flagged/);
    await waitForText(page.locator('.part.sidebar .pane-body'), /not started by RootGuard/);
    await page.mouse.move(1, 400);
    await workbench().screenshot('holders-4-history');
  });
});
