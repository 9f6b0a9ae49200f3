/**
 * Root session history: who opened root sessions (AssumeRoot, from CloudTrail), joined with RootGuard's audit
 * log by the session's access key id. Read-only, and it never holds a secret: events are parsed into these
 * fields and the raw CloudTrail record (whose response carries the session token) is dropped.
 */
import type { RootTaskKind } from '../root/taskModel';
import type { TaskPolicyName } from '../root/taskPolicies';

/** One AssumeRoot call as CloudTrail recorded it in the caller's account. */
export interface RootSessionEvent {
  eventId: string;
  /** The region whose Event history holds it: the region of the STS endpoint that was called. */
  region: string;
  /** ISO-8601. */
  time: string;
  /** `userIdentity.arn`: a user, an assumed-role session, a federated user. */
  callerArn: string;
  /** Who holds the permission: the role behind an assumed-role session, otherwise the caller itself. */
  principalArn: string;
  callerAccountId: string;
  /** From `requestParameters.targetPrincipal` (an account id or a root ARN). */
  targetAccountId?: string;
  taskPolicyArn: string;
  /** Undefined when the ARN is none of the five root-task policies. */
  taskPolicy?: TaskPolicyName;
  /** `responseElements.credentials.accessKeyId`; absent for a refused call. */
  sessionAccessKeyId?: string;
  /** Set when AssumeRoot refused the call (no session was opened). */
  errorCode?: string;
}

/** What RootGuard's audit log says about a session it opened. */
export interface AuditedSession {
  runId: string;
  task: RootTaskKind;
  /**
   * `done` / `failed` (an outcome), a plan record's reason (`dry-run`, `declined`, ...), or `intent-only` (no
   * outcome written).
   */
  result: string;
}

export const SESSION_FLAGS = ['not-started-by-rootguard', 'recovery-not-followed-by-deletion', 'unexpected-principal'] as const;
export type SessionFlag = (typeof SESSION_FLAGS)[number];

export const FLAG_LABELS: Record<SessionFlag, string> = {
  'not-started-by-rootguard': 'not started by RootGuard',
  'recovery-not-followed-by-deletion': 'password recovery never followed by a credential deletion',
  'unexpected-principal': 'opened by a principal not expected to',
};

export interface HistorySession extends RootSessionEvent {
  /** Present when RootGuard's audit log has a record with this session's key id, target account, task policy and caller. */
  rootGuard?: AuditedSession;
  /**
   * Set when audit records name this session's key but none agrees with the event (`the audit log names this
   * session's key for account 333333333333, task IAMDeleteRootUserCredentials`): they do not vouch for it, and
   * the session is flagged `not-started-by-rootguard`.
   */
  auditMismatch?: string;
  flags: SessionFlag[];
  /**
   * Said of a session no record vouches for that may be one whose AssumeRoot response RootGuard lost (a
   * `response-lost` session request of the same account, task policy and caller, recorded shortly after it). Its
   * flags stay: the request may never have reached AWS.
   */
  notes?: string[];
  /** Why the session carries `unexpected-principal` (`not an expected principal`, `role X may not open ... sessions`). */
  unexpected?: string;
}

export interface AccountHistory {
  accountId: string;
  sessions: number;
  /** The newest session opened on the account (refused calls left out). */
  last: { time: string; task: string; callerArn: string; region: string; startedByRootGuard: boolean };
  /** Sessions on the account carrying each flag. */
  flagged: Partial<Record<SessionFlag, number>>;
}

/**
 * `given`: named by the user. `holders`: the holders view of the connected account, read now; its `gaps` are the
 * parts it could not read (the expected principals may be incomplete), `error` means it could not be read at all.
 */
export type ExpectedSource =
  | { from: 'given' }
  | { from: 'holders'; gaps: { part: string; code: string; message: string }[]; error?: { code: string; message: string } };

/** How one region's Event history was read. */
export interface RegionRead {
  region: string;
  pages: number;
  events: number;
  /**
   * Set when reading the region failed. With `pages` 0 it was not read at all and its sessions are missing;
   * otherwise it was read in part, those pages and then the error: Event history answers newest first, so
   * sessions older than the last page read may be missing.
   */
  error?: { code: string; message: string };
}

/**
 * Why these regions were read: `given` by the caller (`--region`, the `rootguard.history.regions` setting),
 * every region `enabled` for the account (`account:ListRegions`), or only the `connection`'s because the
 * listing failed (`error`): sessions opened through another region's endpoint are then missing.
 */
export interface RegionSource {
  kind: 'given' | 'enabled' | 'connection';
  error?: { code: string; message: string };
}

export interface RootSessionHistory {
  generatedAt: string;
  window: { start: string; end: string; days: number };
  /**
   * The account whose Event history was read (`sts:GetCallerIdentity`): AssumeRoot is logged only in the calling
   * account, so the sessions are those opened from it, never another account's (the management account's, a
   * delegated administrator's). Absent when STS did not answer.
   */
  connectedAccountId?: string;
  regions: RegionRead[];
  regionSource: RegionSource;
  /** Sessions opened, newest first. */
  sessions: HistorySession[];
  /** AssumeRoot calls that were refused, newest first. */
  refused: RootSessionEvent[];
  /** Per target account, the most recently used first. */
  accounts: AccountHistory[];
  /**
   * RootGuard's own sessions inside the window whose AssumeRoot event none of the regions read holds: opened
   * through another region's endpoint, or the event is not yet delivered (CloudTrail lags by minutes).
   */
  notFoundInCloudTrail: { sessionAccessKeyId: string; accountId: string; time: string; task: RootTaskKind }[];
  /**
   * RootGuard's sessions inside the window that the audit log says were opened from another account (its caller
   * ARN's): another organization's (the log is shared by every profile), or this one's delegated administrator.
   * Their events are in that account's Event history, so they are left out of `notFoundInCloudTrail`. Absent
   * when there are none, or when the connected account could not be told.
   */
  fromOtherAccounts?: { sessions: number; callerAccounts: string[] };
  /**
   * Lines of the audit log that were skipped as no whole record (a torn or edited line): a session only they
   * name shows as not started by RootGuard. Absent when none was.
   */
  auditLogSkippedLines?: number;
  /** The expected principals' ARN patterns the `unexpected-principal` flag used; undefined when it was not evaluated. */
  expectedPrincipals?: string[];
  /** Where the expected principals came from; with `error`, the holders view could not be read (flag not evaluated). */
  expectedFrom?: ExpectedSource;
  totals: { sessions: number; refused: number; accounts: number; startedByRootGuard: number } & Record<SessionFlag, number>;
}
