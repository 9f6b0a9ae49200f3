import * as vscode from 'vscode';
import { COMMANDS, type CommandHandler, type CommandServices } from './commands';
import { DeferredTreeProvider } from './deferredTree';
import { EXPLORER_VIEW_ID } from './explorer/viewId';
import { activateLinter } from './lint/activateLinter';
import { Log } from './log';
import type { OrgFeatures } from './orgFeatures';
import { Settings } from './settings';

/** What `activate` returns, for the integration tests and for extensions built on RootGuard. */
export interface RootGuardApi {
  /** The explorer's and the privileged tasks' services, loaded on first use. */
  orgFeatures(): Promise<OrgFeatures>;
}

/**
 * The composition root: builds the services once and passes them by constructor; every disposable goes
 * into `context.subscriptions`. Activation makes no AWS calls and loads only the linter: RootGuard
 * activates for any JSON file, so the explorer and the tasks (their own bundle, with the AWS SDK) load
 * when the Root Access view first shows or one of their commands runs.
 */
export function activate(context: vscode.ExtensionContext): RootGuardApi {
  const log = Log.create(context.extension.id);
  context.subscriptions.push(log);
  log.info(`RootGuard ${context.extension.packageJSON.version} activated`);

  const lint = activateLinter(context, log, new Settings());
  const orgFeatures = deferOrgFeatures(context, log);
  registerCommands(context, log, { log, ...lint, orgFeatures });
  return { orgFeatures };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** Creates the Root Access view now, and returns the loader of what fills it (loaded once). */
function deferOrgFeatures(context: vscode.ExtensionContext, log: Log): () => Promise<OrgFeatures> {
  let loading: Promise<OrgFeatures> | undefined;
  const load = (): Promise<OrgFeatures> =>
    (loading ??= import('./orgFeatures').then(
      ({ activateOrgFeatures }) => activateOrgFeatures(context, log, { treeView, provider }),
      (err: unknown) => {
        loading = undefined; // a later use tries again
        log.error('loading the Root Access explorer failed:', err);
        throw err;
      },
    ));
  const provider = new DeferredTreeProvider(load);
  const treeView = vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  context.subscriptions.push(treeView, provider);
  return load;
}

/**
 * Registers the command table. Errors are caught here, at the command boundary: logged, and shown once
 * with a way to the log; a cancellation by the user is not an error.
 */
function registerCommands(context: vscode.ExtensionContext, log: Log, services: CommandServices): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    const handler: CommandHandler = factory(services);
    const guarded = async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        if (err instanceof vscode.CancellationError) return undefined;
        log.error(`command ${id} failed:`, err);
        void vscode.window.showErrorMessage(`RootGuard: ${err instanceof Error ? err.message : String(err)}`, 'Show Log').then((answer) => {
          if (answer) void log.show();
        });
        return undefined;
      }
    };
    context.subscriptions.push(vscode.commands.registerCommand(id, guarded));
  }
}
