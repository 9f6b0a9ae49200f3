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
import { checkedAuditLogPath } from '../tasks/auditLogSetting';
import type { Connection } from './connection';
import { ConnectionScopedRead } from './connectionScopedRead';

/** A history as read, and the audit log it joined when there was none at the setting's path. */
export interface HistoryRead {
  history: RootSessionHistory;
  missingAuditLog?: string;
}

export class HistoryState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a history was read or dropped: account rows repaint their tooltips. */
  readonly onDidChange = this.changed.event;
  private readonly history: ConnectionScopedRead<HistoryRead>;
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
    return this.history.current?.history;
  }

  /** The account's last root session, once the history has been read. */
  account(accountId: string): AccountHistory | undefined {
    return this.current?.accounts.find((a) => a.accountId === accountId);
  }

  /** Reads the history (once per connection; `reset` reads it again next time). */
  load(): Promise<HistoryRead> {
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

  private async read(signal: AbortSignal): Promise<HistoryRead> {
    const active = this.connection.active;
    if (!active) throw new Error('Not connected');
    const configured = vscode.workspace.getConfiguration('rootguard.history').get<string[]>('regions', []).filter((r) => typeof r === 'string' && r.trim());
    // The setting overrides the discovery of the regions enabled for the account (core/history/regions.ts).
    const regions = configured.length ? [...new Set(configured)] : undefined;
    // A setting naming a folder (or a file that may not be read) is said as the CLI says it, before CloudTrail is read.
    const auditLogPath = await checkedAuditLogPath(this.auditLogPath(), 'read');
    const audit = await readAuditLog(auditLogPath);
    const history = await loadRootSessionHistory(active.clients, {
      regions,
      days: MAX_HISTORY_DAYS,
      auditRecords: audit.records,
      sessionRequests: audit.sessionRequests,
      auditLogSkippedLines: audit.unreadableLines,
      expectedFromHolders: true,
      holdersReport: () => this.holders(),
      signal,
    });
    return { history, ...(audit.missing ? { missingAuditLog: auditLogPath } : {}) };
  }
}
