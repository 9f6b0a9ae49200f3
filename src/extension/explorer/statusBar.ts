/**
 * The connection in the status bar: the profile and region, or SANDBOX on a warning background so that
 * nobody mistakes the local demo organization for AWS. Hidden while not connected; a click switches.
 */
import * as vscode from 'vscode';
import type { ActiveConnection, Connection } from './connection';

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rootguard.connection', vscode.StatusBarAlignment.Left, 50);
  private readonly listener: vscode.Disposable;

  constructor(connection: Connection) {
    this.item.name = 'RootGuard Connection';
    this.item.command = 'rootguard.selectProfile';
    this.listener = connection.onDidChange((active) => this.show(active));
    this.show(connection.active);
  }

  private show(active: ActiveConnection | undefined): void {
    if (!active) {
      this.item.hide();
      return;
    }
    const sandbox = active.kind === 'sandbox';
    this.item.text = sandbox ? '$(beaker) RootGuard: SANDBOX' : `$(shield) ${active.label} · ${active.region}`;
    this.item.backgroundColor = sandbox ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = sandbox
      ? `RootGuard is connected to the local sandbox organization at ${active.endpoint} (not AWS). Click to choose a profile.`
      : `RootGuard: profile ${active.label}, region ${active.region}${active.endpoint ? `, endpoint ${active.endpoint}` : ''}. Click to switch.`;
    this.item.show();
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}
