/**
 * The account's policies as the holders view opens them: read-only virtual documents (VS Code never offers
 * to save them) holding exactly the text the policy engine evaluated, named `….policy.json` so the linter
 * lints them as identity policies, opened with the granting statement selected. Their text lives in memory.
 */
import * as vscode from 'vscode';
import { readPolicy, PolicyReadError } from '../../core/policy';
import type { GrantStatement } from '../../core/holders/model';
import { ACCOUNT_POLICY_SCHEME } from '../lint/selection';

export class AccountPolicyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /**
   * Opens the policy `text` (of the principal `owner`, e.g. `role BreakGlassRoot`) with the statement
   * selected. The same policy of the same principal reuses its document, updated if the account changed it.
   */
  async open(accountId: string, owner: string, text: string, statement: GrantStatement): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: ACCOUNT_POLICY_SCHEME, path: `/${accountId}/${safeName(owner)}/${safeName(statement.policy)}.policy.json` });
    const previous = this.contents.get(uri.toString());
    this.contents.set(uri.toString(), text);
    if (previous !== undefined && previous !== text) this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const selection = statementRange(document, text, statement);
    const editor = await vscode.window.showTextDocument(document, { preview: true });
    // Selected from its end back to its start: the cursor sits where the statement begins.
    editor.selection = new vscode.Selection(selection.end, selection.start);
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  dispose(): void {
    this.contents.clear();
    this.changed.dispose();
  }
}

/** Names from the account (policy labels, principal names) made safe as path segments. */
function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|#%]/g, '_');
}

/** The whole statement, from the engine's reading of the same text; its first line when it cannot be read. */
function statementRange(document: vscode.TextDocument, text: string, statement: GrantStatement): vscode.Range {
  try {
    const read = readPolicy(text, statement.policy).statements.find((s) => s.index === statement.statement);
    if (read) return new vscode.Range(document.positionAt(read.range.start), document.positionAt(read.range.end));
  } catch (err) {
    if (!(err instanceof PolicyReadError)) throw err;
  }
  const line = document.lineAt(Math.min(Math.max(statement.line - 1, 0), document.lineCount - 1));
  return new vscode.Range(line.range.start, line.range.start);
}
