// Settings a repository must not be able to set: its .vscode/settings.json is read by VS Code, but values of
// application-scoped settings there are ignored, so a workspace cannot make stale audit results look fresh.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_CACHE_MINUTES, ExplorerSettings } from '../../src/extension/explorer/explorerSettings';
import { DEFAULT_AUDIT_CONCURRENCY } from '../../src/core/root/auditMany';
import { waitFor } from './helpers/waitFor';
import { workspaceUri, writeWorkspaceFile } from './helpers/workspace';

describe('settings a workspace cannot set', function () {
  this.timeout(30_000);
  const settingsFile = '.vscode/settings.json';
  after(async () => {
    await vscode.workspace.fs.delete(workspaceUri(settingsFile));
    await waitFor(() => (vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === undefined ? true : undefined));
  });

  it('ignores rootguard.audit.cacheMinutes and rootguard.audit.concurrency from the workspace', async () => {
    await writeWorkspaceFile(
      settingsFile,
      JSON.stringify({ 'editor.tabSize': 7, 'rootguard.audit.cacheMinutes': 99_999_999, 'rootguard.audit.concurrency': 64 }),
    );
    // A window-scoped setting in the same file shows the file has been read.
    await waitFor(() => (vscode.workspace.getConfiguration('editor').get('tabSize') === 7 ? true : undefined));
    assert.deepEqual(new ExplorerSettings().audit(), { cacheMinutes: DEFAULT_CACHE_MINUTES, concurrency: DEFAULT_AUDIT_CONCURRENCY });
  });

  it('bounds the cache age from user settings to a week', async () => {
    const audit = vscode.workspace.getConfiguration('rootguard.audit');
    await audit.update('cacheMinutes', 99_999_999, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => (vscode.workspace.getConfiguration('rootguard.audit').get('cacheMinutes') === 99_999_999 ? true : undefined));
      assert.equal(new ExplorerSettings().audit().cacheMinutes, 7 * 24 * 60);
    } finally {
      await audit.update('cacheMinutes', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
