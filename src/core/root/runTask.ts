/**
 * Runs one privileged task over one account or many: one root session per account, bounded concurrency,
 * the management account never a target, protected accounts refused unless overridden, an audit intent
 * before any change and an outcome after it. One account's failure never stops the others. A cancel stops
 * before the next account: an account whose intent is written is finished, so each ends done or untouched.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients';
import { followSignal } from '../aws/concurrency';
import { AwsCallError, RootGuardError, type FailureInfo, describeFailure, isAbortError, tagged, throwIfAborted } from '../aws/errors';
import { describeTaskFailure } from './taskFailure';
import { silentLogger, type Logger } from '../log';
import { type AuditRecordBase, type IntentRecord, type PlanRecord, type SecretHolder, newRecordId } from './auditLog';
import { checkLostChange } from './lostChange';
import { DEFAULT_ROOT_SESSION_SECONDS, type RootSession, withRootSession } from './session';
import { type AppliedChange, type PlannedChange, type RootTask, type TaskPlan, planDifference, responseMayBeLost } from './taskModel';
import { type AccountTaskResult, DEFAULT_TASK_CONCURRENCY, type RunTaskOptions, type SessionPhase, type TaskRun, type TaskTarget } from './taskRun';

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

/** Nothing secret is held before a session opens. */
const NO_SESSION: SecretHolder = { revealsSecret: () => false };

/** Per-account state the failure path needs, filled in as the session goes. */
interface AccountProgress {
  sessionAccessKeyId?: string;
  plan?: TaskPlan;
  /** What the session is doing before its intent: what a cancel interrupted. */
  phase: SessionPhase;
  /** A record naming this session is in the audit log. */
  recorded: boolean;
  auditLogError?: string;
  intentWritten: boolean;
  changed: AppliedChange[];
  notChanged: PlannedChange[];
  /** Made or not, nobody can tell: its response was lost and the read that checks it failed. */
  unknown: PlannedChange[];
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
  const { sessionAccessKeyId, changed, notChanged, unknown, auditLogError } = progress;
  return { status: 'failed', accountId, sessionAccessKeyId, changed, notChanged, ...(unknown.length ? { unknown } : {}), ...failure, ...(auditLogError ? { auditLogError } : {}) };
}

async function recordPlanOnly(ctx: RunContext, session: RootSession, plan: TaskPlan, reason: PlanRecord['reason'], progress: AccountProgress): Promise<void> {
  await ctx.options.auditLog.append({ ...recordBase(ctx, session), type: 'plan', reason, changes: plan.changes }, session);
  progress.recorded = true;
}

/** What a session's plan record says when the run was cancelled before its intent, by where the session was. */
const CANCELLED_WHILE: Record<SessionPhase, string> = {
  opening: 'The run was cancelled while AssumeRoot opened the session; nothing in the account was read',
  reading: 'The run was cancelled while the session read the account',
  confirming: 'The run was cancelled while the plan waited for confirmation',
};

/**
 * Records a session that ends before its intent (its reads failed, or the run was cancelled before it acted), so
 * every session opened is in the log with its key id. A write failure here is kept on the result, never
 * thrown over the error that ended the session.
 */
async function recordUnfinished(ctx: RunContext, session: RootSession, err: unknown, progress: AccountProgress): Promise<void> {
  const cancelled = isAbortError(err);
  const { code, message } = cancelled ? { code: 'Cancelled', message: CANCELLED_WHILE[progress.phase] } : describeTaskFailure(err);
  try {
    await ctx.options.auditLog.append(
      { ...recordBase(ctx, session), type: 'plan', reason: cancelled ? 'cancelled' : 'failed', changes: progress.plan?.changes ?? [], error: { code, message } },
      session,
    );
    progress.recorded = true;
  } catch (writeErr) {
    progress.auditLogError = describeFailure(writeErr).message;
  }
}

/**
 * Applies the plan in order and stops at the first failure; returns it, or undefined when all landed. A call
 * whose response was lost (dropped connection, server error) is checked with a fresh read before it counts
 * as a failure: a change that is in place is `verified`, not failed.
 */
async function applyPlan(ctx: RunContext, session: RootSession, plan: TaskPlan, progress: AccountProgress): Promise<unknown> {
  for (const change of plan.changes) {
    let result: AppliedChange['result'];
    try {
      result = await ctx.task.applyChange(session, change);
    } catch (err) {
      if (!responseMayBeLost(err)) return err;
      const inPlace = await checkLostChange(ctx.task, session, plan, change, err, progress);
      if (inPlace !== true) return inPlace === false ? err : inPlace;
      result = 'verified';
    }
    if (result === 'verified') ctx.logger.warn(`${change.operation} ${change.target} in ${session.accountId}: response lost, the change was verified in place`);
    progress.changed.push({ ...change, result });
    progress.notChanged.shift();
  }
  return undefined;
}

/**
 * Reads the account again once the user has confirmed `shown`, which may have taken minutes: what the run is
 * about to change (a policy it deletes and keeps, one a restore would replace) must be what the user saw.
 * Throws `PlanChanged`, before the intent, when it is not; the session's plan record then says so.
 */
async function checkPlanUnchanged(ctx: RunContext, session: RootSession, shown: TaskPlan): Promise<void> {
  const difference = planDifference(shown, await ctx.task.plan(session, ctx.signal));
  if (difference) {
    throw new RootGuardError('PlanChanged', `Nothing was changed in ${session.accountId}: ${difference}; run the task again to see the new plan`);
  }
}

/** The intent, durable, or a failure that leaves the account untouched: no change is made without it. */
async function writeIntent(ctx: RunContext, session: RootSession, intent: IntentRecord): Promise<void> {
  try {
    await ctx.options.auditLog.append(intent, session);
  } catch (err) {
    if (err instanceof RootGuardError && err.code === 'AuditRecordRefused') throw err;
    const reason = describeFailure(err).message;
    throw new RootGuardError('AuditLogUnwritable', `The intent could not be written to the audit log (${reason}), so nothing was changed in ${session.accountId}`, { cause: err });
  }
}

async function actInSession(ctx: RunContext, session: RootSession, progress: AccountProgress): Promise<AccountTaskResult> {
  const accountId = session.accountId;
  // Cancelled while AssumeRoot was answering: the session is recorded as cancelled, and nothing is read.
  throwIfAborted(ctx.signal);
  progress.phase = 'reading';
  const plan = await ctx.task.plan(session, ctx.signal);
  progress.plan = plan;
  if (ctx.options.dryRun) {
    await recordPlanOnly(ctx, session, plan, 'dry-run', progress);
    return { status: 'dry-run', accountId, sessionAccessKeyId: session.accessKeyId, plan };
  }
  if (plan.changes.length === 0) {
    await recordPlanOnly(ctx, session, plan, 'nothing-to-change', progress);
    return { status: 'done', accountId, sessionAccessKeyId: session.accessKeyId, changes: [], note: plan.note };
  }
  if (ctx.options.confirmPlan) {
    progress.phase = 'confirming';
    if (!(await ctx.options.confirmPlan(accountId, plan))) {
      await recordPlanOnly(ctx, session, plan, 'declined', progress);
      return { status: 'skipped', accountId, reason: 'declined', detail: 'The plan was not confirmed' };
    }
    throwIfAborted(ctx.signal);
    if (ctx.task.rereadAfterConfirmation) {
      progress.phase = 'reading';
      await checkPlanUnchanged(ctx, session, plan);
    }
  }
  throwIfAborted(ctx.signal);
  const intent: IntentRecord = { ...recordBase(ctx, session), type: 'intent', changes: plan.changes, ...(plan.keptPolicy ? { keptPolicy: plan.keptPolicy } : {}) };
  await writeIntent(ctx, session, intent);
  // From here on the account is finished whatever the signal says, so a cancel never leaves it half done.
  progress.recorded = true;
  progress.intentWritten = true;
  progress.notChanged = [...plan.changes];
  ctx.options.onChanging?.({ accountId, changing: true });
  let failure: FailureInfo | undefined;
  try {
    failure = await applyAndRecord(ctx, session, plan, intent, progress);
  } finally {
    ctx.options.onChanging?.({ accountId, changing: false });
  }
  if (failure) return failedResult(accountId, progress, failure);
  const auditLogError = progress.auditLogError;
  return { status: 'done', accountId, sessionAccessKeyId: session.accessKeyId, changes: progress.changed, note: plan.note, ...(auditLogError ? { auditLogError } : {}) };
}

/** Makes the changes of a written intent and records their outcome; returns the failure that stopped them. */
async function applyAndRecord(ctx: RunContext, session: RootSession, plan: TaskPlan, intent: IntentRecord, progress: AccountProgress): Promise<FailureInfo | undefined> {
  const error = await applyPlan(ctx, session, plan, progress);
  const failure = error === undefined ? undefined : describeTaskFailure(error);
  try {
    await ctx.options.auditLog.append({
      ...recordBase(ctx, session),
      type: 'outcome',
      intentId: intent.id,
      outcome: !failure ? 'done' : progress.unknown.length ? 'unknown' : 'failed',
      changed: progress.changed,
      notChanged: progress.notChanged,
      ...(progress.unknown.length ? { unknown: progress.unknown } : {}),
      ...(failure ? { error: { code: failure.code, message: failure.message } } : {}),
    }, session);
  } catch (writeErr) {
    // The changes happened; only their record is missing. Say exactly that, never "failed".
    progress.auditLogError = describeFailure(writeErr).message;
    ctx.logger.error(`outcome in ${session.accountId} not recorded in the audit log: ${progress.auditLogError}`);
  }
  return failure;
}

/** AssumeRoot failed: AWS answered with an error, was not reached, or its response was lost. */
const isSessionRequestFailure = (err: unknown) => (err instanceof AwsCallError && err.operation === 'AssumeRoot') || (err instanceof RootGuardError && err.code === 'AssumeRootResponseLost');

/**
 * Records an AssumeRoot attempt that opened no session, so the log accounts for every session request: each
 * one whose response was lost (recorded as it happens, before the SDK sends it again) may have had AWS issue
 * a session that only CloudTrail names; a refusal is recorded once, when AssumeRoot has failed. A write
 * failure is kept on the result, never thrown over the AssumeRoot failure.
 */
async function recordSessionRequest(ctx: RunContext, accountId: string, ended: 'refused' | 'response-lost', err: unknown, progress: AccountProgress): Promise<void> {
  const { code, message } = ended === 'response-lost' ? describeFailure(err, 'AssumeRoot') : describeTaskFailure(err);
  const { task, options } = ctx;
  try {
    await options.auditLog.append(
      {
        v: 1,
        type: 'sessionRequest',
        id: newRecordId(),
        time: ctx.now().toISOString(),
        runId: ctx.runId,
        callerArn: options.callerArn,
        accountId,
        task: task.kind,
        taskPolicy: task.taskPolicy,
        parameters: task.parameters,
        ended,
        error: { code, message },
      },
      NO_SESSION,
    );
  } catch (writeErr) {
    progress.auditLogError = describeFailure(writeErr).message;
  }
}

async function runAccount(ctx: RunContext, target: TaskTarget): Promise<AccountTaskResult> {
  const skip = skipReasonOf(target, ctx);
  if (skip) return { status: 'skipped', accountId: target.id, ...skip };
  if (ctx.signal?.aborted) return { status: 'not-started', accountId: target.id };
  const progress: AccountProgress = { phase: 'opening', recorded: false, intentWritten: false, changed: [], notChanged: [], unknown: [] };
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
        } catch (err) {
          if (!progress.recorded) await recordUnfinished(ctx, session, err, progress);
          throw err;
        } finally {
          onSession?.({ ...event, open: false });
        }
      },
      {
        signal: ctx.signal,
        durationSeconds: ctx.options.durationSeconds ?? DEFAULT_ROOT_SESSION_SECONDS,
        logger: ctx.logger,
        onResponseLost: (lost) => recordSessionRequest(ctx, target.id, 'response-lost', lost, progress),
      },
    );
  } catch (err) {
    // A final lost response was recorded as it happened, as every earlier one was.
    const refused = isSessionRequestFailure(err) && !(err instanceof RootGuardError && err.code === 'AssumeRootResponseLost');
    if (!progress.sessionAccessKeyId && refused) await recordSessionRequest(ctx, target.id, 'refused', err, progress);
    if (isAbortError(err) && !progress.intentWritten) {
      const { sessionAccessKeyId, auditLogError } = progress;
      const session = sessionAccessKeyId ? { sessionAccessKeyId, cancelledWhile: progress.phase } : {};
      return { status: 'not-started', accountId: target.id, ...session, ...(auditLogError ? { auditLogError } : {}) };
    }
    return failedResult(target.id, progress, describeTaskFailure(err));
  }
}

/** Each account once, in first-seen order: a target listed twice (an account in a selection and its OU) runs once. */
function distinctTargets(targets: readonly TaskTarget[]): TaskTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => !seen.has(t.id) && seen.add(t.id));
}

/** Writes the run's first record; a log that cannot take it (read-only, /proc, a full disk) stops the run before any session. */
async function recordRunStart(ctx: RunContext, accounts: readonly TaskTarget[]): Promise<void> {
  const { task, options } = ctx;
  try {
    await options.auditLog.append(
      {
        v: 1,
        type: 'run',
        id: newRecordId(),
        time: ctx.now().toISOString(),
        runId: ctx.runId,
        callerArn: options.callerArn,
        task: task.kind,
        taskPolicy: task.taskPolicy,
        parameters: task.parameters,
        accounts: accounts.map((a) => a.id),
        dryRun: options.dryRun ?? false,
      },
      NO_SESSION,
    );
  } catch (err) {
    throw new RootGuardError('AuditLogUnwritable', `The audit log cannot be written (${describeFailure(err).message}); no root session was opened`, { cause: err });
  }
}

/**
 * Runs `task` on every target with at most `concurrency` accounts at once and resolves (never throws for an
 * account's failure) with one result per account. When the signal fires, no account starts any more; those
 * still reading stop untouched, and those already acting finish, so every account ends done or untouched.
 * A parameter that does not fit the connection (`checkConnection`) throws before anything is logged or opened.
 */
export async function runRootTask(clients: AwsClients, task: RootTask, targets: readonly TaskTarget[], options: RunTaskOptions): Promise<TaskRun> {
  const concurrency = options.concurrency ?? DEFAULT_TASK_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RootGuardError('InvalidConcurrency', `Concurrency must be a positive whole number, not ${concurrency}`);
  }
  task.checkConnection?.(clients);
  const now = options.now ?? (() => new Date());
  const ctx: RunContext = {
    clients,
    task,
    options,
    signal: followSignal(options.signal),
    runId: newRecordId(),
    protectedIds: new Set(options.protectedAccounts ?? []),
    logger: options.logger ?? silentLogger,
    now,
  };
  const accounts = distinctTargets(targets);
  const startedAt = now().toISOString();
  await recordRunStart(ctx, accounts);
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
