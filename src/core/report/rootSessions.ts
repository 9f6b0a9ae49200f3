/**
 * The posture report's root session history columns: per account, the last root session (time and task) and
 * how many sessions were flagged, when the history was read. A report made without it says `not read` in
 * every format (CSV's value columns are empty, their note columns say it), never a zero that would read as
 * "no sessions". AssumeRoot is logged only in the
 * calling account's CloudTrail, so the history holds the sessions opened from the connected account alone:
 * every format names that account, as a bare "none" would clear an account another one opened sessions on.
 */
import type { RootSessionHistory } from '../history/model';

/** An account's root sessions in the report; `read: false` when the history was not read. */
export type RowRootSessions =
  | { read: false }
  | {
      read: true;
      /** The account the sessions were opened from, whose CloudTrail was read (absent when it could not be told). */
      openedFrom?: string;
      /** Sessions opened on the account in the window (refused calls left out). */
      sessions: number;
      /** The newest one: when, which task policy, by whom. */
      last?: { time: string; task: string; callerArn: string; startedByRootGuard: boolean };
      /** Sessions carrying at least one flag (not started by RootGuard, recovery never followed by a deletion, unexpected principal). */
      flagged: number;
    };

/** What the report says about the history as a whole. */
export type ReportHistory =
  | { read: false }
  | {
      read: true;
      window: RootSessionHistory['window'];
      /**
       * The account whose CloudTrail was read: the report's sessions are those opened from it. Sessions opened
       * from another account (the management account, a delegated administrator) are not in the report.
       * Absent when the connected account could not be told.
       */
      openedFrom?: string;
      /** Regions read in full. */
      regions: string[];
      /**
       * Regions read in part (some pages, then an error): Event history answers newest first, so an account's
       * older sessions there may be missing from the report, as `rootguard history` says of them.
       */
      regionsReadInPart: string[];
      /** Regions that could not be read at all: an account may have sessions there that the report does not show. */
      regionsNotRead: string[];
      /** False when the unexpected-principal flag was not evaluated (no expected principals). */
      expectedPrincipalsChecked: boolean;
    };

export function reportHistory(history: RootSessionHistory | undefined): ReportHistory {
  if (!history) return { read: false };
  return {
    read: true,
    window: history.window,
    ...(history.connectedAccountId ? { openedFrom: history.connectedAccountId } : {}),
    regions: history.regions.filter((r) => !r.error).map((r) => r.region),
    regionsReadInPart: history.regions.filter((r) => r.error && r.pages > 0).map((r) => r.region),
    regionsNotRead: history.regions.filter((r) => r.error && r.pages === 0).map((r) => r.region),
    expectedPrincipalsChecked: Boolean(history.expectedPrincipals),
  };
}

export function rowRootSessions(history: RootSessionHistory | undefined, accountId: string): RowRootSessions {
  if (!history) return { read: false };
  const account = history.accounts.find((a) => a.accountId === accountId);
  const flagged = history.sessions.filter((s) => s.targetAccountId === accountId && s.flags.length > 0).length;
  const openedFrom = history.connectedAccountId ? { openedFrom: history.connectedAccountId } : {};
  if (!account) return { read: true, ...openedFrom, sessions: 0, flagged };
  const { time, task, callerArn, startedByRootGuard } = account.last;
  return { read: true, ...openedFrom, sessions: account.sessions, last: { time, task, callerArn, startedByRootGuard }, flagged };
}

const NOT_READ = 'not read';

/** The account the history's sessions were opened from, as the cells and the history line name it. */
export function openedFromText(history: ReportHistory): string {
  return history.read && history.openedFrom ? history.openedFrom : 'the connected account';
}

/**
 * What the cells of a history with regions read in part or not at all add to each value: sessions (flagged ones
 * among them) may be missing from those regions, so no count or last session is firm. Empty for a whole history.
 */
function gapsQualifier(history: ReportHistory & { read: true }): string {
  const gaps = [
    ...(history.regionsReadInPart.length ? [`read in part: ${history.regionsReadInPart.join(', ')}`] : []),
    ...(history.regionsNotRead.length ? [`not read: ${history.regionsNotRead.join(', ')}`] : []),
  ];
  return gaps.length ? ` in the regions read (${gaps.join('; ')})` : '';
}

/**
 * The cells every format shows: last session time, its task, flagged sessions; `lastWithTask` both in one. The
 * last session and the flagged count of every row carry the same qualifier when a region was not read in full.
 */
export function rootSessionCells(row: RowRootSessions, history: ReportHistory): { last: string; task: string; lastWithTask: string; flagged: string } {
  if (!row.read || !history.read) return { last: NOT_READ, task: NOT_READ, lastWithTask: NOT_READ, flagged: NOT_READ };
  const qualifier = gapsQualifier(history);
  const flagged = `${row.flagged}${qualifier}`;
  if (!row.last) {
    const none = `${noneOpened(history)}${qualifier}`;
    return { last: none, task: '', lastWithTask: none, flagged };
  }
  return { last: `${row.last.time}${qualifier}`, task: row.last.task, lastWithTask: `${row.last.time.replace(/\.\d{3}Z$/, 'Z')} ${row.last.task}${qualifier}`, flagged };
}

/** What the last-session cell says of an account without sessions in the window. */
function noneOpened(history: ReportHistory & { read: true }): string {
  return `none opened from ${openedFromText(history)} in ${history.window.days} days`;
}

/**
 * The cells as CSV gives them, so that a spreadsheet can sort and add up its columns: `last` a timestamp or
 * empty, `flagged` a number or empty, and each one's words in the note column after it: `none opened from …`,
 * the regions not read in full (`in the regions read (read in part: R)`), or `not read` without the history.
 */
export function rootSessionCsvCells(row: RowRootSessions, history: ReportHistory): { last: string; lastNote: string; task: string; flagged: number | ''; flaggedNote: string } {
  if (!row.read || !history.read) return { last: '', lastNote: NOT_READ, task: '', flagged: '', flaggedNote: NOT_READ };
  const gaps = gapsQualifier(history).trim();
  const lastNote = row.last ? gaps : `${noneOpened(history)}${gapsQualifier(history)}`;
  return { last: row.last?.time ?? '', lastNote, task: row.last?.task ?? '', flagged: row.flagged, flaggedNote: gaps };
}

/**
 * Whose root sessions the history cannot hold: only the management account and the IAM delegated administrator
 * may call AssumeRoot, and each one's calls are logged in its own CloudTrail.
 */
function otherOpeners(history: ReportHistory, managementAccountId: string | undefined): string {
  if (!history.read || !history.openedFrom || !managementAccountId) return 'the management account or the IAM delegated administrator';
  return history.openedFrom === managementAccountId ? 'the IAM delegated administrator' : `the management account (${managementAccountId})`;
}

/**
 * One line for a report's header: the window and regions the history covered and whose sessions it holds, or
 * that it was not read.
 */
export function historyLine(history: ReportHistory, managementAccountId?: string): string {
  if (!history.read) return 'Root session history: not read (the last-session and flag columns say "not read").';
  const { regions, regionsReadInPart, regionsNotRead } = history;
  // With every region read in part there is no region read in full to name, and "in no region" would say none was read.
  const inFull = regions.length ? ` in ${regions.join(', ')}` : regionsReadInPart.length ? '' : ' in no region';
  const inPart = regionsReadInPart.length ? `; read in part in ${regionsReadInPart.join(', ')} (older sessions may be missing)` : '';
  const notRead = regionsNotRead.length ? `; NOT READ in ${regionsNotRead.join(', ')}` : '';
  const expected = history.expectedPrincipalsChecked ? '' : '; sessions not checked against expected principals';
  const whose = `Only root sessions opened from ${openedFromText(history)} are included: AssumeRoot is logged in the calling account's CloudTrail, so sessions opened from ${otherOpeners(history, managementAccountId)} are not.`;
  return `Root session history: last ${history.window.days} days${inFull}${inPart}${notRead}${expected}. ${whose}`;
}
