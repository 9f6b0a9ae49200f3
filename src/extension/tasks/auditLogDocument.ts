/**
 * The audit log of root tasks, shown read-only: a virtual document over the JSON Lines file, so the trail
 * cannot be edited by a stray keystroke in the editor (the file itself stays an ordinary file on disk).
 * Each opening reads the file again.
 */
import * as vscode from 'vscode';
import { readAuditLogText } from '../../core/root/auditLogText';

export const AUDIT_LOG_SCHEME = 'rootguard-audit-log';

export class AuditLogDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** `auditLogPath`: the configured log, the one file this provider serves. */
  constructor(private readonly auditLogPath: () => string) {}

  /**
   * Any extension or link can open a URI of this scheme: whatever path it names, only the configured log is
   * read, so the scheme cannot be used to read another file into an editor.
   */
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const path = this.auditLogPath();
    if (uri.toString() !== uriOf(path).toString()) throw new Error(`RootGuard shows only its audit log, ${path}, here.`);
    return readAuditLogText(path);
  }

  /** Opens the configured log (it must exist) in a read-only editor, with what the file holds now. */
  async show(): Promise<vscode.TextEditor> {
    const uri = uriOf(this.auditLogPath());
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function uriOf(path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: AUDIT_LOG_SCHEME, path });
}
