// Helpers for the lint suites: open fixture files of the test workspace, wait for RootGuard's
// diagnostics to reach a state (polling, never a fixed sleep), and find and apply its quick fixes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, waitForDiagnostics as waitForAnyDiagnostics } from './helpers/waitFor';
import { openWorkspaceFile } from './helpers/workspace';

export const SOURCE = 'RootGuard';
export const RESTRICT_COMMAND = 'rootguard.lint.restrictTaskPolicies';

export async function openFixture(relativePath: string): Promise<vscode.TextDocument> {
  return (await openWorkspaceFile(relativePath)).document;
}

export function rootGuardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** Waits until `done` holds for the document's RootGuard diagnostics; fails with what it saw last. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  done: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  try {
    await waitForAnyDiagnostics(uri, (all) => done(all.filter((d) => d.source === SOURCE)), { message: what });
  } catch (err) {
    const seen = rootGuardDiagnostics(uri).map((d) => `${ruleOf(d)} ${d.message}`).join('; ') || 'none';
    assert.fail(`${(err as Error).message} in ${vscode.workspace.asRelativePath(uri)}; diagnostics: ${seen}`);
  }
  return rootGuardDiagnostics(uri);
}

/** Waits for a diagnostic of `ruleId` and returns it. */
export async function waitForRule(uri: vscode.Uri, ruleId: string): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => ruleOf(d) === ruleId), `a ${ruleId} diagnostic`);
  return diagnostics.find((d) => ruleOf(d) === ruleId)!;
}

export function waitForClean(uri: vscode.Uri, what = 'no RootGuard diagnostics'): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (ds) => ds.length === 0, what);
}

/**
 * The quick fixes the light bulb lists at a diagnostic's range. `vscode.executeCodeActionProvider` does
 * not hand back which diagnostics an action fixes, so these are the actions for every diagnostic there.
 * Right after an edit or a revert the diagnostics on screen belong to the previous version, and fixes are
 * (rightly) withheld until the re-lint; so this waits for the first non-empty answer.
 */
export async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const ask = () =>
    vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  try {
    return await waitFor(async () => {
      const actions = await ask();
      return actions.length > 0 ? actions : undefined;
    }, { message: 'quick fixes' });
  } catch {
    return [];
  }
}

/** Applies a quick fix the way the editor does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction, ...extraArgs: unknown[]): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" was refused`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []), ...extraArgs);
}

/**
 * Puts a fixture back as it is on disk, so that tests do not depend on each other's edits. It writes the
 * disk's text into the document, rather than only running "Revert File": that command reverts
 * whichever editor is active when it runs, and once it missed on a loaded machine, the fixed, dirty
 * document stayed open and every later test that opened the fixture found it clean.
 */
export async function revert(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
  if (document.getText() !== onDisk) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), onDisk);
    assert.ok(await vscode.workspace.applyEdit(edit), `could not put ${vscode.workspace.asRelativePath(document.uri)} back as it is on disk`);
  }
  // The text is the disk's now; saving only clears the dirty flag. A save can be refused (it was, once,
  // right after a refused interactive fix); "Revert File" then clears the flag, and if it reverts another
  // editor instead, this document still holds the disk's text, which is all the next test needs.
  if (document.isDirty && !(await document.save())) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  assert.equal(document.getText(), onDisk, `${vscode.workspace.asRelativePath(document.uri)} is back as it is on disk`);
}
