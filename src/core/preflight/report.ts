/**
 * The preflight as a report: one row per account and task with the deciding policy and statement, in the
 * formats of the posture report (table, CSV, JSON, Markdown). Account and OU names are hostile input to
 * terminals and spreadsheets, so cells go through the same hygiene as the posture report's.
 */
import { stringify } from 'csv-stringify/sync';
import type { OrgSnapshot, OrgUnit } from '../org/model';
import { plural } from '../lint/formatters/summary';
import { statementNumber } from '../policy';
import { csvCell, markdownCell, printable } from '../report/cells';
import { markdownText } from '../text/markdown';
import type { ReportFormat } from '../report/formats';
import type { OrgPolicyKind, PolicyTypeState, Preflight, PredictionResult } from './model';
import { type RefusedAttachment, describeRefused } from './proposals';
import type { RootSessionsState } from '../org/rootSessions';
import { TASK_LABELS } from './tasks';

/** One row of the JSON output, as the README documents it. */
export interface PreflightRow {
  accountId: string;
  accountName: string;
  ouPath: string;
  /** The task's short name (`delete-credentials`); `taskPolicy` is AWS's name for it. */
  task: string;
  taskPolicy: string;
  result: PredictionResult;
  /** The first statement that blocks (or may block) the task; `blockedBy` names every one. */
  policyId: string | null;
  policyName: string | null;
  /** 0-based statement index in the policy. */
  statement: number | null;
  sid: string | null;
  /** Every statement that blocks (or may block) the task's calls, with the calls it decides, certain ones first. */
  blockedBy: BlockingStatement[];
  blockedCalls: string[];
  /** Denied calls the task does without (listing buckets to pick from, undo); the summary names what they serve. */
  blockedOptionalCalls: string[];
  /** Calls the task does without that may be denied; the summary names what they serve and the keys. */
  dependingOptionalCalls: string[];
  /** Needed calls that may be blocked, depending on `dependsOn`: of a blocked task, those beside the certain blocks. */
  dependingCalls: string[];
  dependsOn: string[];
  summary: string;
}

export interface BlockingStatement {
  policyId: string;
  policyName: string;
  kind: 'SCP' | 'RCP';
  statement: number;
  sid: string | null;
  /** Blocks some of `calls` for certain; false: only may block them, depending on `dependsOn`. */
  certain: boolean;
  /** Every call it blocks or may block, those it blocks for certain first. */
  calls: string[];
  /** Of `calls`, those it only may block, depending on `dependsOn` (all of them when not `certain`). */
  dependingCalls: string[];
  /** The keys of the row's `dependsOn` its `dependingCalls` hinge on. */
  dependsOn: string[];
}

export interface PreflightReport {
  generatedAt: string;
  organizationId: string;
  region: string;
  policyTypes: Record<OrgPolicyKind, PolicyTypeState>;
  caller: { accountId: string; exemptFromScps: boolean };
  /** Whether root sessions can be opened at all: `available`, else why not, or why it is not known. */
  rootSessions: RootSessionsState;
  notPredicted: { accountId: string; accountName: string; reason: string }[];
  unreadablePolicies: { policyId: string; name: string; error: string }[];
  /** The policies predicted with as if deployed (a what-if), none for the organization as it is. */
  proposed: ProposedRow[];
  rows: PreflightRow[];
}

/** A proposed policy: a new one (`proposed-1`) attached to `targets`, or the new text of `policyId`. */
export interface ProposedRow {
  policyId: string;
  kind: 'SCP' | 'RCP';
  /** The file it was read from (`FILE#NAME` for one of a template's). */
  file: string;
  replaces: boolean;
  targets: string[];
  /** The targets Organizations would refuse to attach it to: they hold the most SCPs allowed already. */
  refused: RefusedAttachment[];
}

/** The names of the OU `parentId` and those above it, root first: `Workloads/Prod`. */
export function ouPathOf(parentId: string, units: ReadonlyMap<string, OrgUnit>): string {
  const names: string[] = [];
  for (let unit = units.get(parentId); unit; unit = units.get(unit.parentId)) names.unshift(unit.name);
  return names.join('/');
}

export function buildPreflightReport(preflight: Preflight, snapshot: Pick<OrgSnapshot, 'accounts' | 'units'>, generatedAt = new Date(), proposed: ProposedRow[] = []): PreflightReport {
  const units = new Map(snapshot.units.map((u) => [u.id, u]));
  const accounts = new Map(snapshot.accounts.map((a) => [a.id, a]));
  const nameOf = (id: string) => accounts.get(id)?.name ?? id;
  return {
    generatedAt: generatedAt.toISOString(),
    organizationId: preflight.organizationId,
    region: preflight.region,
    policyTypes: preflight.types,
    caller: { accountId: preflight.callerAccountId, exemptFromScps: preflight.callerExempt },
    rootSessions: preflight.rootSessions,
    notPredicted: preflight.notPredicted.map((n) => ({ accountId: n.accountId, accountName: nameOf(n.accountId), reason: n.reason })),
    unreadablePolicies: preflight.unreadable,
    proposed,
    rows: preflight.predictions.map((p): PreflightRow => {
      const first = p.statements[0];
      const account = accounts.get(p.accountId);
      return {
        accountId: p.accountId,
        accountName: nameOf(p.accountId),
        ouPath: account ? ouPathOf(account.parentId, units) : '',
        task: TASK_LABELS[p.task],
        taskPolicy: p.task,
        result: p.result,
        policyId: first?.policyId ?? null,
        policyName: first?.policyName ?? null,
        statement: first?.statement ?? null,
        sid: first?.sid ?? null,
        blockedBy: p.statements.map((s) => ({
          policyId: s.policyId,
          policyName: s.policyName,
          kind: s.kind === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP',
          statement: s.statement,
          sid: s.sid ?? null,
          certain: s.certain,
          calls: s.calls,
          dependingCalls: s.dependingCalls,
          dependsOn: s.dependsOn,
        })),
        blockedCalls: p.blockedCalls,
        blockedOptionalCalls: p.blockedOptionalCalls ?? [],
        dependingOptionalCalls: p.dependingOptionalCalls ?? [],
        dependingCalls: p.dependingCalls,
        dependsOn: p.dependsOn,
        summary: p.summary,
      };
    }),
  };
}

type Column = [header: string, value: (row: PreflightRow) => string | number | null];

const COLUMNS: Column[] = [
  ['AccountId', (r) => r.accountId],
  ['AccountName', (r) => r.accountName],
  ['OuPath', (r) => r.ouPath],
  ['Task', (r) => r.task],
  ['Result', (r) => r.result],
  ['PolicyId', (r) => r.policyId],
  ['PolicyName', (r) => r.policyName],
  // Counted from 1, as the Summary beside it names it (JSON's `statement` is the 0-based index).
  ['Statement', (r) => (r.statement === null ? null : statementNumber(r.statement))],
  ['Sid', (r) => r.sid],
  ['BlockedCalls', (r) => r.blockedCalls.join(' ')],
  ['DependingCalls', (r) => r.dependingCalls.join(' ')],
  ['DependsOn', (r) => r.dependsOn.join(' ')],
  ['Summary', (r) => r.summary],
];

function totalsLine(report: PreflightReport): string {
  const count = (result: PredictionResult) => report.rows.filter((r) => r.result === result).length;
  return `${plural(report.rows.length, 'prediction')}: ${count('works')} works, ${count('blocked')} blocked, ${count('depends')} depends; ${plural(report.notPredicted.length, 'account')} not predicted`;
}

/** The sentences after the rows, as written: the names in them are hostile, so each format escapes them its own way. */
function notes(report: PreflightReport): string[] {
  const lines: string[] = [];
  for (const p of report.proposed) {
    const what = p.replaces ? `${p.kind} ${p.policyId} with the text of ${p.file}` : `${p.kind} ${p.file} (${p.policyId}) attached to ${p.targets.join(', ')}`;
    lines.push(`What-if: predicted with ${what}, as if deployed; nothing was changed.`);
    for (const refused of p.refused) lines.push(`What-if: ${describeRefused(refused)}`);
  }
  const off = (Object.entries(report.policyTypes) as [OrgPolicyKind, PolicyTypeState][]).filter(([, state]) => state !== 'ENABLED');
  for (const [kind, state] of off) lines.push(`${kind} is ${state} on the root: not evaluated.`);
  if (report.rootSessions.state === 'unavailable') lines.push(`No root session can open: ${report.rootSessions.reason}. Every task is blocked whatever the policies allow.`);
  if (report.rootSessions.state === 'unknown') lines.push(`Not read: ${report.rootSessions.reason}. No task is predicted to work.`);
  if (report.caller.exemptFromScps) lines.push(`The caller ${report.caller.accountId} is the management account: SCPs do not apply to its sts:AssumeRoot.`);
  for (const n of report.notPredicted) lines.push(`${n.accountId} (${n.accountName}) not predicted: ${n.reason}.`);
  for (const u of report.unreadablePolicies) lines.push(`Policy ${u.policyId} (${u.name}) could not be read: ${u.error}.`);
  return lines;
}

function renderTable(report: PreflightReport): string {
  const headers = ['ACCOUNT', 'NAME', 'OU', 'TASK', 'RESULT', 'DECIDED BY'];
  const rows = report.rows.map((r) => [r.accountId, r.accountName, r.ouPath, r.task, r.result, r.result === 'works' ? worksNotes(r) : r.summary.slice(r.task.length + 1)].map(printable));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), ...rows.map(line), '', totalsLine(report), ...notes(report).map(printable), ''].join('\n');
}

/** What the summary of a task that works adds: the calls it does without that are (or may be) blocked. */
function worksNotes(row: PreflightRow): string {
  return row.summary.slice(`${row.task} works; `.length);
}

function renderCsv(report: PreflightReport): string {
  return stringify(
    report.rows.map((row) => COLUMNS.map(([, value]) => csvCell(value(row)))),
    { header: true, columns: COLUMNS.map(([header]) => header) },
  );
}

function renderMarkdown(report: PreflightReport): string {
  const headers = ['Account', 'Name', 'OU', 'Task', 'Result', 'Policy', 'Statement', 'Blocked calls', 'Depends on'];
  // Every blocking statement, its policy and statement cells in the same order.
  const policies = (r: PreflightRow) => r.blockedBy.map((b) => `${b.policyName} (${b.policyId})`).join('; ');
  const statements = (r: PreflightRow) => r.blockedBy.map((b) => `${statementNumber(b.statement)}${b.sid ? ` (${b.sid})` : ''}`).join('; ');
  // The calls that only may be blocked beside those that are, each marked, so that none is missed.
  const calls = (r: PreflightRow) => [...r.blockedCalls, ...r.dependingCalls.map((c) => `${c} (depends)`)].join(', ');
  const rows = report.rows.map((r) => [r.accountId, r.accountName, r.ouPath, r.task, r.result, policies(r), statements(r), calls(r), dependsOnCell(r)]);
  return [
    '# Root task preflight',
    '',
    `Generated ${report.generatedAt} for organization \`${report.organizationId}\` in ${report.region}.`,
    '',
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
    '',
    totalsLine(report),
    '',
    ...notes(report).map((n) => `- ${markdownText(n)}`),
    '',
  ].join('\n');
}

/**
 * The keys a row's depending calls hinge on. With several statements whose keys differ, each statement's own
 * (`-` for one that only blocks for certain), in the order of the Policy and Statement cells, so that a reader can
 * tell which statement tests which key.
 */
function dependsOnCell(row: PreflightRow): string {
  const each = row.blockedBy.map((b) => b.dependsOn.join(', '));
  if (each.length < 2 || each.every((keys) => keys === each[0])) return row.dependsOn.join(', ');
  return each.map((keys) => keys || '-').join('; ');
}

export function renderPreflight(report: PreflightReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return renderCsv(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'table':
      return renderTable(report);
  }
}
