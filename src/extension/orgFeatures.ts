/**
 * The Root Access explorer and the privileged tasks: everything in the extension that talks to AWS or the
 * sandbox. Built as its own bundle (dist/orgFeatures.js, see esbuild.js) and loaded the first time the view
 * shows or one of their commands runs (extension.ts).
 */
import type * as vscode from 'vscode';
import type { DeferredTreeProvider } from './deferredTree';
import { activateExplorer, type ExplorerServices } from './explorer/explorer';
import type { Log } from './log';
import { RecoveryFlags } from './tasks/recoveryFlags';
import { activateTasks, type TaskServices } from './tasks/tasks';

export interface OrgFeatures {
  explorer: ExplorerServices;
  tasks: TaskServices;
}

/** `view` is the Root Access view the activation shell created; the explorer's tree is attached to it here. */
export function activateOrgFeatures(
  context: vscode.ExtensionContext,
  log: Log,
  view: { treeView: vscode.TreeView<unknown>; provider: DeferredTreeProvider },
): OrgFeatures {
  // Set by the privileged tasks, shown by the explorer's tree: one instance, handed to both.
  const recovery = new RecoveryFlags(context.globalState);
  context.subscriptions.push(recovery);
  const explorer = activateExplorer(context, log, recovery, view.treeView);
  const tasks = activateTasks(context, log, explorer, recovery);
  view.provider.attach(explorer.tree);
  return { explorer, tasks };
}
