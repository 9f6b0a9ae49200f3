// A privileged task as a user runs it: right-click an account of the sandbox organization, Delete Root
// Credentials, keep every kind, confirm the modal naming the account, read the plan (with the session
// countdown in the status bar) and confirm again, then see the result, its report and the account
// re-audited clean. Then unlock the account's locked bucket, picked from the buckets its session listed,
// and put the policy back from the notification's Restore Policy.
import assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { connectToSandbox } from './framework/sandbox';
import { expandRow, openRowContextMenu, runContextMenuEntry, treeRow } from './framework/tree';
import { waitForText } from './framework/text';
import { UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

const SIDEBAR_WIDTH = 560;
/** Seeded with every kind of root credential (the tenth profile of the sandbox's mix). */
const ACCOUNT = 'member-0010';
/** The sandbox seeds it with a policy that denies everyone (seed 1). */
const LOCKED_BUCKET = 'sandbox-999900000010-locked';

describe('privileged tasks from the context menu', () => {
  const workbench = useWorkbench();

  it('connects to the sandbox organization and audits it', async () => {
    const { page } = workbench();
    await connectToSandbox(page, SIDEBAR_WIDTH);
    await treeRow(page, 'Workloads').waitFor({ timeout: UI_TIMEOUT_MS });
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
    await runContextMenuEntry(page, page.locator('.context-view .monaco-menu'), 'Delete Root Credentials…');
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

  it('shows the run\'s report across the editor area: the account by name, its outcome and each change', async () => {
    const { page } = workbench();
    const done = await workbench().waitForNotification(/Delete root credentials .*: 1 changed/);
    await done.locator('.monaco-button', { hasText: 'Show Report' }).click();
    const report = webviewContent(page);
    const row = report.locator('tr', { hasText: `${ACCOUNT} (999900000010)` });
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await row.innerText(), /changed\s+Delete .*AKIASANDBOX/s);
    await waitForText(report.locator('h1'), /^Delete root credentials \(.*\)$/);
    await page.mouse.move(1, 400);
    await workbench().screenshot('tasks-5-report');
    await workbench().runCommand('View: Close All Editors');
  });

  it('lists the account\'s buckets in its own session, the locked one marked, to pick from', async () => {
    const { page } = workbench();
    const menu = await openRowContextMenu(page, ACCOUNT);
    await runContextMenuEntry(page, menu, 'Unlock S3 Bucket Policy…');
    const picker = page.locator('.quick-input-widget', { hasText: `unlock a bucket policy in ${ACCOUNT} (999900000010)` });
    await picker.waitFor({ timeout: UI_TIMEOUT_MS });
    const locked = picker.locator('.monaco-list-row', { hasText: LOCKED_BUCKET });
    await waitForText(locked, /policy denies everyone/);
    await waitForText(picker.locator('.monaco-list-row', { hasText: `sandbox-999900000010-data` }), /no policy/);
    // The mouse last rested on the tree, whose row tooltip would cover the picker.
    await page.mouse.move(900, 500);
    await page.locator('.context-view .hover-contents').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await workbench().screenshot('tasks-6-bucket-picker');
    await locked.click();
    await (await dialog(page, new RegExp(`Unlock the policy of bucket ${LOCKED_BUCKET} in ${ACCOUNT}`))).locator('.monaco-button', { hasText: 'Delete Policy…' }).click();
    const plan = await dialog(page, /Delete Policy in member-0010 \(999900000010\)\? The audit log keeps the policy/);
    await plan.locator('.monaco-button', { hasText: /^Delete Policy$/ }).click();
  });

  it('offers to restore the removed policy, and puts it back after confirming its text', async () => {
    const { page } = workbench();
    const unlocked = await workbench().waitForNotification(new RegExp(`Unlock the policy of bucket ${LOCKED_BUCKET}: 1 changed`));
    await workbench().screenshot('tasks-7-unlocked-offers-restore');
    await unlocked.locator('.monaco-button', { hasText: 'Restore Policy' }).click();
    await (await dialog(page, new RegExp(`Restore the policy of .*${LOCKED_BUCKET}.* in ${ACCOUNT}`))).locator('.monaco-button', { hasText: 'Restore Policy…' }).click();
    const plan = await dialog(page, /Restore Policy in member-0010 \(999900000010\)\?/);
    // The kept text, shown read-only beside the question before anything changes.
    await page.locator('.tabs-container .tab', { hasText: `Policy to put back on bucket ${LOCKED_BUCKET} in 999900000010` }).waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench().screenshot('tasks-8-restore-plan');
    await plan.locator('.monaco-button', { hasText: /^Restore Policy$/ }).click();
    await workbench().waitForNotification(new RegExp(`Restore the policy of .*${LOCKED_BUCKET}.*: 1 changed`));
    await page.mouse.move(1, 400);
    await workbench().screenshot('tasks-9-restored');
  });
});

/** The document inside the active webview (VS Code nests it in two frames). */
function webviewContent(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

async function dialog(page: Page, text: RegExp): Promise<Locator> {
  const box = page.locator('.monaco-dialog-box', { hasText: text });
  await box.waitFor({ timeout: UI_TIMEOUT_MS });
  return box;
}
