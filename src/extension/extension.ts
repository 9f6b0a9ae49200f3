import * as vscode from 'vscode';

/**
 * The composition root: builds the services once and passes them by constructor. Activation makes no
 * AWS calls; the explorer connects only when its view is opened.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('RootGuard', { log: true });
  context.subscriptions.push(log);
  log.info(`RootGuard ${context.extension.packageJSON.version} activated`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
