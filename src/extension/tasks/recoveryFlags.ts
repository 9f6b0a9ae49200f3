/**
 * Accounts where password recovery was allowed: they keep a flag in the tree until their root credentials
 * are deleted again, so a password created for one job is not forgotten. Kept in globalState (ids and times
 * only).
 */
import * as vscode from 'vscode';

const STATE_KEY = 'rootguard.passwordRecoveryAllowed';

export class RecoveryFlags implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  /** Fires with the account ids whose flag changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  /** When recovery was allowed in the account (ISO time), or undefined when it is not flagged. */
  allowedAt(accountId: string): string | undefined {
    return this.all()[accountId];
  }

  async set(accountIds: readonly string[], allowedAt: string): Promise<void> {
    if (!accountIds.length) return;
    await this.memento.update(STATE_KEY, { ...this.all(), ...Object.fromEntries(accountIds.map((id) => [id, allowedAt])) });
    this.changed.fire(accountIds);
  }

  async clear(accountIds: readonly string[]): Promise<void> {
    const all = this.all();
    const cleared = accountIds.filter((id) => id in all);
    if (!cleared.length) return;
    for (const id of cleared) delete all[id];
    await this.memento.update(STATE_KEY, all);
    this.changed.fire(cleared);
  }

  private all(): Record<string, string> {
    return { ...this.memento.get<Record<string, string>>(STATE_KEY, {}) };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
