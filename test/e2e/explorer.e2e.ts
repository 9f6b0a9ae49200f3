// The Root Access explorer as a user meets it: open the RootGuard view, see the welcome, try the sandbox
// organization, audit it from the view's title bar while the progress notification counts, then read the
// mixed statuses and an account's tooltip. Screenshots record each step.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openWelcome, trySandboxButton } from './framework/sandbox';
import { expandRow, hoverUntil, treeRow } from './framework/tree';
import { waitForText } from './framework/text';
import { UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

/** Wide enough for `member-0007  999900000007 · password · 2 keys · 1 cert · MFA` without an ellipsis. */
const SIDEBAR_WIDTH = 660;

describe('Root Access explorer', () => {
  const workbench = useWorkbench();

  it('opens on a welcome that offers a profile or the sandbox', async () => {
    const { page } = workbench();
    await openWelcome(page, SIDEBAR_WIDTH);
    assert.match(await page.locator('.welcome-view-content', { hasText: 'Try the Sandbox Organization' }).innerText(), /Use an AWS Profile/);
    await workbench().screenshot('explorer-1-welcome');
  });

  it('connects to the sandbox organization: SANDBOX in the tree and the status bar', async () => {
    const { page } = workbench();
    await trySandboxButton(page).click();
    await treeRow(page, /^SANDBOX organization o-sandbox\d+$/).waitFor({ timeout: UI_TIMEOUT_MS });
    await treeRow(page, 'Workloads').waitFor({ timeout: UI_TIMEOUT_MS });
    const status = page.locator('.statusbar-item', { hasText: 'RootGuard: SANDBOX' });
    await status.waitFor({ timeout: UI_TIMEOUT_MS });
    await treeRow(page, 'Audit the organization to see root credentials').waitFor({ timeout: UI_TIMEOUT_MS });
    // Open the OUs with the most accounts, so the audit is seen filling them in.
    for (const unit of ['Workloads', 'Prod', 'NonProd', 'LegacyRootDeny']) await expandRow(page, unit);
    await waitForText(treeRow(page, 'member-0010'), /999900000010 · not audited$/);
    await clearSelection(page);
  });

  it('audits the organization with a progress notification that counts and can be cancelled', async () => {
    const { page } = workbench();
    // The side bar's own title bar; the same action also sits in the (hidden) pane header and on the org row.
    await page.locator('.part.sidebar .composite.title .action-label[aria-label="Audit Root Credentials in Organization"]').click();
    const progress = await workbench().waitForNotification(/Auditing root credentials in organization/);
    // The seeded organization audits in a few seconds on a quiet machine: look while the notification is up.
    assert.equal(await progress.locator('.monaco-button', { hasText: 'Cancel' }).count(), 1, 'the notification offers Cancel');
    await waitForText(progress, /\b\d+ of \d+ audited/);
    await workbench().screenshot('explorer-2-audit-progress');
    const done = await workbench().waitForNotification(/audited \d+ accounts in organization/);
    assert.match(await done.innerText(), /with root credentials/);
  });

  it('shows mixed statuses with risk icons, the management account marked with its own root user', async () => {
    const { page } = workbench();
    // The organization's summary is repainted last, once every result is in.
    await waitForText(treeRow(page, 'Root credentials'), /\d+ with root credentials · \d+ to review · \d+ clean · 1 failed$/);
    // Its own root user, which AssumeRoot cannot reach, read with the caller's credentials and marked so.
    await waitForText(treeRow(page, 'management'), /management account · .+ · read with the caller's credentials$/);
    await waitForText(treeRow(page, 'member-0010'), /password · 2 keys · 1 cert · MFA/);
    await waitForText(page.locator('.part.sidebar .pane-body'), /access denied \(SCP\)/);
    await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear, .notifications-toasts .codicon-close').first().click().catch(() => undefined);
    await page.mouse.move(1, 400);
    await workbench().screenshot('explorer-3-statuses');
  });

  it('explains an account in its tooltip', async () => {
    const { page } = workbench();
    const hover = await hoverUntil(page, treeRow(page, 'member-0010').locator('.label-name'), page.locator('.monaco-hover', { hasText: 'Access key' }).first());
    assert.match(await hover.innerText(), /Password\s+present, last used/);
    await workbench().screenshot('explorer-4-account-tooltip');
  });
});

/** Escape in a focused list clears its selection, so no row is highlighted in the picture. */
async function clearSelection(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.part.sidebar .monaco-list-row.selected').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}
