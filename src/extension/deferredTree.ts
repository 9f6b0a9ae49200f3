/**
 * The Root Access view from the moment RootGuard activates, with its data provider loaded later: the first
 * time the view asks for children, `load` brings in the explorer (its own bundle, with the AWS SDK), which
 * then `attach`es its provider. Activating to lint a policy thus never compiles the AWS code, and VS Code
 * never shows the view without a provider.
 */
import * as vscode from 'vscode';

export class DeferredTreeProvider implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private target?: vscode.TreeDataProvider<unknown>;
  private targetEvents?: vscode.Disposable;
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly load: () => Promise<unknown>) {}

  /** Hands the view to the real provider and repaints it from the root. */
  attach(target: vscode.TreeDataProvider<unknown>): void {
    this.target = target;
    this.targetEvents = target.onDidChangeTreeData?.((node) => this.changed.fire(node));
    this.changed.fire(undefined);
  }

  async getChildren(element?: unknown): Promise<unknown[]> {
    if (!this.target) await this.load();
    return (await this.target?.getChildren(element)) ?? [];
  }

  // VS Code asks for items and parents only of elements it got from getChildren, so the target is there.
  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.target!.getTreeItem(element);
  }

  getParent(element: unknown): vscode.ProviderResult<unknown> {
    return this.target?.getParent?.(element);
  }

  dispose(): void {
    this.targetEvents?.dispose();
    this.changed.dispose();
  }
}
