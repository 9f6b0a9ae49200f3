// Completion and hover as a user meets them in the workbench: the suggest list of STS actions in a policy
// being written (AssumeRoot first, with its access level and description), and the one-sentence hover of
// a statement. Screenshots record both.
import assert from 'node:assert/strict';
import { waitForText } from './framework/text';
import { UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

const FIXTURE = 'policies/assist.json';

/** Line and column (1-based, as Go to Line takes them) just after `marker` in the fixture. */
function positionAfter(text: string, marker: string): { line: number; column: number } {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `${marker} not in ${FIXTURE}`);
  const before = text.slice(0, offset + marker.length).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('completion and hover in the editor', () => {
  const workbench = useWorkbench();

  it('lists the STS actions with AssumeRoot first, its access level and description', async () => {
    const { editor, page } = workbench();
    await workbench().openFile(FIXTURE);
    await editor.waitForSquiggle(); // linted: RootGuard now completes in it
    const at = positionAfter(workbench().readWorkspaceFile(FIXTURE), '"s", "sts:');
    await editor.goTo(at.line, at.column);
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    await suggest.waitFor({ timeout: UI_TIMEOUT_MS });
    const first = suggest.locator('.monaco-list-row').first();
    await waitForText(first, /sts:AssumeRoot[\s\S]*Write/);
    // Ctrl+Space again opens the side panel with the selected item's description.
    await page.keyboard.press('Control+Space');
    await waitForText(page.locator('.suggest-details-container'), /privileged tasks in member accounts/);
    await workbench().screenshot('assist-1-action-completion');
    await page.keyboard.press('Escape');
    await suggest.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  });

  it('says what a statement does in one sentence on hover', async () => {
    const { editor } = workbench();
    const sid = editor.root.locator('.view-lines span', { hasText: /^"AuditRootCredentials"$/ }).first();
    const hover = await editor.hover(sid, /Lets its holder open root sessions/);
    assert.match(await hover.innerText(), /Lets its holder open root sessions with IAMAuditRootUserCredentials in account 111122223333\./);
    await workbench().screenshot('assist-2-statement-hover');
  });
});
