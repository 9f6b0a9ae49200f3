/**
 * Runs one privileged task over one account or many: one root session per account, bounded concurrency,
 * the management account never a target, protected accounts refused unless overridden, an audit intent
 * before any change and an outcome after it. One account's failure never stops the others. A cancel stops
 * before the next account: an account whose intent is written is finished, so each ends done or untouched.
 */
import { setMaxListeners } from 'node:events';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients';
import { RootGuardError, type FailureInfo, describeFailure, isAbortError, tagged, throwIfAborted } from '../aws/errors';
import type { AccountState } from '../org/model';
import { silentLogger, type Logger } from '../log';
import { type AuditLog, type AuditRecordBase, type PlanRecord, newRecordId } from './auditLog';
import { DEFAULT_ROOT_SESSION_SECONDS, type RootSession, withRootSession } from './session';
import type { AppliedChange, PlannedChange, RootTask, TaskPlan } from './taskModel';

/** Accounts changed at once unless the caller says otherwise. */
export const DEFAULT_TASK_CONCURRENCY = 4;

/** An account to run the task on; `state` and `isManagement` come from the organization listing. */
export interface TaskTarget {
  id: string;
  name?: string;
  state?: AccountState;
  isManagement?: boolean;
}

export type TaskSkipReason = 'management-account' | 'protected' | 'not-active' | 'declined';

/** What happened in one account. Every variant names the account; none carries a secret. */
export type AccountTaskResult =
  | { status: 'done'; accountId: string; sessionAccessKeyId: string; changes: AppliedChange[]; note?: string }
  | { status: 'dry-run'; accountId: string; sessionAccessKeyId: string; plan: TaskPlan }
  | ({
      status: 'failed';
      accountId: string;
      sessionAccessKeyId?: string;
      /** Changes made before the failure; empty when it failed before acting. */
      changed: AppliedChange[];
      notChanged: PlannedChange[];
    } & FailureInfo)
  | { status: 'skipped'; accountId: string; reason: TaskSkipReason; detail: string }
  /** Never begun because the run was cancelled: the account is untouched. */
  | { status: 'not-started'; accountId: string };

/** A session opening or ending, for a countdown while one is open. */
export interface SessionEvent {
  accountId: string;
  sessionAccessKeyId: string;
  open: boolean;
  expiresAt?: Date;
}

export interface TaskProgress {
  total: number;
  completed: number;
  inFlight: number;
  result: AccountTaskResult;
}

export interface RunTaskOptions {
  /** Where intents and outcomes go; required, so no task ever acts unrecorded. */
  auditLog: AuditLog;
  /** The caller's ARN for the audit log (see `getCallerArn`). */
  callerArn: string;
  /** Stops starting accounts, and aborts reads of accounts not yet acting on. */
  signal?: AbortSignal;
  concurrency?: number;
  /** Root session length; default 300 s, at most 900. */
  durationSeconds?: number;
  /** Plan only: open each session, read, record the plan, change nothing. */
  dryRun?: boolean;
  protectedAccounts?: readonly string[];
  /** The user confirmed acting on protected accounts too. */
  overrideProtected?: boolean;
  /** Refused as a target even when the target list does not say so. */
  managementAccountId?: string;
  /** Asked inside the session with the fresh plan, before anything changes; false skips the account. */
  confirmPlan?: (accountId: string, plan: TaskPlan) => Promise<boolean>;
  onProgress?: (progress: TaskProgress) => void;
  onSession?: (event: SessionEvent) => void;
  logger?: Logger;
  now?: () => Date;
}

/** The outcome of a run; a cancelled run lists the accounts it never started. */
export interface TaskRun {
  runId: string;
  task: RootTask['kind'];
  title: string;
  dryRun: boolean;
  /** One per distinct target, in the targets' order. */
  results: AccountTaskResult[];
  cancelled: boolean;
  startedAt: string;
  finishedAt: string;
}

interface RunContext {
  clients: AwsClients;
  task: RootTask;
  options: RunTaskOptions;
  signal?: AbortSignal;
  runId: string;
  protectedIds: ReadonlySet<string>;
  logger: Logger;
  now: () => Date;
}

/** The ARN of the caller the clients sign as, for the audit log. */
export async function getCallerArn(clients: AwsClients, signal?: AbortSignal): Promise<string> {
  const { Arn } = await tagged('GetCallerIdentity', clients.sts().send(new GetCallerIdentityCommand({}), { abortSignal: signal }));
  if (!Arn) throw new RootGuardError('NoCallerArn', 'GetCallerIdentity answered without an ARN');
  return Arn;
}

function skipReasonOf(target: TaskTarget, ctx: RunContext): Pick<Extract<AccountTaskResult, { status: 'skipped' }>, 'reason' | 'detail'> | undefined {
  if (target.isManagement || target.id === ctx.options.managementAccountId) {
    return { reason: 'management-account', detail: 'The management account is never a target of a root session' };
  }
  if (target.state && target.state !== 'ACTIVE' && target.state !== 'UNKNOWN') {
    return { reason: 'not-active', detail: `The account is ${target.state}` };
  }
  if (ctx.protectedIds.has(target.id) && !ctx.options.overrideProtected) {
    return { reason: 'protected', detail: 'The account is in rootguard.protectedAccounts; confirm the override to act on it' };
  }
  return undefined;
}

/** Likely causes the generic classification cannot know, because they belong to these tasks. */
function describeTaskFailure(err: unknown): FailureInfo {
  const failure = describeFailure(err);
  if (failure.likelyCause) return failure;
  if (failure.code === 'EntityTemporarilyUnmodifiable') {
    return { ...failure, likelyCause: 'the password was created moments ago; IAM refuses to delete it for a short while, so try again in a few minutes' };
  }
  if (failure.code === 'DeleteConflict') return { ...failure, likelyCause: 'the MFA device is still active; deactivate it before deleting it' };
  return failure;
}

/** Per-account state the failure path needs, filled in as the session goes. */
interface AccountProgress {
  sessionAccessKeyId?: string;
  intentWritten: boolean;
  changed: AppliedChange[];
  notChanged: PlannedChange[];
}

function recordBase(ctx: RunContext, session: RootSession): AuditRecordBase {
  return {
    v: 1,
    id: newRecordId(),
    time: ctx.now().toISOString(),
    runId: ctx.runId,
    callerArn: ctx.options.callerArn,
    accountId: session.accountId,
    task: ctx.task.kind,
    taskPolicy: ctx.task.taskPolicy,
    sessionAccessKeyId: session.accessKeyId,
    parameters: ctx.task.parameters,
    // Only a confirmed override lets a protected account this far, so its records say so.
    ...(ctx.protectedIds.has(session.accountId) ? { protectionOverridden: true as const } : {}),
  };
}

function failedResult(accountId: string, progress: AccountProgress, failure: FailureInfo): AccountTaskResult {
  const { sessionAccessKeyId, changed, notChanged } = progress;
  return { status: 'failed', accountId, sessionAccessKeyId, changed, notChanged, ...failure };
}

async function recordPlanOnly(ctx: RunContext, session: RootSession, plan: TaskPlan, reason: PlanRecord['reason']): Promise<void> {
  await ctx.options.auditLog.append({ ...recordBase(ctx, session), type: 'plan', reason, changes: plan.changes }, session);
}

/** Applies the plan in order and stops at the first failure; returns it, or undefined when all landed. */
async function applyPlan(ctx: RunContext, session: RootSession, plan: TaskPlan, progress: AccountProgress): Promise<unknown> {
  for (const change of plan.changes) {
    try {
      const result = await ctx.task.applyChange(session, change);
      progress.changed.push({ ...change, result });
      progress.notChanged.shift();
    } catch (err) {
      return err;
    }
  }
  return undefined;
}

async function actInSession(ctx: RunContext, session: RootSession, progress: AccountProgress): Promise<AccountTaskResult> {
  const accountId = session.accountId;
  const plan = await ctx.task.plan(session, ctx.signal);
  if (ctx.options.dryRun) {
    await recordPlanOnly(ctx, session, plan, 'dry-run');
    return { status: 'dry-run', accountId, sessionAccessKeyId: session.accessKeyId, plan };
  }
  if (plan.changes.length === 0) {
    await recordPlanOnly(ctx, session, plan, 'nothing-to-change');
    return { status: 'done', accountId, sessionAccessKeyId: session.accessKeyId, changes: [], note: plan.note };
  }
  if (ctx.options.confirmPlan && !(await ctx.options.confirmPlan(accountId, plan))) {
    await recordPlanOnly(ctx, session, plan, 'declined');
    return { status: 'skipped', accountId, reason: 'declined', detail: 'The plan was not confirmed' };
  }
  throwIfAborted(ctx.signal);
  const intent = { ...recordBase(ctx, session), type: 'intent' as const, changes: plan.changes };
  await ctx.options.auditLog.append(intent, session);
  // From here on the account is finished whatever the signal says, so a cancel never leaves it half done.
  progress.intentWritten = true;
  progress.notChanged = [...plan.changes];
  const error = await applyPlan(ctx, session, plan, progress);
  const failure = error === undefined ? undefined : describeTaskFailure(error);
  await ctx.options.auditLog.append({
    ...recordBase(ctx, session),
    type: 'outcome',
    intentId: intent.id,
    outcome: failure ? 'failed' : 'done',
    changed: progress.changed,
    notChanged: progress.notChanged,
    ...(failure ? { error: { code: failure.code, message: failure.message } } : {}),
  }, session);
  if (failure) return failedResult(accountId, progress, failure);
  return { status: 'done', accountId, sessionAccessKeyId: session.accessKeyId, changes: progress.changed, note: plan.note };
}

async function runAccount(ctx: RunContext, target: TaskTarget): Promise<AccountTaskResult> {
  const skip = skipReasonOf(target, ctx);
  if (skip) return { status: 'skipped', accountId: target.id, ...skip };
  if (ctx.signal?.aborted) return { status: 'not-started', accountId: target.id };
  const progress: AccountProgress = { intentWritten: false, changed: [], notChanged: [] };
  const { onSession } = ctx.options;
  try {
    return await withRootSession(
      ctx.clients,
      target.id,
      ctx.task.taskPolicy,
      async (session) => {
        progress.sessionAccessKeyId = session.accessKeyId;
        const event = { accountId: target.id, sessionAccessKeyId: session.accessKeyId, expiresAt: session.expiresAt };
        onSession?.({ ...event, open: true });
        try {
          return await actInSession(ctx, session, progress);
        } finally {
          onSession?.({ ...event, open: false });
        }
      },
      { signal: ctx.signal, durationSeconds: ctx.options.durationSeconds ?? DEFAULT_ROOT_SESSION_SECONDS, logger: ctx.logger },
    );
  } catch (err) {
    if (isAbortError(err) && !progress.intentWritten) return { status: 'not-started', accountId: target.id };
    return failedResult(target.id, progress, describeTaskFailure(err));
  }
}

/** The run's own signal, following the caller's, with room for one listener per call in flight. */
function runSignal(parent: AbortSignal | undefined, concurrency: number): AbortSignal | undefined {
  if (!parent) return undefined;
  const controller = new AbortController();
  setMaxListeners(concurrency * 8, controller.signal);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller.signal;
}

/** Each account once, in first-seen order: a target listed twice (an account in a selection and its OU) runs once. */
function distinctTargets(targets: readonly TaskTarget[]): TaskTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => !seen.has(t.id) && seen.add(t.id));
}

/**
 * Runs `task` on every target with at most `concurrency` accounts at once and resolves (never throws for an
 * account's failure) with one result per account. When the signal fires, no account starts any more; those
 * still reading stop untouched, and those already acting finish, so every account ends done or untouched.
 */
export async function runRootTask(clients: AwsClients, task: RootTask, targets: readonly TaskTarget[], options: RunTaskOptions): Promise<TaskRun> {
  const concurrency = options.concurrency ?? DEFAULT_TASK_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RootGuardError('InvalidConcurrency', `Concurrency must be a positive whole number, not ${concurrency}`);
  }
  const now = options.now ?? (() => new Date());
  const ctx: RunContext = {
    clients,
    task,
    options,
    signal: runSignal(options.signal, concurrency),
    runId: newRecordId(),
    protectedIds: new Set(options.protectedAccounts ?? []),
    logger: options.logger ?? silentLogger,
    now,
  };
  const accounts = distinctTargets(targets);
  const startedAt = now().toISOString();
  const results = new Array<AccountTaskResult>(accounts.length);
  let next = 0;
  let completed = 0;
  let inFlight = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const index = next++;
      inFlight++;
      const result = await runAccount(ctx, accounts[index]);
      if (result.status === 'failed') ctx.logger.warn(`${task.kind} in ${result.accountId} failed: ${result.code}`);
      results[index] = result;
      inFlight--;
      completed++;
      options.onProgress?.({ total: accounts.length, completed, inFlight, result: results[index] });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, accounts.length) }, worker));
  const cancelled = results.some((r) => r.status === 'not-started');
  ctx.logger.info(`${task.kind}: ${accounts.length} accounts, ${completed} finished${cancelled ? ', cancelled' : ''}`);
  return { runId: ctx.runId, task: task.kind, title: task.title, dryRun: options.dryRun ?? false, results, cancelled, startedAt, finishedAt: now().toISOString() };
}
