// The test workspace is a fresh copy of test/fixtures/workspace for every run, so suites may write files
// and settings in it; each suite should still undo what it changes, for the suites after it.
import * as vscode from 'vscode';

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open; the runner opens a copy of test/fixtures/workspace');
  return folder;
}

/** The URI of a file in the test workspace, from a path relative to its root. */
export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

/** Opens a workspace file in an editor, as a user would. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/** Writes (or replaces) a file in the test workspace, e.g. a `.rootguard.json`. */
export async function writeWorkspaceFile(relativePath: string, content: string): Promise<vscode.Uri> {
  const uri = workspaceUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return uri;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
