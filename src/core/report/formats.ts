import { stringify } from 'csv-stringify/sync';
import { csvCell, markdownCell, printable } from './cells';
import { CONTROL_IDS } from './compliance';
import type { PostureReport, PostureRow } from './posture';
import { historyLine, openedFromText, rootSessionCells, rootSessionCsvCells } from './rootSessions';

/** The report formats `rootguard audit --format` and the extension's export offer. */
export const REPORT_FORMATS = ['table', 'csv', 'json', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

type Column = [header: string, value: (row: PostureRow, report: PostureReport) => string | number | undefined];

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'Yes' : 'No');

/**
 * CSV columns: the AWS blog script's (account and the four `GetAccountSummary` flags as Yes/No) followed by
 * what the audit knows beyond them.
 */
const CSV_COLUMNS: Column[] = [
  ['AccountId', (r) => r.accountId],
  ['AccountName', (r) => r.accountName],
  ['AccountPasswordPresent', (r) => yesNo(r.accountPasswordPresent)],
  ['AccountAccessKeysPresent', (r) => yesNo(r.accountAccessKeysPresent)],
  ['AccountMFAEnabled', (r) => yesNo(r.accountMfaEnabled)],
  ['AccountSigningCertificatesPresent', (r) => yesNo(r.accountSigningCertificatesPresent)],
  ['OuPath', (r) => r.ouPath],
  ['State', (r) => r.state],
  ['Outcome', (r) => r.outcome],
  ['AuditedAt', (r) => r.auditedAt],
  ['Summary', (r) => r.summary],
  ['PasswordLastUsed', (r) => r.passwordLastUsedAt],
  ['ActiveAccessKeys', (r) => r.activeAccessKeys],
  ['InactiveAccessKeys', (r) => r.inactiveAccessKeys],
  ['AccessKeyLastUsed', (r) => r.accessKeyLastUsedAt],
  ['MfaDevices', (r) => r.mfaDevices],
  ['MfaKinds', (r) => r.mfaKinds],
  ['SigningCertificates', (r) => r.signingCertificates],
  ['ErrorCode', (r) => r.errorCode],
  ['Detail', (r) => r.detail],
  ['LikelyCause', (r) => r.likelyCause],
  ['ReadWithCallerCredentials', (r) => r.readWithCallerCredentials],
  // A timestamp and a number, or empty, as date and count columns must be for a spreadsheet; each one's words
  // (`none opened from …`, the regions not read in full, `not read` without the history) in the note after it.
  ['LastRootSession', (r, report) => rootSessionCsvCells(r.rootSessions, report.history).last],
  ['LastRootSessionNote', (r, report) => rootSessionCsvCells(r.rootSessions, report.history).lastNote],
  ['LastRootSessionTask', (r, report) => rootSessionCsvCells(r.rootSessions, report.history).task],
  ['FlaggedRootSessions', (r, report) => rootSessionCsvCells(r.rootSessions, report.history).flagged],
  ['FlaggedRootSessionsNote', (r, report) => rootSessionCsvCells(r.rootSessions, report.history).flaggedNote],
  // The history holds only the sessions opened from the account whose CloudTrail was read: each row names it.
  ['RootSessionsOpenedFrom', (_row, report) => (report.history.read ? openedFromText(report.history) : 'not read')],
  // Two columns per control: `CIS-2.4` (pass, fail, not-applicable, not-evaluated) and `CIS-2.4 Reason`.
  ...CONTROL_IDS.flatMap((id): Column[] => [
    [id, (r) => r.controls[id].status],
    [`${id} Reason`, (r) => r.controls[id].reason],
  ]),
];

/**
 * One CSV row per account with a header line; values are quoted as needed by csv-stringify, and a cell a
 * spreadsheet would take for a formula (an account named `=HYPERLINK(…)`) is prefixed with `'`. What the
 * report lacks (a failed listing, a cancel) is on stderr: a CSV file has no place for it.
 */
export function renderCsv(report: PostureReport): string {
  return stringify(
    report.rows.map((row) => CSV_COLUMNS.map(([, value]) => csvCell(value(row, report)))),
    { header: true, columns: CSV_COLUMNS.map(([header]) => header) },
  );
}

/** The whole report as indented JSON (stable field names; dates ISO-8601). */
export function renderJson(report: PostureReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const TOTAL_LABELS: [keyof PostureReport['totals'], string][] = [
  ['accounts', 'Accounts'],
  ['audited', 'Audited'],
  ['skipped', 'Skipped'],
  ['failed', 'Failed'],
  ['notAudited', 'Not audited'],
  ['withRootCredentials', 'With root credentials'],
  ['withPassword', 'With a root password'],
  ['withAccessKeys', 'With root access keys'],
  ['withActiveAccessKeys', 'With active root access keys'],
  ['withSigningCertificates', 'With signing certificates'],
  ['withMfa', 'With root MFA'],
];

function markdownTable(headers: string[], rows: (string | number | undefined)[][]): string[] {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`)];
}

/** A Markdown document: organization, feature switches, totals, every account, then the failures with causes. */
export function renderMarkdown(report: PostureReport): string {
  const lines = ['# Root access posture', '', `Generated ${report.generatedAt}.`, ''];
  if (report.organization) {
    lines.push(`Organization \`${report.organization.id}\`, management account \`${report.organization.managementAccountId}\`.`, '');
  }
  if (report.features) {
    const on = (v: boolean) => (v ? 'on' : 'off');
    const f = report.features;
    lines.push(`Trusted access for IAM: ${on(f.trustedAccess)} · RootCredentialsManagement: ${on(f.rootCredentialsManagement)} · RootSessions: ${on(f.rootSessions)} · Delegated admin: ${f.delegatedAdmins.map((a) => a.accountId).join(', ') || 'none'}`, '');
  }
  lines.push(historyLine(report.history, report.organization?.managementAccountId), '');
  for (const gap of gapLines(report)) lines.push(`**Incomplete:** ${markdownCell(gap)}`, '');
  lines.push('## Totals', '', ...markdownTable(['', 'Accounts'], TOTAL_LABELS.map(([key, label]) => [label, report.totals[key]])), '');
  lines.push('## Accounts', '', ...markdownTable(
    ['Account', 'Name', 'OU', 'Root credentials', 'Password last used', 'Audited at', 'Last root session', 'Task', 'Flagged sessions'],
    report.rows.map((r) => {
      const sessions = rootSessionCells(r.rootSessions, report.history);
      return [r.accountId, r.accountName, r.ouPath, r.summary, r.passwordLastUsedAt, r.auditedAt, sessions.last, sessions.task, sessions.flagged];
    }),
  ), '');
  const failed = report.rows.filter((r) => r.outcome === 'failed');
  if (failed.length) {
    lines.push('## Could not be audited', '', ...markdownTable(['Account', 'Code', 'Likely cause', 'Detail'], failed.map((r) => [r.accountId, r.errorCode, r.likelyCause, r.detail])), '');
  }
  lines.push('## Compliance', '', ...markdownTable(['Control', 'Framework', 'Title'], report.controls.map((c) => [c.id, c.framework, c.title])), '');
  lines.push(...markdownTable(['Account', 'Control', 'Result', 'Reason'], report.rows.flatMap((r) => CONTROL_IDS.map((id) => [r.accountId, id, r.controls[id].status, r.controls[id].reason]))), '');
  const byCaller = report.rows.filter((r) => r.readWithCallerCredentials);
  for (const r of byCaller) lines.push(`Account \`${r.accountId}\` (management) was read with the caller's own credentials (${r.readWithCallerCredentials}), not in a root session.`, '');
  return lines.join('\n');
}

const STATUS_MARK = { pass: 'pass', fail: 'FAIL', 'not-applicable': 'n/a', 'not-evaluated': '?' } as const;

/** Per account: every control's result on one line, then the reason of each that did not pass. */
function complianceLines(report: PostureReport): string[] {
  const lines = [`Compliance (CIS AWS Foundations Benchmark v7.0 ${CONTROL_IDS.filter((id) => id.startsWith('CIS')).map((id) => id.slice(4)).join(', ')}; Security Hub ${CONTROL_IDS.filter((id) => id.startsWith('IAM')).join(', ')}):`];
  for (const r of report.rows) {
    const via = r.readWithCallerCredentials ? ` (read with the caller's credentials: ${r.readWithCallerCredentials})` : '';
    lines.push(`${r.accountId}${via}: ${CONTROL_IDS.map((id) => `${id} ${STATUS_MARK[r.controls[id].status]}`).join(' · ')}`);
    for (const id of CONTROL_IDS) if (r.controls[id].status !== 'pass') lines.push(printable(`  ${id}: ${r.controls[id].reason}`));
  }
  return lines;
}

/** A plain-text table for a terminal: aligned columns, then the totals on one line. */
export function renderTable(report: PostureReport): string {
  const headers = ['ACCOUNT', 'NAME', 'OU', 'ROOT CREDENTIALS', 'AUDITED AT', 'LAST ROOT SESSION', 'FLAGGED'];
  const rows = report.rows.map((r) => {
    const sessions = rootSessionCells(r.rootSessions, report.history);
    return [r.accountId, r.accountName ?? '', r.ouPath ?? '', r.summary, r.auditedAt?.replace(/\.\d{3}Z$/, 'Z') ?? '', sessions.lastWithTask, sessions.flagged].map(printable);
  });
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const t = report.totals;
  const totals = `${t.accounts} accounts: ${t.audited} audited, ${t.skipped} skipped, ${t.failed} failed, ${t.notAudited} not audited; ${t.withRootCredentials} with root credentials (${t.withPassword} password, ${t.withAccessKeys} access keys, ${t.withSigningCertificates} certificates), ${t.withMfa} with MFA`;
  return [line(headers), ...rows.map(line), '', totals, ...gapLines(report).map((gap) => `INCOMPLETE: ${gap}`), historyLine(report.history, report.organization?.managementAccountId), '', ...complianceLines(report), ''].join('\n');
}

/** What the report lacks, one line each, for the formats with room for prose. */
function gapLines(report: PostureReport): string[] {
  const unlisted = (report.gaps?.unlisted ?? []).map((u) => `the ${u.listing} of ${u.parentId} could not be listed (${u.code}): what is under it is not in this report`);
  return [...unlisted, ...(report.gaps?.cancelled ? ['the audit was cancelled: the accounts marked "not audited" were not read'] : [])];
}

/** Renders a report in the named format. */
export function renderReport(report: PostureReport, format: ReportFormat): string {
  switch (format) {
    case 'csv':
      return renderCsv(report);
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'table':
      return renderTable(report);
  }
}
