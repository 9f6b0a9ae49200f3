/**
 * The audit results the tree shows, per organization: core's AuditCache, persisted in `globalState` for
 * profile connections so statuses appear at once when VS Code reopens (marked stale when old). Results hold
 * no secrets, and the cache rebuilds them field by field on load. The sandbox's results stay in memory, whether
 * it was started by the extension or is reached through a profile (the demo's): its organization is rebuilt
 * on every start, and stale rows from an earlier one would be wrong.
 */
import * as vscode from 'vscode';
import { AuditCache, type AuditCacheEntry } from '../../core/root/auditCache';
import type { AccountAuditResult } from '../../core/org/model';
import type { ManagementRootRead } from '../../core/root/managementRoot';

/**
 * The management account's own root user, read with the caller's credentials (AssumeRoot cannot reach it):
 * what the read found, or why it failed. Kept in memory only, for the open organization.
 */
export type ManagementRootView = { read: ManagementRootRead } | { failed: string };

const STATE_KEY_PREFIX = 'rootguard.auditCache/';
/** Bulk audits put thousands of results; one write per burst is enough. */
const SAVE_DELAY_MS = 1000;

export class AuditStore implements vscode.Disposable {
  private cache = new AuditCache();
  private stateKey: string | undefined;
  private openOrganization: string | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private readonly auditing = new Set<string>();
  private management: { accountId: string; view: ManagementRootView } | undefined;
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  /** Fires with the account ids whose result or auditing flag changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  /** Switches to one organization's results; `persist` loads and saves them in globalState. */
  open(organizationId: string, persist: boolean): void {
    // A refresh reopens the same organization: keep what the cache has, the sandbox's included.
    if (this.openOrganization === organizationId) return;
    this.flush();
    this.openOrganization = organizationId;
    this.management = undefined;
    const key = persist ? STATE_KEY_PREFIX + organizationId : undefined;
    this.stateKey = key;
    this.cache = key ? AuditCache.fromJSON(this.memento.get(key)) : new AuditCache();
  }

  /** Forgets the open organization (a disconnect); what was persisted stays for next time. */
  close(): void {
    this.flush();
    this.stateKey = undefined;
    this.openOrganization = undefined;
    this.cache = new AuditCache();
    this.auditing.clear();
    this.management = undefined;
  }

  /** What the last read of the management account's own root user found, when `accountId` is that account. */
  managementRoot(accountId: string): ManagementRootView | undefined {
    return this.management?.accountId === accountId ? this.management.view : undefined;
  }

  putManagementRoot(accountId: string, view: ManagementRootView): void {
    this.management = { accountId, view };
    this.auditing.delete(accountId);
    this.changed.fire([accountId]);
  }

  get(accountId: string): AuditCacheEntry | undefined {
    return this.cache.get(accountId);
  }

  /** True when no account of the open organization has a result yet. */
  isEmpty(): boolean {
    return this.cache.latestResults().length === 0;
  }

  put(result: AccountAuditResult): void {
    this.cache.put(result);
    this.auditing.delete(result.accountId);
    this.scheduleSave();
    this.changed.fire([result.accountId]);
  }

  isAuditing(accountId: string): boolean {
    return this.auditing.has(accountId);
  }

  /** Marks accounts as queued or running (the tree shows a spinner), or clears the mark. */
  setAuditing(accountIds: readonly string[], auditing: boolean): void {
    for (const id of accountIds) {
      if (auditing) this.auditing.add(id);
      else this.auditing.delete(id);
    }
    if (accountIds.length) this.changed.fire(accountIds);
  }

  dispose(): void {
    this.flush();
    this.changed.dispose();
  }

  private scheduleSave(): void {
    if (!this.stateKey || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  private flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.stateKey) void this.memento.update(this.stateKey, this.cache.toJSON());
  }
}
