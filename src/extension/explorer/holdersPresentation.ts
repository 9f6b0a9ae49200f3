/**
 * What the "Root session holders" node shows, as plain text: the groups (what principals can do, riskiest
 * first), each principal's one-line description and tooltip, and each grant's row. Free of `vscode` so it is
 * unit-tested on its own; holdersNodes.ts turns it into tree items.
 */
import { unconditionalRecoveryHolders } from '../../core/holders/analyze';
import { CAPABILITY_LABELS, conditionsOf, grantLines, scpRemovalLines, whereOf } from '../../core/holders/formats';
import type { Capability, GrantStatement, Holder, HolderGrant, HoldersReport, PrincipalKind, PrincipalSource, TrustEntry } from '../../core/holders/model';
import { codeSpan, markdownText } from '../../core/text/markdown';

/** Riskiest first: the order of the groups under the node. */
export const CAPABILITY_ORDER: readonly Capability[] = ['recoveryOrDeletionEveryAccount', 'recoveryOrDeletion', 'unlock', 'auditOnly', 'blockedByBoundary', 'blockedByScp'];

export const KIND_LABELS: Record<PrincipalKind, string> = { user: 'user', role: 'role', permissionSet: 'permission set' };

const TRUST_LABELS: Record<TrustEntry['kind'], string> = {
  sameAccount: 'this account',
  organizationAccount: 'an account of the organization',
  externalAccount: 'an account outside the organization',
  federated: 'a federated identity provider',
  service: 'an AWS service',
  anyone: 'anyone',
  deletedPrincipal: 'a deleted user or role (stale trust, lets nobody in)',
};

export interface HolderGroup {
  capability: Capability;
  label: string;
  /** Riskiest first, as the report ranks them. */
  holders: Holder[];
}

/** The report's holders by capability, riskiest group first; groups nobody is in are left out. */
export function groupHolders(report: HoldersReport): HolderGroup[] {
  return CAPABILITY_ORDER.map((capability) => ({ capability, label: CAPABILITY_LABELS[capability], holders: report.holders.filter((h) => h.capability === capability) })).filter(
    (group) => group.holders.length > 0,
  );
}

/** `7 of 12 principals · 3 recover passwords everywhere unconditionally · 1 part not read`. */
export function describeReport(report: HoldersReport): string {
  const able = report.holders.filter((h) => h.grants.length > 0).length;
  const everywhere = unconditionalRecoveryHolders(report).length;
  const parts = [`${able} of ${report.examined} principals can open root sessions`];
  if (everywhere) parts.push(`${everywhere} recover passwords everywhere unconditionally`);
  if (report.gaps.length) parts.push(`${report.gaps.length} part${report.gaps.length === 1 ? '' : 's'} not read`);
  return parts.join(' · ');
}

/** The principal's row: its kind and why it ranks where it does (`role · no condition in the way · trusted from outside the organization`). */
export function describeHolder(holder: Holder): string {
  if (holder.grants.length === 0) return `${KIND_LABELS[holder.kind]} · ${holder.scpRemoves.length ? 'the account’s SCPs remove' : 'permissions boundary removes'} every root task`;
  return [KIND_LABELS[holder.kind], ...holder.risk.reasons.filter((r) => !r.startsWith('password recovery or credential deletion'))].join(' · ');
}

export function describeTrust(entry: TrustEntry): string {
  return `${TRUST_LABELS[entry.kind]}: ${codeSpan(entry.principal)}${entry.conditionKeys.length ? ` if ${entry.conditionKeys.map(codeSpan).join(', ')}` : ''}`;
}

export function describeStatement(statement: GrantStatement): string {
  return `${statement.policy}, line ${statement.line}${statement.sid ? ` (${statement.sid})` : ''}`;
}

/** The holder's tooltip: tasks, accounts and conditions, who can become it, its assignments, its boundary. */
export function holderTooltip(holder: Holder, source: PrincipalSource | undefined): string {
  const lines = [`**${KIND_LABELS[holder.kind]} ${markdownText(holder.name)}**`, '', codeSpan(holder.arn), ''];
  if (holder.risk.reasons.length) lines.push(`Risk: ${markdownText(holder.risk.reasons.join('; '))}`, '');
  if (holder.grants.length) {
    lines.push('Root sessions it can open:', '');
    for (const line of grantLines(holder)) lines.push(`- **${line.tasks}** on ${markdownText(line.where)}, ${line.conditions === 'none' ? 'no condition' : `if ${line.conditions.split(' ').map(codeSpan).join(', ')}`}`);
    lines.push('');
  }
  if (holder.scpRemoves.length) {
    lines.push('Removed by this account’s own SCPs:', '', ...scpRemovalLines(holder).map((l) => `- ${markdownText(l)}`), '');
  }
  if (holder.kind === 'role') {
    lines.push(holder.trust.length ? 'Who can become it (trust policy):' : 'Its trust policy lets nobody assume it.', '', ...holder.trust.map((t) => `- ${describeTrust(t)}`), '');
  }
  if (holder.assignments) {
    lines.push(holder.assignments.length ? 'Assigned in this account to:' : 'Assigned to nobody in this account.', '', ...holder.assignments.map((a) => `- ${a.principalType.toLowerCase()} ${codeSpan(a.principalId)}`), '');
  }
  if (source?.boundary) {
    const removes = holder.boundaryRemoves.length ? `removes ${holder.boundaryRemoves.join(', ')}` : 'removes no root task';
    const name = source.boundary.arn?.split('/').pop() ?? source.boundary.label;
    lines.push(`Permissions boundary ${codeSpan(name)}: ${removes}.`);
  } else {
    lines.push('No permissions boundary.');
  }
  return lines.join('\n');
}

export interface GrantRow {
  /** `password recovery, delete credentials`. */
  tasks: string;
  /** `every account · no condition`, `999900000003 999900000004 · if aws:SourceIp`. */
  description: string;
  grants: HolderGrant[];
  /** The statements that grant these tasks, each once. */
  statements: GrantStatement[];
}

/** One row per set of tasks with the same accounts and conditions, with the statements that grant them. */
export function grantRows(holder: Holder): GrantRow[] {
  return grantLines(holder).map((line) => {
    const grants = holder.grants.filter((g) => whereOf(g) === line.where && conditionsOf(g) === line.conditions);
    const statements = new Map<string, GrantStatement>();
    for (const d of grants.flatMap((g) => g.deciding)) statements.set(`${d.policy}\u0000${d.statement}`, d);
    return { tasks: line.tasks, description: `${line.where} · ${line.conditions === 'none' ? 'no condition' : `if ${line.conditions}`}`, grants, statements: [...statements.values()] };
  });
}
