/**
 * The holders report as a terminal table, CSV (one row per principal and task), JSON or Markdown. Names
 * and policy labels come from the account, so every cell goes through the same hygiene as the posture
 * report (no terminal escapes, no spreadsheet formulas).
 */
import { stringify } from 'csv-stringify/sync';
import { csvCell, markdownCell, printable } from '../report/cells';
import type { ReportFormat } from '../report/formats';
import type { Capability, Holder, HolderGrant, HoldersReport, ScpCheck, TrustEntry } from './model';

const SHORT_TASK: Record<string, string> = {
  IAMAuditRootUserCredentials: 'audit',
  IAMCreateRootUserPassword: 'password recovery',
  IAMDeleteRootUserCredentials: 'delete credentials',
  S3UnlockBucketPolicy: 'unlock S3',
  SQSUnlockQueuePolicy: 'unlock SQS',
  FutureTaskPolicy: 'future tasks',
};

export const CAPABILITY_LABELS: Record<Capability, string> = {
  recoveryOrDeletionEveryAccount: 'Password recovery or deletion on every account',
  recoveryOrDeletion: 'Password recovery or deletion on named accounts',
  unlock: 'Unlock bucket or queue policies',
  auditOnly: 'Audit only',
  blockedByBoundary: 'Granted, but the permissions boundary removes it',
  blockedByScp: "Granted, but the account's own SCPs remove it",
};

export const shortTask = (task: string): string => SHORT_TASK[task] ?? task;

/** One sentence on the connected account's own SCPs: applied, exempt, off, or not read (never "none"). */
export function scpCheckText(check: ScpCheck, accountId: string): string {
  switch (check.status) {
    case 'managementAccount':
      return `SCPs: ${accountId} is the management account, which SCPs do not limit`;
    case 'notEnabled':
      return 'SCPs: the SCP policy type is not enabled in the organization, so none limit these principals';
    case 'applied':
      return `SCPs: applied, ${check.policies.length} on the path of ${accountId} (${check.targets.join(' > ')}): ${check.policies.map((p) => `${p.name} (${p.id})`).join(', ')}`;
    case 'notRead':
      return `SCPs: NOT CHECKED, the SCPs of ${accountId} could not be read (${check.code}); its principals may be limited further than shown`;
  }
}

/** `password recovery: denied by SCP p-… statement 1 (DenySid), line 4`. */
export function scpRemovalLines(holder: Holder): string[] {
  return holder.scpRemoves.map((r) => `${shortTask(r.task)}: ${r.reason}`);
}

export function whereOf(grant: HolderGrant): string {
  const except = grant.exceptAccounts.length ? ` except ${grant.exceptAccounts.join(' ')}` : '';
  if (grant.everyAccount) return `every account${except}`;
  const unchecked = grant.uncheckedAccounts ? ` and possibly ${grant.uncheckedAccounts} more named accounts not checked one by one` : '';
  return `${grant.accounts.join(' ')}${except}${unchecked}`;
}

export function conditionsOf(grant: HolderGrant): string {
  return grant.unconditional ? 'none' : grant.conditionKeys.join(' ');
}

/** Grants with the same accounts and conditions on one line: `password recovery, delete credentials on every account`. */
export function grantLines(holder: Holder): { tasks: string; where: string; conditions: string; grant: HolderGrant }[] {
  const groups = new Map<string, { tasks: string[]; grant: HolderGrant }>();
  for (const grant of holder.grants) {
    const key = `${whereOf(grant)}\u0000${conditionsOf(grant)}`;
    const group = groups.get(key) ?? { tasks: [], grant };
    group.tasks.push(SHORT_TASK[grant.task] ?? grant.task);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ tasks, grant }) => ({ tasks: tasks.join(', '), where: whereOf(grant), conditions: conditionsOf(grant), grant }));
}

const TRUST_PREFIXES: Partial<Record<TrustEntry['kind'], string>> = { externalAccount: 'external ', anyone: 'anyone ', deletedPrincipal: 'deleted (stale) ' };

export function trustText(trust: readonly TrustEntry[]): string {
  return trust.map((t) => `${TRUST_PREFIXES[t.kind] ?? ''}${t.principal}${t.conditionKeys.length ? ` (if ${t.conditionKeys.join(', ')})` : ''}`).join('; ');
}

function decidingText(grant: HolderGrant): string {
  return grant.deciding.map((d) => `${d.policy} line ${d.line}${d.sid ? ` (${d.sid})` : ''}`).join('; ');
}

function renderTable(report: HoldersReport): string {
  const headers = ['RISK', 'PRINCIPAL', 'ROOT TASKS', 'ACCOUNTS', 'CONDITIONS', 'TRUSTED BY', 'DECIDING STATEMENT'];
  const rows: string[][] = [];
  for (const h of report.holders) {
    const lines = grantLines(h);
    if (lines.length === 0 && h.scpRemoves.length === 0) rows.push([String(h.risk.score), `${h.kind} ${h.name}`, `none (boundary removes ${h.boundaryRemoves.map((t) => SHORT_TASK[t] ?? t).join(', ')})`, '', '', trustText(h.trust), ''].map(printable));
    lines.forEach((l, i) => rows.push([i === 0 ? String(h.risk.score) : '', i === 0 ? `${h.kind} ${h.name}` : '', l.tasks, l.where, l.conditions, i === 0 ? trustText(h.trust) : '', decidingText(l.grant)].map(printable)));
    for (const r of h.scpRemoves) {
      const first = lines.length === 0 && r === h.scpRemoves[0];
      rows.push([first ? String(h.risk.score) : '', first ? `${h.kind} ${h.name}` : '', `not ${shortTask(r.task)} (removed by SCP)`, '', '', first ? trustText(h.trust) : '', r.reason].map(printable));
    }
  }
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const summary = `${report.holders.filter((h) => h.grants.length > 0).length} of ${report.examined} principals in ${report.accountId} can open root sessions`;
  return [line(headers), ...rows.map(line), '', summary, ...rootSessionsLines(report), printable(scpCheckText(report.scps, report.accountId)), ...gapLines(report), ''].join('\n');
}

/** Where root sessions cannot open from the account, or that could not be read: said beside the grants. */
function rootSessionsLines(report: HoldersReport): string[] {
  const { rootSessions } = report;
  if (rootSessions.state === 'unavailable') return [printable(`No root session can open from ${report.accountId}: ${rootSessions.reason}. The grants are what its policies would allow.`)];
  if (rootSessions.state === 'unknown') return [printable(`Not read: ${rootSessions.reason}.`)];
  return [];
}

function gapLines(report: HoldersReport): string[] {
  return report.gaps.map((g) => printable(`not read: ${g.part} (${g.code}): ${g.message}`));
}

const CSV_HEADERS = ['Kind', 'Principal', 'Arn', 'Capability', 'Risk', 'Task', 'Accounts', 'Unconditional', 'ConditionKeys', 'TrustedBy', 'Policy', 'PolicyArn', 'Line', 'Sid', 'BoundaryRemoves', 'ScpRemoves'];

function renderCsv(report: HoldersReport): string {
  const rows: (string | number)[][] = [];
  for (const h of report.holders) {
    const base = [h.kind, h.name, h.arn, h.capability, h.risk.score];
    const removes = h.boundaryRemoves.join(' ');
    const scpRemoves = scpRemovalLines(h).join('; ');
    if (h.grants.length === 0) rows.push([...base, '', '', '', '', trustText(h.trust), '', '', '', '', removes, scpRemoves]);
    for (const g of h.grants) {
      const d = g.deciding[0];
      rows.push([...base, g.task, whereOf(g), g.unconditional ? 'Yes' : 'No', g.conditionKeys.join(' '), trustText(h.trust), d?.policy ?? '', d?.policyArn ?? '', d?.line ?? '', d?.sid ?? '', removes, scpRemoves]);
    }
  }
  return stringify([CSV_HEADERS, ...rows.map((r) => r.map(csvCell))]);
}

function renderMarkdown(report: HoldersReport): string {
  const lines = ['# Root session holders', '', `Account \`${report.accountId}\`: ${report.examined} principals examined, riskiest first.`, '', ...rootSessionsLines(report).map((l) => `${markdownCell(l)}\n`), markdownCell(scpCheckText(report.scps, report.accountId)), ''];
  const groups = new Map<Capability, Holder[]>();
  for (const h of report.holders) groups.set(h.capability, [...(groups.get(h.capability) ?? []), h]);
  for (const [capability, holders] of groups) {
    lines.push(`## ${CAPABILITY_LABELS[capability]}`, '', '| Principal | Root tasks | Accounts | Conditions | Trusted by | Deciding statement |', '| --- | --- | --- | --- | --- | --- |');
    for (const h of holders) {
      for (const l of grantLines(h)) lines.push(`| ${[`${h.kind} ${h.name}`, l.tasks, l.where, l.conditions, trustText(h.trust), decidingText(l.grant)].map(markdownCell).join(' | ')} |`);
      for (const r of h.scpRemoves) lines.push(`| ${[`${h.kind} ${h.name}`, `not ${shortTask(r.task)} (removed by SCP)`, '', '', trustText(h.trust), r.reason].map(markdownCell).join(' | ')} |`);
      if (h.grants.length === 0 && h.scpRemoves.length === 0) lines.push(`| ${[`${h.kind} ${h.name}`, 'none', '', '', trustText(h.trust), `boundary removes ${h.boundaryRemoves.join(', ')}`].map(markdownCell).join(' | ')} |`);
    }
    lines.push('');
  }
  if (report.gaps.length > 0) lines.push('## Not read', '', ...report.gaps.map((g) => `- ${markdownCell(g.part)} (${markdownCell(g.code)}): ${markdownCell(g.message)}`), '');
  return lines.join('\n');
}

export function renderHolders(report: HoldersReport, format: ReportFormat): string {
  switch (format) {
    case 'csv':
      return renderCsv(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(report);
    case 'table':
      return renderTable(report);
  }
}
