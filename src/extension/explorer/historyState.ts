/**
 * The root session history the explorer shows: read on demand (expanding the "Root session history" node)
 * for the active connection, kept in memory until the connection changes or the user refreshes. It holds no
 * secret (core/history drops the session tokens CloudTrail records), and it is never persisted.
 */
import * as vscode from 'vscode';
import { loadRootSessionHistory } from '../../core/history/history';
import { MAX_HISTORY_DAYS } from '../../core/history/lookup';
import type { AccountHistory, RootSessionHistory } from '../../core/history/model';
import type { HoldersReport } from '../../core/holders/model';
import { readAuditLog } from '../../core/root/auditLog';
import type { Connection } from './connection';
import { ConnectionScopedRead } from './connectionScopedRead';

export class HistoryState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a history was read or dropped: account rows repaint their tooltips. */
  readonly onDidChange = this.changed.event;
  private readonly history: ConnectionScopedRead<RootSessionHistory>;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: Connection,
    private readonly auditLogPath: () => string,
    /** The holders view the sessions are checked against (read once, shared with the Root session holders node). */
    private readonly holders: () => Promise<HoldersReport>,
  ) {
    this.history = new ConnectionScopedRead({ read: (signal) => this.read(signal), onChange: () => this.changed.fire() });
    this.subscription = connection.onDidChange(() => this.reset());
  }

  get current(): RootSessionHistory | undefined {
    return this.history.current;
  }

  /** The account's last root session, once the history has been read. */
  account(accountId: string): AccountHistory | undefined {
    return this.history.current?.accounts.find((a) => a.accountId === accountId);
  }

  /** Reads the history (once per connection; `reset` reads it again next time). */
  load(): Promise<RootSessionHistory> {
    return this.history.load();
  }

  /** Drops what was read and stops a read in flight; the next `load` reads again. */
  reset(): void {
    this.history.reset();
  }

  dispose(): void {
    this.history.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async read(signal: AbortSignal): Promise<RootSessionHistory> {
    const active = this.connection.active;
    if (!active) throw new Error('Not connected');
    const configured = vscode.workspace.getConfiguration('rootguard.history').get<string[]>('regions', []).filter((r) => typeof r === 'string' && r.trim());
    // The setting overrides the discovery of the regions enabled for the account (core/history/regions.ts).
    const regions = configured.length ? [...new Set(configured)] : undefined;
    const audit = await readAuditLog(this.auditLogPath());
    return loadRootSessionHistory(active.clients, {
      regions,
      days: MAX_HISTORY_DAYS,
      auditRecords: audit.records,
      auditLogSkippedLines: audit.unreadableLines,
      expectedFromHolders: true,
      holdersReport: () => this.holders(),
      signal,
    });
  }
}
