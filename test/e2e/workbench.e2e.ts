// Smoke test of the e2e setup: the workbench loads in the browser with RootGuard from the development
// path, a workspace file opens through Quick Open, and screenshots are written for people to look at.
import assert from 'node:assert/strict';
import { waitForText } from './framework/text';
import { UI_TIMEOUT_MS, useWorkbench } from './framework/workbench';

describe('workbench', () => {
  const workbench = useWorkbench();

  it('runs a RootGuard command from the Command Palette and shows its log', async () => {
    await workbench().runCommand('RootGuard: Show Log');
    // The Output view may first show another channel, then switch: read the text once the channel is ours.
    const { page } = workbench();
    const channel = page.locator('.part.panel .composite.title select.monaco-select-box').first();
    await page.waitForFunction((select) => (select as unknown as { selectedOptions: ArrayLike<{ text: string }> }).selectedOptions[0]?.text === 'RootGuard', await channel.elementHandle({ timeout: UI_TIMEOUT_MS }), {
      timeout: UI_TIMEOUT_MS,
    });
    await waitForText(page.locator('.part.panel .output-view .monaco-editor .view-lines').first(), /RootGuard \S+ activated/);
    await workbench().screenshot('workbench-rootguard-log');
  });

  it('opens a workspace file with Quick Open', async () => {
    await workbench().openFile('README.md');
    assert.match(await workbench().editor.text(), /^# Test workspace/);
    await workbench().screenshot('workbench-readme');
  });
});
