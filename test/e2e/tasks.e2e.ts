// A privileged task as a user runs it: right-click an account of the sandbox organization, Delete Root
// Credentials, keep every kind, confirm the modal naming the account, read the plan (with the session
// countdown in the status bar) and confirm again, then see the summary and the account re-audited clean.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { widenSidebar } from './framework/sidebar';
import { expandRow, openRowContextMenu, treeRow } from './framework/tree';
import { waitForText } from './framework/text';
import { ROOTGUARD_ACTIVITY, UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

const SIDEBAR_WIDTH = 560;
/** Seeded with every kind of root credential (the tenth profile of the sandbox's mix). */
const ACCOUNT = 'member-0010';

describe('privileged tasks from the context menu', () => {
  const workbench = useWorkbench();

  it('connects to the sandbox organization and audits it', async () => {
    const { page } = workbench();
    await page.locator(ROOTGUARD_ACTIVITY).click();
    await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Try the Sandbox Organization' }).click();
    await treeRow(page, 'Workloads').waitFor({ timeout: UI_TIMEOUT_MS });
    await widenSidebar(page, SIDEBAR_WIDTH);
    await page.locator('.part.sidebar .composite.title .action-label[aria-label="Audit Root Credentials in Organization"]').click();
    await workbench().waitForNotification(/audited \d+ accounts in organization/);
  });

  it('offers the tasks in an account\'s context menu', async () => {
    const { page } = workbench();
    for (const unit of ['Workloads', 'Prod', 'NonProd']) await expandRow(page, unit);
    await waitForText(treeRow(page, ACCOUNT), /password · 2 keys · 1 cert · MFA/);

    const menu = await openRowContextMenu(page, ACCOUNT);
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
    const done = await workbench().waitForNotification(/Delete root credentials .*: 1 changed/);
    assert.ok(await done.locator('.monaco-button', { hasText: 'Open Audit Log' }).count());
    await waitForText(treeRow(page, ACCOUNT), /999900000010 · no root credentials$/);
    await page.locator('.statusbar-item', { hasText: 'Root session' }).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await page.mouse.move(1, 400);
    await workbench().screenshot('tasks-4-result');
  });
});

async function dialog(page: Page, text: RegExp): Promise<Locator> {
  const box = page.locator('.monaco-dialog-box', { hasText: text });
  await box.waitFor({ timeout: UI_TIMEOUT_MS });
  return box;
}
