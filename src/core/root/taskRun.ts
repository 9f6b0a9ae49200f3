/**
 * The shapes of a privileged task's run over accounts: its targets, what happened in each account, the
 * progress and session events it reports, the options it takes and the run's outcome. `runTask.ts` runs it.
 */
import type { FailureInfo } from '../aws/errors';
import type { Logger } from '../log';
import type { AccountState } from '../org/model';
import type { AuditLog } from './auditLog';
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

/**
 * What happened in one account. Every variant names the account; none carries a secret. `auditLogError` says
 * the account's record (its outcome, or the record of a session that changed nothing) could not be written:
 * what the result says happened, happened, but the audit log does not show it.
 */
export type AccountTaskResult =
  | { status: 'done'; accountId: string; sessionAccessKeyId: string; changes: AppliedChange[]; note?: string; auditLogError?: string }
  | { status: 'dry-run'; accountId: string; sessionAccessKeyId: string; plan: TaskPlan }
  | ({
      status: 'failed';
      accountId: string;
      sessionAccessKeyId?: string;
      /** Changes made before the failure; empty when it failed before acting. */
      changed: AppliedChange[];
      notChanged: PlannedChange[];
      /** A change whose response was lost and could not be checked: it may or may not have been made. */
      unknown?: PlannedChange[];
      auditLogError?: string;
    } & FailureInfo)
  | { status: 'skipped'; accountId: string; reason: TaskSkipReason; detail: string }
  /**
   * Never acted on because the run was cancelled: the account is untouched. With a key id, a session had been
   * opened, and `cancelledWhile` says what it was doing when the cancel came (its audit record says so too).
   */
  | ({ status: 'not-started'; accountId: string; auditLogError?: string } & ({ sessionAccessKeyId?: undefined; cancelledWhile?: undefined } | { sessionAccessKeyId: string; cancelledWhile: SessionPhase }));

/**
 * Where a root session was before its intent: AssumeRoot answering (nothing read yet), reading the account
 * (the plan, or the read again after the confirmation), or its plan waiting for the user's confirmation.
 */
export type SessionPhase = 'opening' | 'reading' | 'confirming';

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
  /**
   * An account starts changing (its intent is written) or stops (its outcome is recorded, or could not be):
   * what a cancelled run still waits for.
   */
  onChanging?: (event: { accountId: string; changing: boolean }) => void;
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
