// The Organization policies node as a user meets it: connect to the demo sandbox organization, expand the
// node, read Control Tower's root deny row (what it blocks, where) and open it: its text, read-only, with the
// RG107 finding on the statement that also denies root sessions; its quick fix (the editor's Fix button) shows the fixed text in a
// diff against the text in AWS, changing nothing in AWS. Screenshots record the node with the finding, and the diff.
import assert from 'node:assert/strict';
import { connectToSandbox } from './framework/sandbox';
import { expandRow, openRow, treeRow } from './framework/tree';
import { waitForText } from './framework/text';
import { UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

const CONTROL_TOWER_DENY = 'aws-guardrails-RestrictRootUser';

describe('Organization policies in the explorer', () => {
  const workbench = useWorkbench();

  it('lists the SCPs with what each blocks, and opens one with its RG107 finding', async () => {
    const { page } = workbench();
    await connectToSandbox(page, 660);
    await expandRow(page, 'Organization policies');
    const row = treeRow(page, CONTROL_TOWER_DENY);
    await waitForText(row, /SCP · 1 target · blocks audit in \d+ accounts?, allow-password-recovery in \d+/);
    await openRow(page, CONTROL_TOWER_DENY, page.locator('.tabs-container .tab.active', { hasText: `${CONTROL_TOWER_DENY} (p-sbxctroot1).json` }));
    const squiggle = await workbench().editor.waitForSquiggle('warning');
    const hover = await workbench().editor.hover(squiggle, /RG107/);
    assert.match(await hover.innerText(), /without a "Null": \{"aws:AssumedRoot": "true"\} exemption, so it also denies centralized root access sessions/);
    await workbench().screenshot('org-policies-1-scp-with-rg107');
  });

  it('makes the fixed text with the RG107 quick fix and shows it in a diff against the text in AWS', async () => {
    const { page } = workbench();
    await page.mouse.move(1, 400);
    // VS Code offers no light bulb in a read-only document: the editor's title button lists the fixes.
    await page.locator('.editor-actions .action-item a[aria-label^="Fix Organization Policy"]').first().click();
    const diffTab = page.locator('.tabs-container .tab.active', { hasText: `${CONTROL_TOWER_DENY}: in AWS ↔ fixed` });
    const fixRow = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Exempt root sessions' });
    await diffTab.or(fixRow).first().waitFor({ timeout: UI_TIMEOUT_MS });
    // With several fixes a picker asks which; with one the fix applies at once.
    if (await fixRow.isVisible()) await fixRow.click();
    await diffTab.waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.locator('.editor-instance .modified-in-monaco-diff-editor .view-lines'), /"Null": \{[\s\S]*"aws:AssumedRoot": "true"/);
    await page.locator('.notifications-toasts', { hasText: 'AWS Organizations still holds the old one' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench().screenshot('org-policies-2-fixed-text-diff');
  });
});
