/** The root session history as a terminal table, CSV (one row per session), JSON or Markdown. */
import { stringify } from 'csv-stringify/sync';
import { csvCell, markdownCell, printable } from '../report/cells';
import type { ReportFormat } from '../report/formats';
import { FLAG_LABELS, SESSION_FLAGS, type HistorySession, type RegionRead, type RootSessionHistory, type SessionFlag } from './model';

// The task policy for every session, RootGuard's own included, so that one name filters them all; which of
// RootGuard's tasks ran (an unlock, or the restore of its policy) is in the JSON's `rootGuard.task`.
const task = (s: HistorySession) => s.taskPolicy ?? s.taskPolicyArn;
const byRootGuard = (s: HistorySession) => (s.rootGuard ? `yes (${s.rootGuard.result})` : 'no');
const flagReason = (s: HistorySession, f: SessionFlag) => (f === 'unexpected-principal' ? s.unexpected : f === 'not-started-by-rootguard' ? s.auditMismatch : undefined);
const flagText = (s: HistorySession) => s.flags.map((f) => (flagReason(s, f) ? `${f} (${flagReason(s, f)})` : f)).join(', ');

type Column = [header: string, value: (s: HistorySession) => string];

const COLUMNS: Column[] = [
  ['Time', (s) => s.time],
  ['Region', (s) => s.region],
  ['Account', (s) => s.targetAccountId ?? ''],
  ['Task', task],
  ['Caller', (s) => s.callerArn],
  ['SessionAccessKeyId', (s) => s.sessionAccessKeyId ?? ''],
  ['RootGuard', byRootGuard],
  ['RunId', (s) => s.rootGuard?.runId ?? ''],
  ['Flags', flagText],
  ['Notes', (s) => (s.notes ?? []).join('; ')],
];

/** The unexpected-principal count, or why there is none, and whom it expected. */
function unexpectedSummary(h: RootSessionHistory): string {
  const from = h.expectedFrom;
  if (from?.from === 'holders' && from.error) return `not evaluated (the holders view could not be read: ${from.error.code}: ${from.error.message})`;
  if (!h.expectedPrincipals) return 'not evaluated (no expected principals given)';
  const count = h.totals['unexpected-principal'];
  if (from?.from !== 'holders') return `${count} (expected: ${h.expectedPrincipals.join(', ')})`;
  const gaps = from.gaps.length ? `; incomplete, could not read ${from.gaps.map((g) => `${g.part} (${g.code})`).join(', ')}` : '';
  return `${count} (expected: the ${h.expectedPrincipals.length} holders of the holders view, for the tasks and accounts they hold${gaps})`;
}

/** Which regions were read and why, so nobody takes one region's silence for the organization's. */
export function regionSourceLine(h: RootSessionHistory): string {
  const names = h.regions.map((r) => r.region).join(', ');
  const source = h.regionSource;
  if (source.kind === 'enabled') return `Regions read: the ${h.regions.length} enabled for the account (account:ListRegions): ${names}`;
  if (source.kind === 'given') return `Regions read: ${names} (as given)`;
  const why = source.error ? `account:ListRegions failed (${source.error.code}: ${source.error.message})` : 'no region was named';
  return `Regions read: only the connection's ${names}, because ${why}; sessions opened through other regions are missing`;
}

/**
 * Said when lines of the audit log were skipped (`where`: its path, or "the audit log"): a session they named
 * would show as not started by RootGuard.
 */
export function skippedAuditLines(count: number, where: string): string {
  return `${count} ${count === 1 ? 'line' : 'lines'} of ${where} skipped: not a whole audit record (a torn or edited line); a session only ${count === 1 ? 'it names' : 'they name'} shows as not started by RootGuard`;
}

/**
 * Said when the audit log to join is missing (`choose`: how to name another, `--audit-log`): a mistyped path
 * would pass for sessions nobody logged.
 */
export function noAuditLog(path: string, choose: string): string {
  return `no audit log at ${printable(path)}: every root session RootGuard started would show as not started by RootGuard (${choose} names another)`;
}

/** How a region was read: in full, in part (pages, then an error) or not at all. */
function regionReadText(r: RegionRead): string {
  if (!r.error) return `${r.events} events, ${r.pages} pages`;
  const error = `${r.error.code}: ${r.error.message}`;
  if (r.pages === 0) return `NOT READ (${error})`;
  return `read in part: ${r.events} events in ${r.pages} pages, then ${error}; older sessions may be missing`;
}

function summaryLines(h: RootSessionHistory): string[] {
  const t = h.totals;
  const lines = [
    `${t.sessions} root sessions on ${t.accounts} accounts in ${h.window.days} days (${h.window.start} to ${h.window.end}); ${t.startedByRootGuard} started by RootGuard, ${t.refused} refused calls`,
    ...SESSION_FLAGS.map((f) => `${FLAG_LABELS[f]}: ${f === 'unexpected-principal' ? unexpectedSummary(h) : t[f]}`),
  ];
  lines.push(regionSourceLine(h));
  for (const r of h.regions) lines.push(`${r.region}: ${regionReadText(r)}`);
  if (h.notFoundInCloudTrail.length) {
    lines.push(`${h.notFoundInCloudTrail.length} of RootGuard's own sessions in the window are in no region read (another region, or not delivered yet): ${h.notFoundInCloudTrail.map((n) => `${n.accountId} ${n.sessionAccessKeyId}`).join(', ')}`);
  }
  const others = h.fromOtherAccounts;
  if (others) {
    lines.push(`${others.sessions} of RootGuard's sessions in the audit log were left out as opened from other accounts (${others.callerAccounts.join(', ')}): another organization's, or another caller account's, whose own CloudTrail holds them`);
  }
  return lines.map(printable);
}

function renderTable(h: RootSessionHistory): string {
  const pick = [0, 1, 2, 3, 4, 6, 8, 9];
  const headers = pick.map((i) => COLUMNS[i][0].toUpperCase());
  const rows = h.sessions.map((s) => pick.map((i) => printable(COLUMNS[i][1](s))));
  const widths = headers.map((head, i) => Math.max(head.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const accounts = h.accounts.map((a) => printable(`${a.accountId}: last ${a.last.time} ${a.last.task} by ${a.last.callerArn}${a.last.startedByRootGuard ? ' (RootGuard)' : ''}; ${a.sessions} sessions`));
  return [line(headers), ...rows.map(line), '', 'Per account:', ...accounts, '', ...summaryLines(h), ''].join('\n');
}

function renderMarkdown(h: RootSessionHistory): string {
  const table = (headers: string[], rows: string[][]) => [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`)];
  return [
    '# Root session history',
    '',
    ...summaryLines(h).map((l) => `- ${l}`),
    '',
    '## Accounts',
    '',
    ...table(['Account', 'Last session', 'Task', 'Caller', 'By RootGuard', 'Sessions', 'Flags'], h.accounts.map((a) => [a.accountId, a.last.time, a.last.task, a.last.callerArn, a.last.startedByRootGuard ? 'yes' : 'no', String(a.sessions), Object.entries(a.flagged).map(([f, n]) => `${f} ${n}`).join(', ')])),
    '',
    '## Sessions',
    '',
    ...table(COLUMNS.map(([head]) => head), h.sessions.map((s) => COLUMNS.map(([, value]) => value(s)))),
    '',
  ].join('\n');
}

export function renderHistory(h: RootSessionHistory, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(h, null, 2)}\n`;
    case 'csv':
      // CloudTrail's fields are the caller's to write (a user's name): no control character reaches a terminal that shows the file.
      return stringify(h.sessions.map((s) => COLUMNS.map(([, value]) => csvCell(value(s)))), { header: true, columns: COLUMNS.map(([head]) => head) });
    case 'markdown':
      return renderMarkdown(h);
    case 'table':
      return renderTable(h);
  }
}
