/**
 * Joins AssumeRoot events with RootGuard's audit log by the session's access key id, target account, task
 * policy and caller, and flags what deserves a look: sessions that changed something outside RootGuard,
 * password recoveries never followed by a credential deletion, sessions by principals nobody expects. Pure:
 * the same inputs give the same history.
 */
import type { AuditRecord, SessionRequestRecord } from '../root/auditLog';
import { type ExpectedPrincipal, givenPrincipal, whyUnexpected } from './expected';
import type { AccountHistory, AuditedSession, ExpectedSource, HistorySession, RootSessionEvent, RootSessionHistory, RegionRead, RegionSource, SessionFlag } from './model';
import { SESSION_FLAGS } from './model';
import { eventKey } from './parseEvent';

export interface HistoryInput {
  events: readonly RootSessionEvent[];
  regions: readonly RegionRead[];
  /** Why these regions were read (default `given`). */
  regionSource?: RegionSource;
  /** RootGuard's audit records (every run, any age: only those matching an event or inside the window count). */
  auditRecords: readonly AuditRecord[];
  /** RootGuard's AssumeRoot requests that opened no session it holds (`readAuditLog`'s `sessionRequests`). */
  sessionRequests?: readonly SessionRequestRecord[];
  /** Lines of the audit log `auditRecords` come from that were skipped (`readAuditLog`'s `unreadableLines`). */
  auditLogSkippedLines?: number;
  window: { start: Date; end: Date };
  /**
   * The principals expected to open root sessions: ARN patterns (wildcards as in a policy's ArnLike) that may
   * open any task, or principals from the holders view with their grants (expected.ts). Matched against the
   * role behind a role session and against the caller itself. Undefined leaves `unexpected-principal` unevaluated.
   */
  expectedPrincipals?: readonly (string | ExpectedPrincipal)[];
  /** Where they came from (default `given`), or why the holders view gave none. */
  expectedFrom?: ExpectedSource;
  /** The account whose Event history was read; audit records of sessions opened from another are left out of `notFoundInCloudTrail`. */
  connectedAccountId?: string;
  generatedAt?: Date;
}

/** Every audit record naming each session key. */
function recordsByKey(records: readonly AuditRecord[]): Map<string, AuditRecord[]> {
  const byKey = new Map<string, AuditRecord[]>();
  for (const r of records) {
    const named = byKey.get(r.sessionAccessKeyId);
    if (named) named.push(r);
    else byKey.set(r.sessionAccessKeyId, [r]);
  }
  return byKey;
}

const isArn = (value: string) => value.startsWith('arn:');

/**
 * What the record says of the session that its AssumeRoot event does not: another target account, task policy
 * or caller. A key id alone proves nothing (any line of the log can name any key), so a record vouches for a
 * session only when it agrees on all of them. The caller RootGuard records is GetCallerIdentity's ARN, which
 * is the one CloudTrail records for the same principal; it is compared only where both name an ARN.
 */
function disagreements(r: AuditRecord, e: RootSessionEvent): string[] {
  const differ: string[] = [];
  if (r.accountId !== e.targetAccountId) differ.push(`account ${r.accountId}`);
  if (r.taskPolicy !== e.taskPolicy) differ.push(`task ${r.taskPolicy}`);
  if (isArn(r.callerArn) && isArn(e.callerArn) && r.callerArn !== e.callerArn) differ.push(`caller ${r.callerArn}`);
  return differ;
}

/** The audit log's view of a session from the records that vouch for it: its run, task and how it ended. */
function auditedSession(records: readonly AuditRecord[]): AuditedSession | undefined {
  let known: AuditedSession | undefined;
  for (const r of records) {
    const result = r.type === 'outcome' ? r.outcome : r.type === 'plan' ? r.reason : 'intent-only';
    // An outcome or plan says how the session ended; an intent alone only that it began.
    if (!known || known.result === 'intent-only') known = { runId: r.runId, task: r.task, result };
  }
  return known;
}

/** Sessions whose task cannot change anything; the audit log records privileged tasks only, never these. */
const READ_ONLY_TASK = 'IAMAuditRootUserCredentials';
/** A RootGuard recovery session that ended with one of these created no password. */
const NOTHING_DONE = new Set(['dry-run', 'declined', 'cancelled', 'nothing-to-change', 'failed']);

/** How long before its `response-lost` record an AssumeRoot may have been made: the SDK gives up far sooner. */
const LOST_REQUEST_BEFORE_MS = 15 * 60_000;
/** How far CloudTrail's clock may run ahead of the one that timed the record. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Notes on the sessions no record vouches for that may be one RootGuard asked for and never heard back from: a
 * `response-lost` session request of the same account, task policy and caller, made shortly before the record.
 * The note never vouches for the session, and its flags stay: most lost responses are requests AWS never
 * received (a keep-alive connection the endpoint had just closed), so a foreign session opened in the same
 * minutes would otherwise pass for RootGuard's, and a dry run would be enough to hide it.
 */
function noteLostResponses(sessions: readonly HistorySession[], requests: readonly SessionRequestRecord[]): void {
  const unvouched = sessions.filter((s) => !s.rootGuard && !s.auditMismatch);
  for (const r of requests) {
    if (r.ended !== 'response-lost') continue;
    const recordedMs = Date.parse(r.time);
    const madeBefore = (s: HistorySession) => Date.parse(s.time) - recordedMs <= CLOCK_SKEW_MS && recordedMs - Date.parse(s.time) <= LOST_REQUEST_BEFORE_MS;
    const sameCaller = (s: HistorySession) => !isArn(r.callerArn) || !isArn(s.callerArn) || r.callerArn === s.callerArn;
    const note = `RootGuard lost an AssumeRoot response for this account at ${r.time} (run ${r.runId}); this may be that session`;
    for (const s of unvouched) {
      if (s.targetAccountId === r.accountId && s.taskPolicy === r.taskPolicy && sameCaller(s) && madeBefore(s)) s.notes = [...(s.notes ?? []), note];
    }
  }
}

/** The session keys of RootGuard deletions run for other kinds than the console password (`--kinds keys`). */
function passwordLeftBy(records: readonly AuditRecord[]): Set<string> {
  const kept = (r: AuditRecord) => r.task === 'deleteRootCredentials' && r.parameters.kinds !== undefined && ![r.parameters.kinds].flat().includes('password');
  return new Set(records.filter(kept).map((r) => r.sessionAccessKeyId));
}

/**
 * A session that may have deleted a recovered password: any deletion session RootGuard did not start (what
 * it did is unknown), or a RootGuard deletion of the password that was done or found none left.
 */
function isDeletion(s: HistorySession, passwordLeft: ReadonlySet<string>): boolean {
  if (s.taskPolicy !== 'IAMDeleteRootUserCredentials') return false;
  if (!s.rootGuard) return true;
  return !passwordLeft.has(s.sessionAccessKeyId ?? '') && (s.rootGuard.result === 'done' || s.rootGuard.result === 'nothing-to-change');
}

function flagsOf(s: HistorySession, later: readonly HistorySession[], expected: readonly ExpectedPrincipal[] | undefined, passwordLeft: ReadonlySet<string>): SessionFlag[] {
  const flags: SessionFlag[] = [];
  // A record naming the key of a read-only session for another account or task is flagged too: the log disagrees with CloudTrail.
  if (!s.rootGuard && (s.taskPolicy !== READ_ONLY_TASK || s.auditMismatch)) flags.push('not-started-by-rootguard');
  const recovered = s.taskPolicy === 'IAMCreateRootUserPassword' && !(s.rootGuard && NOTHING_DONE.has(s.rootGuard.result));
  if (recovered && !later.some((l) => l.targetAccountId === s.targetAccountId && isDeletion(l, passwordLeft))) flags.push('recovery-not-followed-by-deletion');
  const unexpected = expected && whyUnexpected(s, expected);
  if (unexpected) {
    flags.push('unexpected-principal');
    s.unexpected = unexpected;
  }
  return flags;
}

function accountsOf(sessions: readonly HistorySession[]): AccountHistory[] {
  const byAccount = new Map<string, AccountHistory>();
  // Newest first, so the first session seen for an account is its last one.
  for (const s of sessions) {
    const id = s.targetAccountId ?? 'unknown';
    let account = byAccount.get(id);
    if (!account) {
      const task = s.taskPolicy ?? s.taskPolicyArn;
      account = { accountId: id, sessions: 0, last: { time: s.time, task, callerArn: s.callerArn, region: s.region, startedByRootGuard: Boolean(s.rootGuard) }, flagged: {} };
      byAccount.set(id, account);
    }
    account.sessions++;
    for (const f of s.flags) account.flagged[f] = (account.flagged[f] ?? 0) + 1;
  }
  return [...byAccount.values()];
}

/** `arn:aws:sts::123456789012:assumed-role/...` → `123456789012`. */
const callerAccountOf = (r: AuditRecord) => r.callerArn.split(':')[4] ?? '';

/**
 * Records of sessions opened from the connected account, and those opened from another: the audit log is shared
 * by every profile the user runs tasks with, and an AssumeRoot event lands in the caller's account, so another
 * account's sessions (another organization's, or this one's delegated administrator's) are never in the Event
 * history read. Without the connected account every record counts as its own.
 */
function byCallerAccount(records: readonly AuditRecord[], connected: string | undefined): { own: AuditRecord[]; others: AuditRecord[] } {
  const isOther = (r: AuditRecord) => connected !== undefined && /^\d{12}$/.test(callerAccountOf(r)) && callerAccountOf(r) !== connected;
  return { own: records.filter((r) => !isOther(r)), others: records.filter(isOther) };
}

export function buildHistory(input: HistoryInput): RootSessionHistory {
  const byKey = recordsByKey(input.auditRecords);
  const expected = input.expectedPrincipals?.map((p) => (typeof p === 'string' ? givenPrincipal(p) : p));
  // One event per session even if two overlapping reads returned it.
  const unique = [...new Map(input.events.map((e) => [eventKey(e), e])).values()];
  const newestFirst = unique.sort((a, b) => b.time.localeCompare(a.time));
  const opened = newestFirst.filter((e) => !e.errorCode);
  const vouching: AuditRecord[] = [];
  const sessions: HistorySession[] = opened.map((e) => {
    const named = (e.sessionAccessKeyId && byKey.get(e.sessionAccessKeyId)) || [];
    const agreeing = named.filter((r) => disagreements(r, e).length === 0);
    vouching.push(...agreeing);
    const rootGuard = auditedSession(agreeing);
    if (rootGuard || named.length === 0) return { ...e, ...(rootGuard ? { rootGuard } : {}), flags: [] };
    return { ...e, auditMismatch: `the audit log names this session's key for ${disagreements(named[0], e).join(', ')}`, flags: [] };
  });
  noteLostResponses(sessions, input.sessionRequests ?? []);
  const passwordLeft = passwordLeftBy(vouching);
  sessions.forEach((s, i) => {
    s.flags = flagsOf(s, sessions.slice(0, i), expected, passwordLeft);
  });
  const start = input.window.start.toISOString();
  const end = input.window.end.toISOString();
  const seenKeys = new Set(opened.map((e) => e.sessionAccessKeyId));
  const unseen = input.auditRecords.filter((r) => r.sessionAccessKeyId && !seenKeys.has(r.sessionAccessKeyId) && r.time >= start && r.time <= end);
  const { own, others } = byCallerAccount(unseen, input.connectedAccountId);
  const notFoundInCloudTrail = [...new Map(own.map((r) => [r.sessionAccessKeyId, { sessionAccessKeyId: r.sessionAccessKeyId, accountId: r.accountId, time: r.time, task: r.task }])).values()];
  const count = (flag: SessionFlag) => sessions.filter((s) => s.flags.includes(flag)).length;
  const accounts = accountsOf(sessions);
  const days = Math.round((input.window.end.getTime() - input.window.start.getTime()) / 86_400_000);
  return {
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    window: { start, end, days },
    ...(input.connectedAccountId ? { connectedAccountId: input.connectedAccountId } : {}),
    regions: [...input.regions],
    regionSource: input.regionSource ?? { kind: 'given' },
    sessions,
    refused: newestFirst.filter((e) => e.errorCode),
    accounts,
    notFoundInCloudTrail,
    ...(others.length ? { fromOtherAccounts: { sessions: new Set(others.map((r) => r.sessionAccessKeyId)).size, callerAccounts: [...new Set(others.map((r) => callerAccountOf(r)))].sort() } } : {}),
    ...(input.auditLogSkippedLines ? { auditLogSkippedLines: input.auditLogSkippedLines } : {}),
    ...(expected ? { expectedPrincipals: expected.map((p) => p.arn) } : {}),
    ...(expected || input.expectedFrom ? { expectedFrom: input.expectedFrom ?? { from: 'given' } } : {}),
    totals: {
      sessions: sessions.length,
      refused: newestFirst.length - opened.length,
      accounts: accounts.length,
      startedByRootGuard: sessions.filter((s) => s.rootGuard).length,
      ...(Object.fromEntries(SESSION_FLAGS.map((f) => [f, count(f)])) as Record<SessionFlag, number>),
    },
  };
}
