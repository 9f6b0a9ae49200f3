// The preflight as a user meets it: connect to the demo sandbox organization and, before any audit, the
// account under Control Tower's root deny shows that its root tasks are blocked; its tooltip names the SCP
// and statement per task. Then the SCP being written in the editor is preflighted as if attached at the
// root, picked in the real quick pick, and the changes open as Markdown. Screenshots record both.
import assert from 'node:assert/strict';
import { connectToSandbox } from './framework/sandbox';
import { expandRow, hoverUntil, treeRow } from './framework/tree';
import { waitForText } from './framework/text';
import { UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

/** The demo organization's one SCP-blocked account (seed 1), in the LegacyRootDeny OU. */
const BLOCKED = { name: 'member-0021', id: '999900000021' };

describe('Preflight in the Root Access explorer', () => {
  const workbench = useWorkbench();

  it('shows the account an SCP blocks, before any audit, with the deciding statement in its tooltip', async () => {
    const { page } = workbench();
    await connectToSandbox(page, 660);
    await expandRow(page, 'LegacyRootDeny');
    const row = treeRow(page, BLOCKED.name);
    await waitForText(row, new RegExp(`${BLOCKED.id} · not audited · root tasks blocked$`));
    const hover = await hoverUntil(page, row.locator('.label-name'), page.locator('.monaco-hover', { hasText: 'Root tasks predicted' }).first());
    const text = await hover.innerText();
    assert.match(text, /delete-credentials blocked by SCP aws-guardrails-RestrictRootUser \(p-sbxctroot1\), statement 1 \(GRRESTRICTROOTUSER\)/);
    assert.doesNotMatch(text, /works/);
    await workbench().screenshot('preflight-1-blocked-account-tooltip');
  });

  it('preflights the SCP in the editor as if attached at the root, and opens what it changes', async () => {
    const { page } = workbench();
    await page.mouse.move(1, 400);
    await workbench().openFile('scp/deny-root.json');
    await workbench().runCommand('RootGuard: Preflight This Policy (What-If)', 'asks');
    // The placement picker opens once the prediction is read; the root's row is found by its id.
    await page.locator('.quick-input-widget', { hasText: 'predict as if this SCP were' }).waitFor({ timeout: UI_TIMEOUT_MS });
    // Its sections: the root and OUs, the organization's own SCPs to replace, the member accounts.
    await page.locator('.quick-input-list', { hasText: 'In place of a policy' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench().screenshot('preflight-2-what-if-picker');
    await page.locator('.quick-input-widget input').fill('r-sand');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'every account' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    const lines = page.locator('.editor-instance .view-lines');
    // Markdown wraps its lines in the editor, at any space.
    const wrapped = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+').replace(/NUMBER/g, '\\d+'));
    await waitForText(lines, wrapped('# What-if: SCP scp/deny-root.json attached to Root (r-sand)'));
    await waitForText(lines, wrapped('predictions change: NUMBER newly blocked (in NUMBER accounts)'));
    await waitForText(lines, wrapped('works | **blocked** | blocked by SCP scp/deny-root.json (proposed-1), statement 1 (DenyRootUser)'));
    await workbench().screenshot('preflight-2-what-if-markdown');
  });
});
