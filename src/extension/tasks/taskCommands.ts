/**
 * The privileged-task commands: pick the accounts (node, selection, OU, organization or a picker), ask the
 * task's parameters, confirm in a modal naming the accounts (bulk: type the count; protected accounts need
 * the override), run with progress and Cancel, then summarize, re-audit what was touched and flag accounts
 * where password recovery was allowed. Core does the work; this file only asks and shows.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { isAbortError } from '../../core/aws/errors';
import { describeAccount } from '../../core/org/describe';
import type { OrgAccount } from '../../core/org/model';
import { type TaskPrediction, contradiction } from '../../core/preflight';
import { printable } from '../../core/report/cells';
import { auditAccounts } from '../../core/root/auditMany';
import { JsonlAuditLog, readAuditLog } from '../../core/root/auditLog';
import { deleteRootCredentialsTask } from '../../core/root/deleteCredentials';
import { allowPasswordRecoveryTask } from '../../core/root/passwordRecovery';
import { findKeptPolicy, keptPolicies } from '../../core/root/keptPolicyLookup';
import { restorePolicyTask } from '../../core/root/restorePolicy';
import { runRootTask } from '../../core/root/runTask';
import type { TaskRun } from '../../core/root/taskRun';
import type { RootTask, TaskPlan } from '../../core/root/taskModel';
import { formatTaskRun, summarizeTaskRun, countsLine } from '../../core/root/taskReport';
import { taskRunMarkdown } from '../../core/root/taskReportMarkdown';
import { unlockS3BucketPolicyTask } from '../../core/root/unlockS3';
import { queueInputProblem, unlockSqsQueuePolicyTask } from '../../core/root/unlockSqs';
import { listUnlockCandidates, type UnlockResourceKind } from '../../core/root/unlockCandidates';
import type { ExplorerServices } from '../explorer/explorer';
import type { Log } from '../log';
import type { AuditLogDocument } from './auditLogDocument';
import { checkedAuditLogPath } from './auditLogSetting';
import { type PreflightNotice, describeNotice, preflightNotice } from './preflightNotice';
import type { ListedResources, Prompts } from './prompts';
import type { RecoveryFlags } from './recoveryFlags';
import { RESTORE_ANYWAY, restoreRecordConfirmation } from './restoreRecordConfirmation';
import type { SessionCountdown } from './sessionCountdown';
import type { TaskReportView } from './taskReportView';
import { type TaskScope, resolveScope } from './targets';
import type { TaskSettings } from './taskSettings';

/** What the confirmation decided. */
interface RunDecision {
  dryRun: boolean;
  overrideProtected: boolean;
  /** Leave out the accounts where the preflight predicts the task blocked. */
  skipBlocked: boolean;
}

/** The preflight as the confirmation saw it: what it says, and each account's prediction to check the outcome against. */
interface Checked {
  notice: PreflightNotice;
  predictions: ReadonlyMap<string, TaskPrediction>;
}

/** How many account names a bulk confirmation lists before "and N more". */
const NAMES_SHOWN = 10;

export const DRY_RUN = 'Dry Run';

export class PrivilegedTasks {
  constructor(
    private readonly explorer: ExplorerServices,
    private readonly settings: TaskSettings,
    private readonly countdown: SessionCountdown,
    private readonly recovery: RecoveryFlags,
    private readonly auditLog: AuditLogDocument,
    /** Public for the integration tests, which read the report shown last. */
    readonly reports: TaskReportView,
    /** Replaced by the integration tests with scripted answers. */
    public prompts: Prompts,
    private readonly log: Log,
  ) {}

  async deleteRootCredentials(...args: unknown[]): Promise<TaskRun | undefined> {
    return this.run(args, 'Delete root credentials in', 'Delete', async (scope) => {
      const kinds = await this.prompts.pickCredentialKinds(scope.label);
      return kinds && deleteRootCredentialsTask(kinds);
    });
  }

  async allowPasswordRecovery(...args: unknown[]): Promise<TaskRun | undefined> {
    return this.run(args, 'Allow password recovery in', 'Allow Recovery', async () => allowPasswordRecoveryTask());
  }

  async unlockS3BucketPolicy(...args: unknown[]): Promise<TaskRun | undefined> {
    return this.run(args, 'Unlock an S3 bucket policy in', 'Delete Policy', async (scope) => {
      const account = this.single(scope, 'bucket');
      const bucket = await this.prompts.askBucket(account, await this.listResources(account, 'bucket'));
      return bucket === undefined ? undefined : unlockS3BucketPolicyTask(bucket);
    });
  }

  async unlockSqsQueuePolicy(...args: unknown[]): Promise<TaskRun | undefined> {
    return this.run(args, 'Unlock an SQS queue policy in', 'Remove Policy', async (scope) => {
      const account = this.single(scope, 'queue');
      const place = this.connected().clients.sqsPlace;
      // Checked as typed, as the run would check it: a URL on another host is refused before any confirmation.
      const queue = await this.prompts.askQueue(account, await this.listResources(account, 'queue'), (typed) => queueInputProblem(typed, account.id, place));
      return queue === undefined ? undefined : unlockSqsQueuePolicyTask(queue);
    });
  }

  /**
   * Puts back a policy an unlock removed: the one of the audit intent `intentId` (the button after an unlock),
   * or one picked from those the audit log keeps. It runs in the account the record names, confirmed as any task,
   * after a confirmation of its own when the record is superseded, of unknown outcome or unverified, as in the CLI.
   */
  async restorePolicy(intentId?: unknown): Promise<TaskRun | undefined> {
    const log = await readAuditLog(await checkedAuditLogPath(this.settings.auditLogPath(), 'write'));
    const { records, recordLines, unreadableLines } = log;
    const entry = typeof intentId === 'string' ? findKeptPolicy(records, intentId, unreadableLines, recordLines) : await this.prompts.pickKeptPolicy(keptPolicies(records, recordLines).reverse(), unreadableLines);
    if (!entry) return undefined;
    const question = restoreRecordConfirmation(log, entry, (await this.explorer.tree.model.overview()).caller.arn);
    if (question && (await this.prompts.confirm(question.message, question.detail, [RESTORE_ANYWAY])) !== RESTORE_ANYWAY) return undefined;
    return this.run([entry.accountId], 'Restore a policy in', 'Restore Policy', async () => restorePolicyTask(entry));
  }

  /** Opens the audit log read-only; says where it will be when no task has written it yet. */
  async openAuditLog(): Promise<vscode.TextEditor | undefined> {
    const path = await checkedAuditLogPath(this.settings.auditLogPath(), 'read');
    if (!existsSync(path)) {
      void this.prompts.inform(`RootGuard: no privileged task has run yet. The audit log will be written to ${path}.`, []);
      return undefined;
    }
    return this.auditLog.show();
  }

  /**
   * The account's buckets or queues, listed in a short root session of the unlock task's own policy. A
   * listing that fails (denied, throttled) is no dead end: the picker says why and takes a typed name.
   */
  private async listResources(account: OrgAccount, kind: UnlockResourceKind): Promise<ListedResources> {
    const active = this.connected();
    try {
      const candidates = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `RootGuard: listing the ${kind}s of ${describeAccount(account)}`, cancellable: true },
        (_progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return listUnlockCandidates(active.clients, account.id, kind, { signal: controller.signal, durationSeconds: 60, logger: this.log });
        },
      );
      return { candidates };
    } catch (err) {
      if (isAbortError(err)) throw new vscode.CancellationError(); // the user cancelled the listing: stop there
      this.log.warn(`listing the ${kind}s of ${account.id} failed:`, err);
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }

  private connected() {
    const active = this.explorer.connection.active;
    if (!active) throw new Error('Not connected: choose an AWS profile or the sandbox organization first');
    return active;
  }

  /** Buckets and queues belong to one account: the unlock tasks run on exactly one. */
  private single(scope: TaskScope, what: string): OrgAccount {
    if (scope.accounts.length !== 1) throw new Error(`Pick one account: a ${what} policy is unlocked in the account that owns the ${what}`);
    return scope.accounts[0];
  }

  private async run(args: unknown[], pickTitle: string, verb: string, build: (scope: TaskScope) => Promise<RootTask | undefined>): Promise<TaskRun | undefined> {
    // Every task appends to the audit log: a setting that cannot be it is refused before anything is asked, as the CLI does.
    await checkedAuditLogPath(this.settings.auditLogPath(), 'write');
    const scope = await resolveScope(args, this.explorer.tree, this.prompts, `${pickTitle}…`);
    if (!scope) return undefined;
    if (scope.accounts.length === 0) {
      const names = scope.excluded.map(describeAccount).join(', ');
      void this.prompts.inform(`RootGuard: no account in ${scope.label} can be a target${names ? ` (${names}: the management account or not active)` : ''}.`, []);
      return undefined;
    }
    const task = await build(scope);
    if (!task) return undefined;
    const checked = await this.checkAgainstPolicies(task, scope);
    const decision = await this.confirmRun(task, scope, verb, checked.notice);
    if (!decision) return undefined;
    const blocked = new Set(checked.notice.blocked.map((b) => b.account.id));
    const targets = decision.skipBlocked ? { ...scope, accounts: scope.accounts.filter((a) => !blocked.has(a.id)) } : scope;
    const run = await this.execute(task, targets, verb, decision);
    const contradicted = this.compareWithPredictions(run, checked.predictions);
    await this.afterRun(task, run, scope, { skipped: scope.accounts.length - targets.accounts.length, contradicted });
    return run;
  }

  /**
   * The preflight for the task on the chosen accounts, read first if the tree has not yet (with its own
   * progress and Cancel); policies that cannot be read leave the accounts unchecked, said so, never "works".
   */
  private async checkAgainstPolicies(task: RootTask, scope: TaskScope): Promise<Checked> {
    const preflight = this.explorer.preflight;
    await preflight.load();
    const unavailable = preflight.current ? undefined : (preflight.unavailableReason ?? 'the prediction is not available');
    const predictions = new Map<string, TaskPrediction>();
    for (const account of scope.accounts) {
      const prediction = preflight.predictions(account.id).find((p) => p.task === task.taskPolicy);
      if (prediction) predictions.set(account.id, prediction);
    }
    return { notice: preflightNotice(scope.accounts, (id) => predictions.get(id), unavailable), predictions };
  }

  /** Logs every account whose outcome contradicts its prediction, so the engine can be corrected; returns how many. */
  private compareWithPredictions(run: TaskRun, predictions: ReadonlyMap<string, TaskPrediction>): number {
    let contradicted = 0;
    for (const result of run.results) {
      const prediction = predictions.get(result.accountId);
      const sentence = prediction && contradiction(prediction, result);
      if (!sentence) continue;
      contradicted++;
      this.log.warn(`preflight contradicted by the outcome: ${sentence}`);
    }
    return contradicted;
  }

  private async confirmRun(task: RootTask, scope: TaskScope, verb: string, notice: PreflightNotice): Promise<RunDecision | undefined> {
    const protectedIds = new Set(this.settings.protectedAccounts());
    const guarded = scope.accounts.filter((a) => protectedIds.has(a.id));
    const blockedIds = new Set(notice.blocked.map((b) => b.account.id));
    // Skipping is offered when it leaves something to do; a lone blocked account can still be tried.
    const skippable = blockedIds.size > 0 && blockedIds.size < scope.accounts.length;
    const skip = `Skip Predicted Blocked and ${verb}…`;
    const override = `Override Protection and ${verb}…`;
    const go = `${verb}…`;
    const detail = [
      this.describeTargets(scope),
      guarded.length ? `Protected (rootguard.protectedAccounts), refused unless you override: ${guarded.map(describeAccount).join(', ')}.` : '',
      ...describeNotice(notice, skippable, NAMES_SHOWN),
      scope.bulk
        ? `One ${task.taskPolicy} root session per account, at most ${this.settings.sessionSeconds()} s each. You will type the number of accounts next. "${DRY_RUN}" lists what would change and changes nothing.`
        : `One root session (${task.taskPolicy}, at most ${this.settings.sessionSeconds()} s) reads the account first; you see exactly what will change and confirm again before anything does.`,
    ].filter(Boolean).join('\n\n');
    const actions = [...(skippable ? [skip] : []), go, ...(guarded.length ? [override] : []), DRY_RUN];
    const answer = await this.prompts.confirm(`${task.title} in ${scope.label}?`, detail, actions);
    if (!answer) return undefined;
    const decision = { dryRun: answer === DRY_RUN, overrideProtected: answer === override, skipBlocked: answer === skip };
    if (decision.dryRun || !scope.bulk) return decision;
    const acted = scope.accounts.filter((a) => !(decision.skipBlocked && blockedIds.has(a.id)) && (decision.overrideProtected || !protectedIds.has(a.id)));
    return (await this.prompts.typeCount(acted.length, scope.label)) ? decision : undefined;
  }

  private describeTargets(scope: TaskScope): string {
    const names = scope.accounts.slice(0, NAMES_SHOWN).map(describeAccount);
    const more = scope.accounts.length > NAMES_SHOWN ? ` and ${scope.accounts.length - NAMES_SHOWN} more` : '';
    const excluded = scope.excluded.length ? `\nNot targets (management account or not active): ${scope.excluded.map(describeAccount).join(', ')}.` : '';
    return `Accounts (${scope.accounts.length}): ${names.join(', ')}${more}.${excluded}`;
  }

  /** Inside the single account's session: shows the preview and the exact changes, asks once more. */
  private async confirmPlan(account: OrgAccount, task: RootTask, verb: string, plan: TaskPlan): Promise<boolean> {
    if (plan.preview) await this.prompts.showDocument(plan.preview.title, plan.preview.content);
    // A change names what the account holds (a bucket policy's Sid, a queue): printable, as the CLI shows it.
    const changes = plan.changes.map((c) => `• ${printable(c.description)}`).join('\n');
    const undo = plan.keptPolicy ? 'The audit log keeps the policy; Restore Policy puts it back.' : 'This cannot be undone from RootGuard.';
    const answer = await this.prompts.confirm(`${verb} in ${describeAccount(account)}? ${undo}`, `${task.title}:\n${changes}${plan.note ? `\n\n${printable(plan.note)}` : ''}`, [verb]);
    return answer === verb;
  }

  private async execute(task: RootTask, scope: TaskScope, verb: string, decision: RunDecision): Promise<TaskRun> {
    const active = this.connected();
    const overview = await this.explorer.tree.model.overview();
    const byId = new Map(scope.accounts.map((a) => [a.id, a]));
    const title = `${task.title}${decision.dryRun ? ' (dry run)' : ''} in ${scope.label}`;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `RootGuard: ${title}`, cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const confirmPlan = scope.bulk || decision.dryRun ? undefined : (id: string, plan: TaskPlan) => this.confirmPlan(byId.get(id)!, task, verb, plan);
      return runRootTask(active.clients, task, scope.accounts.map((a) => ({ id: a.id, name: a.name, state: a.state, isManagement: a.isManagement })), {
        auditLog: new JsonlAuditLog(this.settings.auditLogPath()),
        callerArn: overview.caller.arn,
        signal: controller.signal,
        durationSeconds: this.settings.sessionSeconds(),
        dryRun: decision.dryRun,
        protectedAccounts: this.settings.protectedAccounts(),
        overrideProtected: decision.overrideProtected,
        managementAccountId: overview.organization.managementAccountId,
        confirmPlan,
        onSession: this.countdown.onSession,
        onProgress: (p) => progress.report({ increment: 100 / p.total, message: `${p.completed} of ${p.total} accounts` }),
        logger: this.log,
      });
    });
  }

  private async afterRun(task: RootTask, run: TaskRun, scope: TaskScope, preflight: { skipped: number; contradicted: number }): Promise<void> {
    this.log.info(formatTaskRun(run));
    const summary = summarizeTaskRun(run);
    if (!run.dryRun) await this.reaudit(run);
    const changed = summary.done.filter((r) => r.changes.length > 0).map((r) => r.accountId);
    if (task.kind === 'allowPasswordRecovery') await this.recovery.set(changed, run.finishedAt);
    // Without a password the recovery flag has done its job, whether this run deleted one or found none.
    if (task.kind === 'deleteRootCredentials' && task.parameters.kinds.includes('password')) await this.recovery.clear(summary.done.map((r) => r.accountId));
    const nextStep = task.kind === 'allowPasswordRecovery' ? summary.done.find((r) => r.changes.length > 0)?.note : undefined;
    const skipped = preflight.skipped ? ` ${preflight.skipped} predicted blocked ${preflight.skipped === 1 ? 'was' : 'were'} skipped.` : '';
    const contradicted = preflight.contradicted ? ` The outcome contradicted the preflight in ${preflight.contradicted} account${preflight.contradicted === 1 ? '' : 's'}: see the log.` : '';
    const message = `RootGuard: ${run.title}${run.dryRun ? ' (dry run)' : ''}: ${countsLine(summary)}${run.cancelled ? ' (cancelled: the rest was not started)' : ''}.${skipped}${contradicted}${nextStep ? ` ${nextStep}` : ''}`;
    const details = 'Show Report';
    const openLog = 'Open Audit Log';
    const restore = 'Restore Policy';
    const keptId = run.dryRun ? undefined : await this.keptByRun(run);
    void this.prompts.inform(message, [details, openLog, ...(keptId ? [restore] : [])]).then((answer) => {
      if (answer === details) this.showReport(run, scope);
      if (answer === openLog) void this.openAuditLog();
      if (answer === restore) void this.restorePolicy(keptId);
    });
  }

  /** The run as a rendered report filling the editor area: accounts by name, changes, outcomes. */
  private showReport(run: TaskRun, scope: TaskScope): void {
    const names = new Map(scope.accounts.map((a) => [a.id, a.name]));
    const markdown = taskRunMarkdown(run, { names, auditLogPath: this.settings.auditLogPath() });
    this.reports.show(`${run.title}${run.dryRun ? ' (dry run)' : ''}: report`, markdown);
  }

  /** The intent id of the policy this run's unlock removed and the audit log kept, if it did. */
  private async keptByRun(run: TaskRun): Promise<string | undefined> {
    if (run.task !== 'unlockS3BucketPolicy' && run.task !== 'unlockSqsQueuePolicy') return undefined;
    const { records } = await readAuditLog(this.settings.auditLogPath());
    return keptPolicies(records.filter((r) => r.runId === run.runId))[0]?.intentId;
  }

  /** Audits the accounts the run reached again, so the tree shows what they are now. */
  private async reaudit(run: TaskRun): Promise<void> {
    const reached = run.results.filter((r) => r.status === 'done' || r.status === 'failed').map((r) => r.accountId);
    const active = this.explorer.connection.active;
    if (!reached.length || !active) return;
    const store = this.explorer.tree.store;
    store.setAuditing(reached, true);
    try {
      const audit = await auditAccounts(active.clients, reached.map((id) => ({ id })), { logger: this.log, durationSeconds: 60 });
      for (const result of audit.results) store.put(result);
    } finally {
      store.setAuditing(reached, false);
    }
  }
}
