import * as vscode from 'vscode';
import { COMMANDS, type CommandHandler, type CommandServices } from './commands';
import { activateExplorer, type ExplorerServices } from './explorer/explorer';
import { activateLinter } from './lint/activateLinter';
import { Log } from './log';
import { Settings } from './settings';
import { RecoveryFlags } from './tasks/recoveryFlags';
import { activateTasks, type TaskServices } from './tasks/tasks';

/** What `activate` returns: the explorer's and the privileged tasks' services, for the integration tests and for extensions built on it. */
export interface RootGuardApi {
  explorer: ExplorerServices;
  tasks: TaskServices;
}

/**
 * The composition root: builds the services once and passes them by constructor; every disposable goes
 * into `context.subscriptions`. Activation makes no AWS calls; the explorer connects only when its view
 * is opened.
 */
export function activate(context: vscode.ExtensionContext): RootGuardApi {
  const log = Log.create();
  context.subscriptions.push(log);
  log.info(`RootGuard ${context.extension.packageJSON.version} activated`);

  const settings = new Settings();
  const lint = activateLinter(context, log, settings);
  // Set by the privileged tasks, shown by the explorer's tree: one instance, handed to both.
  const recovery = new RecoveryFlags(context.globalState);
  context.subscriptions.push(recovery);
  const explorer = activateExplorer(context, log, recovery);
  const tasks = activateTasks(context, log, explorer, recovery);
  registerCommands(context, log, { log, ...lint, explorer: explorer.actions, tasks: tasks.commands });
  return { explorer, tasks };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
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
          if (answer) log.show();
        });
        return undefined;
      }
    };
    context.subscriptions.push(vscode.commands.registerCommand(id, guarded));
  }
}
