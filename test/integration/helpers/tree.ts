// Reading the Root Access tree as the workbench does: getChildren all the way down, getTreeItem per node.
import * as vscode from 'vscode';
import type { OrgFeatures } from '../../../src/extension/orgFeatures';
import type { ExplorerNode } from '../../../src/extension/explorer/nodes';
import type { SandboxHandle } from '../../../src/sandbox/index';
import type { SandboxConnectOptions } from '../../../src/extension/explorer/connection';

export interface TreeRow {
  node: ExplorerNode;
  item: vscode.TreeItem;
  depth: number;
}

/** Every node under `node` (the whole tree by default), expanded all the way down, with its TreeItem. */
export async function walkTree(api: OrgFeatures, node?: ExplorerNode, depth = 0): Promise<TreeRow[]> {
  const rows: TreeRow[] = [];
  for (const child of await api.explorer.tree.getChildren(node)) {
    rows.push({ node: child, item: api.explorer.tree.getTreeItem(child), depth });
    rows.push(...(await walkTree(api, child, depth + 1)));
  }
  return rows;
}

export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The row of a message node by its key (`notManagement`, `enable`, …), if the tree shows one. */
export function messageRow(rows: TreeRow[], key: string): TreeRow | undefined {
  return rows.find((r) => r.node.kind === 'message' && r.node.key === key);
}

/** Starts the extension's sandbox through its command, with test-only options, and returns its handle. */
export async function connectSandbox(api: OrgFeatures, options?: SandboxConnectOptions): Promise<SandboxHandle> {
  await vscode.commands.executeCommand('rootguard.connectSandbox', options);
  const sandbox = api.explorer.connection.sandboxHandle;
  if (!sandbox) throw new Error('the sandbox did not start; see the RootGuard log');
  return sandbox;
}
