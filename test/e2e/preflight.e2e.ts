// The preflight as a user meets it: connect to the demo sandbox organization and, before any audit, the
// account under Control Tower's root deny shows that its root tasks are blocked; its tooltip names the SCP
// and statement per task. A screenshot records the tooltip.
import assert from 'node:assert/strict';
import { connectToSandbox } from './framework/sandbox';
import { expandRow, hoverUntil, treeRow } from './framework/tree';
import { waitForText } from './framework/text';
import { useWorkbench } from './framework/workbench';

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
    assert.match(text, /delete-credentials blocked by SCP aws-guardrails-RestrictRootUser \(p-sbxctroot1\), statement 0 \(GRRESTRICTROOTUSER\)/);
    assert.doesNotMatch(text, /works/);
    await workbench().screenshot('preflight-1-blocked-account-tooltip');
  });
});
