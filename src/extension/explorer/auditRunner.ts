/**
 * Runs root credential audits from the tree: one account, an OU, the organization. Each account's result
 * lands in the audit store as it arrives (the tree repaints that account), a notification counts progress
 * when the run is long enough to need one, and its Cancel aborts the run: accounts not started are left
 * as they were, and the cancellation is reported as information, never as an error. Connected as the
 * management account, an OU or organization audit also reads that account's own root user.
 */
import * as vscode from 'vscode';
import { describeFailure, isAbortError } from '../../core/aws/errors';
import { auditAccount } from '../../core/root/audit';
import { readManagementRoot } from '../../core/root/managementRoot';
import { auditAccounts, type AuditProgress, type AuditRun } from '../../core/root/auditMany';
import { hasRootCredentials, type AccountAuditResult, type OrgAccount } from '../../core/org/model';
import type { Log } from '../log';
import type { Connection } from './connection';
import type { ExplorerSettings } from './explorerSettings';
import { OrgModel } from './orgModel';
import type { OrgTreeProvider } from './orgTreeProvider';
import { countPosture, describeCounts, presentAccount, type Risk } from './presentation';
import { withDelayedProgress } from './progress';

export class AuditRunner implements vscode.Disposable {
  /** Aborts every run in flight on disconnect or deactivation. */
  private readonly runs = new Set<AbortController>();
  private readonly connectionListener: vscode.Disposable;

  constructor(
    private readonly connection: Connection,
    private readonly tree: OrgTreeProvider,
    private readonly settings: ExplorerSettings,
    private readonly log: Log,
  ) {
    this.connectionListener = connection.onDidChange(() => this.cancelAll());
  }

  /**
   * Audits one member account again and returns its result (also in the tree). For commands that just
   * changed an account's root credentials. The management account is refused: AssumeRoot cannot target it.
   */
  async refreshAccount(accountId: string): Promise<AccountAuditResult> {
    const account = this.tree.model.account(accountId) ?? (await this.tree.model.snapshot()).accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`Account ${accountId} is not in the organization`);
    if (account.isManagement) throw new Error(`${account.name} (${account.id}) is the management account: root tasks cannot target it`);
    const store = this.tree.store;
    const signal = this.startRun();
    store.setAuditing([account.id], true);
    try {
      const result = await withDelayedProgress({ title: `Auditing root credentials of ${account.name}`, signal: signal.signal }, (_progress, abort) =>
        auditAccount(this.requireClients(), { id: account.id, state: account.state, isManagement: account.isManagement }, { signal: abort, logger: this.log }),
      );
      store.put(result);
      return result;
    } finally {
      store.setAuditing([account.id], false);
      this.runs.delete(signal);
    }
  }

  /** Audits every account under a root or OU (all levels); `scope` names it in the notification. */
  async auditUnder(parentId: string, scope: string): Promise<AuditRun | undefined> {
    const snapshot = await this.tree.model.snapshot();
    return this.auditMany(OrgModel.accountsUnder(snapshot, parentId), scope);
  }

  /** Audits the whole organization. */
  async auditOrganization(): Promise<AuditRun | undefined> {
    const snapshot = await this.tree.model.snapshot();
    return this.auditMany(snapshot.accounts, `organization ${snapshot.organization.id}`);
  }

  /** Stops every audit in flight (their finished results stay). */
  cancelAll(): void {
    for (const run of this.runs) run.abort();
  }

  dispose(): void {
    this.cancelAll();
    this.connectionListener.dispose();
  }

  private async auditMany(accounts: OrgAccount[], scope: string): Promise<AuditRun | undefined> {
    // The management account and suspended or closed accounts cannot be audited; they are not counted.
    const targets = accounts.filter((a) => !a.isManagement && (a.state === 'ACTIVE' || a.state === 'UNKNOWN'));
    if (targets.length === 0) {
      void vscode.window.showInformationMessage(`RootGuard: no member account to audit in ${scope}.`);
      return undefined;
    }
    const store = this.tree.store;
    const ids = targets.map((a) => a.id);
    const { concurrency } = this.settings.audit();
    const outer = this.startRun();
    const risks: Risk[] = [];
    store.setAuditing(ids, true);
    this.log.info(`auditing ${targets.length} accounts in ${scope} (concurrency ${concurrency})`);
    const ownRoot = this.readOwnRoot(accounts, outer.signal).catch((err) => this.log.warn('reading the management account\'s own root user failed:', err));
    try {
      const run = await withDelayedProgress({ title: `Auditing root credentials in ${scope}`, signal: outer.signal }, (progress, signal) =>
        auditAccounts(this.requireClients(), targets, {
          signal,
          concurrency,
          logger: this.log,
          onProgress: (p) => {
            store.put(p.result);
            risks.push(this.riskOf(p.result.accountId));
            progress.report({ increment: 100 / p.total, message: progressMessage(p, risks) });
          },
        }),
      );
      await ownRoot;
      this.reportRun(run, scope, risks);
      return run;
    } finally {
      store.setAuditing(ids, false);
      this.runs.delete(outer);
    }
  }

  /**
   * Connected as the management account, its own root user (which AssumeRoot cannot reach) is read with the
   * caller's credentials beside the member audits. A failure is shown on its row and never fails the run.
   */
  private async readOwnRoot(accounts: readonly OrgAccount[], signal: AbortSignal): Promise<void> {
    const management = accounts.find((a) => a.isManagement);
    if (!management || (await this.tree.model.overview()).caller.accountId !== management.id) return;
    const store = this.tree.store;
    store.setAuditing([management.id], true);
    try {
      const read = await readManagementRoot(this.requireClients(), management.id, { signal });
      if (read.reportUnavailable) this.log.warn(`management account ${management.id}: credential report not read (${read.reportUnavailable}); GetAccountSummary only`);
      store.putManagementRoot(management.id, { read });
    } catch (err) {
      if (isAbortError(err)) return;
      const { code } = describeFailure(err);
      this.log.warn(`management account ${management.id}: its root user could not be read with the caller's credentials (${code})`);
      store.putManagementRoot(management.id, { failed: code });
    } finally {
      store.setAuditing([management.id], false);
    }
  }

  private reportRun(run: AuditRun, scope: string, risks: Risk[]): void {
    const summary = describeCounts(countPosture(risks));
    this.log.info(`audit of ${scope} ${run.cancelled ? 'cancelled' : 'finished'}: ${summary}`);
    if (run.cancelled) {
      void vscode.window.showInformationMessage(`RootGuard: audit of ${scope} cancelled after ${run.results.length} accounts; ${run.notAudited.length} not audited.`);
      return;
    }
    const withCredentials = run.results.some((r) => r.kind === 'ok' && hasRootCredentials(r.status));
    const show = 'Show Accounts with Root Credentials';
    void vscode.window
      .showInformationMessage(`RootGuard: audited ${run.results.length} accounts in ${scope}: ${summary}.`, ...(withCredentials ? [show] : []))
      .then((answer) => {
        if (answer === show) this.tree.setFilter({ withRootCredentials: true, rootTaskBlocked: false, text: '' });
      });
  }

  private riskOf(accountId: string): Risk {
    const account = this.tree.model.account(accountId);
    if (!account) return 'unknown';
    return presentAccount({ account, entry: this.tree.store.get(accountId), auditing: false, maxAgeMs: Infinity, now: new Date() }).risk;
  }

  private startRun(): AbortController {
    const controller = new AbortController();
    this.runs.add(controller);
    return controller;
  }

  private requireClients() {
    const active = this.connection.active;
    if (!active) throw new Error('Not connected: choose an AWS profile or the sandbox organization first');
    return active.clients;
  }
}

/** `12 of 28 audited · 4 with root credentials · 2 to review · 1 failed`. */
function progressMessage(progress: AuditProgress, risks: Risk[]): string {
  const counts = countPosture(risks);
  const parts: [number, string][] = [
    [counts.withCredentials, 'with root credentials'],
    [counts.attention, 'to review'],
    [counts.failed, 'failed'],
  ];
  return [`${progress.completed} of ${progress.total} audited`, ...parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`)].join(' · ');
}
