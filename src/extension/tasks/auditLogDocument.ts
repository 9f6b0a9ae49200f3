/**
 * The audit log of root tasks, shown read-only: a virtual document over the JSON Lines file, so the trail
 * cannot be edited by a stray keystroke in the editor (the file itself stays an ordinary file on disk).
 * Each opening reads the file again.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';

export const AUDIT_LOG_SCHEME = 'rootguard-audit-log';

export class AuditLogDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    return readFile(uri.fsPath, 'utf8');
  }

  /** Opens the log at `path` (it must exist) in a read-only editor, with what the file holds now. */
  async show(path: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: AUDIT_LOG_SCHEME, path });
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
