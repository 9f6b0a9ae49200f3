// Helpers for the lint suites: open fixture files of the test workspace, wait for RootGuard's
// diagnostics to reach a state (polling, never a fixed sleep), and find and apply its quick fixes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const SOURCE = 'RootGuard';
export const RESTRICT_COMMAND = 'rootguard.lint.restrictTaskPolicies';

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension('rootguard.rootguard');
  assert.ok(extension, 'the extension under test is not loaded');
  await extension.activate();
}

export async function openFixture(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

export function rootGuardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** Polls until `done` holds for the document's RootGuard diagnostics; fails with what it saw last. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  done: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diagnostics = rootGuardDiagnostics(uri);
    if (done(diagnostics)) return diagnostics;
    if (Date.now() > deadline) {
      const seen = diagnostics.map((d) => `${ruleOf(d)} ${d.message}`).join('; ') || 'none';
      assert.fail(`timed out waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; diagnostics: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for a diagnostic of `ruleId` and returns it. */
export async function waitForRule(uri: vscode.Uri, ruleId: string): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => ruleOf(d) === ruleId), `a ${ruleId} diagnostic`);
  return diagnostics.find((d) => ruleOf(d) === ruleId)!;
}

export function waitForClean(uri: vscode.Uri, what = 'no RootGuard diagnostics'): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (ds) => ds.length === 0, what);
}

/** RootGuard's quick fixes for one diagnostic, as the light bulb would list them. */
export async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const rule = ruleOf(diagnostic);
  return actions.filter((a) => a.diagnostics?.some((d) => ruleOf(d) === rule) || a.title.includes(rule));
}

/** Applies a quick fix the way the editor does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction, ...extraArgs: unknown[]): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" was refused`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []), ...extraArgs);
}

/** Puts a fixture back as it was, so that suites do not depend on each other's edits. */
export async function revert(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
