/**
 * Read-only documents for what a task shows before it acts (the current bucket or queue policy; a run's
 * report is a webview, see taskReportView.ts). A virtual document scheme: VS Code opens such documents read-only and never offers to save
 * them, and their text lives only in memory.
 */
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'rootguard-preview';

export class PolicyPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `content` beside the current editor as a read-only document named `title`. */
  async show(title: string, content: string): Promise<vscode.TextEditor> {
    // A fresh path per document: the same title shown twice must not show stale text.
    const extension = content.trimStart().startsWith('{') ? '.json' : '.txt';
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.counter}/${title.replace(/[\\/:*?"<>|]/g, '_')}${extension}` });
    this.contents.set(uri.toString(), content);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.contents.clear();
    this.changed.dispose();
  }
}
