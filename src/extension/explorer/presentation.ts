/**
 * How an account, the organization and its features look in the Root Access tree: descriptions, icon and
 * colour ids, tooltips (Markdown source) and `contextValue` flags. Pure functions over core's plain data, no
 * `vscode` import, so the whole mapping is unit-tested without VS Code; nodes.ts turns these into TreeItems.
 */
import { isThrottlingError } from '../../core/aws/errors';
import type { OrgAccount, OrgUnit, RootAccessFeatures, RootCredentialStatus } from '../../core/org/model';
import { describeRootStatus, hasRootCredentials } from '../../core/org/model';
import { printable } from '../../core/report/cells';
import type { AuditCacheEntry } from '../../core/root/auditCache';
import { codeSpan, markdownText } from '../../core/text/markdown';
import type { ManagementRootView } from './auditStore';
import { managementStatus, managementTooltipLines } from './managementPresentation';

/** How worried to be about an account, worst first; `unknown` when there is no audit to go by. */
export type Risk = 'credentials' | 'attention' | 'clean' | 'failed' | 'excluded' | 'unknown';

/** A codicon id and an optional theme colour id, as `new ThemeIcon(icon, new ThemeColor(color))` takes them. */
export interface IconSpec {
  icon: string;
  color?: string;
}

/** Everything an account row shows, decided from the account, its cached audit and whether one is running. */
export interface AccountPresentation {
  label: string;
  description: string;
  risk: Risk;
  icon: IconSpec;
  /** Markdown source for the tooltip. */
  tooltip: string;
  contextValue: string;
}

export interface AccountViewInput {
  account: OrgAccount;
  entry?: AuditCacheEntry;
  /** An audit of this account is queued or running. */
  auditing: boolean;
  /** A cached result older than this is shown as stale. */
  maxAgeMs: number;
  now: Date;
  /** When password recovery was allowed in the account (ISO time), while its flag stands. */
  recoveryAllowedAt?: string;
  /** The account is in `rootguard.protectedAccounts`: tasks refuse it unless overridden. */
  protected?: boolean;
  /** The management account only: its own root user, read with the caller's credentials. */
  managementRoot?: ManagementRootView;
}

const COLORS = {
  error: 'problemsErrorIcon.foreground',
  warning: 'problemsWarningIcon.foreground',
  passed: 'testing.iconPassed',
  muted: 'disabledForeground',
} as const;

/**
 * Any root credential (core's `hasRootCredentials`: password, access key or signing certificate, the one
 * definition the filter and the exported report use too): error; a leftover MFA device only: warning;
 * nothing: passing.
 */
export function riskOfStatus(status: RootCredentialStatus): Risk {
  if (hasRootCredentials(status)) return 'credentials';
  if (status.mfaDevices.length > 0) return 'attention';
  return 'clean';
}

/** A failure in a few words for the description: what happened and, where it helps, the likely reason. */
export function shortFailure(code: string, likelyCause?: string): string {
  if (code === 'AccessDenied') return /service control policy|SCP/i.test(likelyCause ?? '') ? 'access denied (SCP)' : 'access denied';
  if (isThrottlingError({ name: code })) return 'throttled: audit again';
  if (code === 'ExpiredToken') return 'credentials expired';
  return `audit failed: ${code}`;
}

function isActive(account: OrgAccount): boolean {
  return account.state === 'ACTIVE' || account.state === 'UNKNOWN';
}

/** Age in words for descriptions and tooltips: `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}

/** An ISO timestamp as `2025-03-02 14:05 UTC`; `never` when absent. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return 'never';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Shown on an account where a task created a root login profile for password recovery, until a deletion of
 * its root credentials removes it: a password made for one job should not outlive it unnoticed.
 */
export const RECOVERY_ALLOWED = 'password recovery allowed';

function statusPart(input: AccountViewInput): { text: string; risk: Risk; icon: IconSpec } {
  const { account, entry } = input;
  if (account.isManagement) return managementStatus(input.managementRoot);
  if (!isActive(account)) return { text: account.state.toLowerCase().replace('_', ' '), risk: 'excluded', icon: { icon: 'circle-slash', color: COLORS.muted } };
  const latest = entry?.latest;
  if (!latest) return { text: 'not audited', risk: 'unknown', icon: { icon: 'circle-large-outline' } };
  if (latest.kind === 'failed') {
    const icon = latest.code === 'AccessDenied' ? 'lock' : 'error';
    const color = isThrottlingError({ name: latest.code }) ? COLORS.warning : COLORS.error;
    return { text: shortFailure(latest.code, latest.likelyCause), risk: 'failed', icon: { icon, color } };
  }
  if (latest.kind === 'skipped') return { text: latest.detail || latest.reason, risk: 'excluded', icon: { icon: 'circle-slash', color: COLORS.muted } };
  const risk = riskOfStatus(latest.status);
  const icon: Record<string, IconSpec> = {
    credentials: { icon: 'key', color: COLORS.error },
    attention: { icon: 'shield', color: COLORS.warning },
    clean: { icon: 'pass', color: COLORS.passed },
  };
  return { text: describeRootStatus(latest.status), risk, icon: icon[risk] };
}

/** The row of one account: `member-0004`, `999900000004 · password · 2 keys · MFA`, a key in error colour. */
export function presentAccount(input: AccountViewInput): AccountPresentation {
  const { account, entry, now } = input;
  const status = statusPart(input);
  const age = entry ? now.getTime() - Date.parse(entry.latest.auditedAt) : undefined;
  const stale = age !== undefined && age > input.maxAgeMs && status.risk !== 'excluded';
  // While an audit runs, "auditing…" replaces "not audited" but follows a status that is about to be renewed.
  const parts = [account.id, ...roleMarks(input), ...(input.auditing && status.risk === 'unknown' ? [] : [status.text])];
  if (input.recoveryAllowedAt) parts.push(RECOVERY_ALLOWED);
  if (input.auditing) parts.push('auditing…');
  else if (stale) parts.push(`stale, ${formatAge(age)}`);
  return {
    // Names are anyone's with organizations:UpdateAccount: a bidirectional override or a zero-width character
    // would make one account's row read as another's, so the row shows them escaped, as the tooltip does.
    label: printable(account.name),
    description: printable(parts.join(' · ')),
    risk: status.risk,
    icon: input.auditing ? { icon: 'loading~spin' } : status.icon,
    tooltip: accountTooltip(input, stale),
    contextValue: accountContextValue(account, entry, stale, Boolean(input.recoveryAllowedAt), input.protected),
  };
}

/** An OU's row: its name (printable, as for an account) and its id. */
export function presentUnit(unit: Pick<OrgUnit, 'name' | 'id'>): { label: string; description: string; tooltip: string } {
  return { label: printable(unit.name), description: printable(unit.id), tooltip: `Organizational unit ${printable(unit.name)} (${printable(unit.id)})` };
}

/** What sets the account apart before any task runs on it: protected (tasks refuse it), delegated administrator. */
function roleMarks(input: AccountViewInput): string[] {
  return [...(input.protected ? ['protected'] : []), ...(input.account.isDelegatedAdmin ? ['delegated admin'] : [])];
}

/**
 * Composable flags, kind first, then role and state in fixed places, so menus can match on a prefix
 * (`/^account;member;active\b/`) and on any flag (`/;hasKeys\b/`).
 */
export function accountContextValue(account: OrgAccount, entry: AuditCacheEntry | undefined, stale = false, recoveryAllowed = false, isProtected = false): string {
  const flags = ['account', account.isManagement ? 'management' : 'member', isActive(account) ? 'active' : 'inactive'];
  if (account.isDelegatedAdmin) flags.push('delegatedAdmin');
  if (isProtected) flags.push('protected');
  const latest = entry?.latest;
  if (!latest) flags.push('notAudited');
  else if (latest.kind === 'failed') flags.push('auditFailed');
  else if (latest.kind === 'ok') {
    flags.push('audited');
    const s = latest.status;
    if (s.password.present) flags.push('hasPassword');
    if (s.accessKeys.length) flags.push('hasKeys');
    if (s.signingCertificates.length) flags.push('hasCertificates');
    if (s.mfaDevices.length) flags.push('hasMfa');
    if (hasRootCredentials(s)) flags.push('hasRootCredentials');
  }
  if (stale) flags.push('stale');
  if (recoveryAllowed) flags.push('recoveryAllowed');
  return flags.join(';');
}

function credentialTable(status: RootCredentialStatus): string[] {
  const keyRows = status.accessKeys.map((k) => {
    const where = [k.lastUsedService, k.lastUsedRegion].filter(Boolean).join(', ');
    return `| Access key \`${k.id}\` | ${k.status}, last used ${formatDate(k.lastUsedAt)}${where ? ` (${where})` : ''} |`;
  });
  const password = status.password.present ? `present, last used ${formatDate(status.password.lastUsedAt)}` : 'none';
  return [
    '| | |',
    '|---|---|',
    `| Password | ${password} |`,
    ...(keyRows.length ? keyRows : ['| Access keys | none |']),
    `| MFA devices | ${status.mfaDevices.map((d) => d.kind).join(', ') || 'none'} |`,
    `| Signing certificates | ${status.signingCertificates.length || 'none'} |`,
  ];
}

function auditLines(entry: AuditCacheEntry | undefined, stale: boolean, now: Date): string[] {
  const latest = entry?.latest;
  if (!latest) return ['Not audited yet: run **Audit Root Credentials** from the context menu.'];
  const when = `${formatDate(latest.auditedAt)} (${formatAge(now.getTime() - Date.parse(latest.auditedAt))}${stale ? ', stale' : ''})`;
  if (latest.kind === 'ok') return [...credentialTable(latest.status), '', `Audited ${when}.`];
  if (latest.kind === 'skipped') return [`Not audited: ${latest.detail}.`];
  const lines = [`**Audit failed** ${when}: ${codeSpan(latest.code)}`, '', markdownText(latest.message)];
  if (latest.likelyCause) lines.push('', `Likely cause: ${markdownText(latest.likelyCause)}.`);
  if (entry?.lastOk) lines.push('', `Last known status (${formatDate(entry.lastOk.auditedAt)}): ${describeRootStatus(entry.lastOk.status)}.`);
  return lines;
}

/** A suspended or closed account has no audit or task entries: AssumeRoot cannot open a session there. */
function inactiveLines(account: OrgAccount, entry: AuditCacheEntry | undefined, now: Date): string[] {
  const state = account.state.toLowerCase().replace('_', ' ');
  const lines = [`The account is ${state}: root sessions cannot be opened in it, so it cannot be audited and root tasks skip it.`];
  const known = entry?.lastOk;
  if (known) lines.push('', `Last known status (${formatDate(known.auditedAt)}, ${formatAge(now.getTime() - Date.parse(known.auditedAt))}): ${describeRootStatus(known.status)}.`);
  return lines;
}

function accountTooltip(input: AccountViewInput, stale: boolean): string {
  const { account } = input;
  const roles = [
    account.isManagement ? 'management account' : undefined,
    account.isDelegatedAdmin ? 'IAM delegated administrator' : undefined,
    input.protected ? 'protected (`rootguard.protectedAccounts`: root tasks refuse it unless you override in the confirmation)' : undefined,
  ].filter(Boolean);
  const header = [
    `**${markdownText(account.name)}** \`${account.id}\`${roles.length ? `: ${roles.join(', ')}` : ''}`,
    '',
    `${codeSpan(account.email)} · ${account.state}${account.joinedAt ? ` · joined ${account.joinedAt.slice(0, 10)}` : ''}`,
    '',
  ];
  if (account.isManagement) return [...header, ...managementTooltipLines(input.managementRoot)].join('\n');
  const recovery = input.recoveryAllowedAt
    ? ['', `**Password recovery allowed** ${formatDate(input.recoveryAllowedAt)}: once the mailbox owner is done, run **Delete Root Credentials** (password) to clear this flag.`]
    : [];
  const body = isActive(account) ? auditLines(input.entry, stale, input.now) : inactiveLines(account, input.entry, input.now);
  return [...header, ...body, ...recovery].join('\n');
}

/** One switch of centralized root access as a row under the organization. */
export interface FeatureRow {
  id: 'trustedAccess' | 'delegatedAdmin' | 'rootCredentialsManagement' | 'rootSessions';
  label: string;
  description: string;
  on: boolean;
  /** Why the value is only a default: the check itself failed (e.g. denied for this caller). */
  error?: string;
}

/** The four switches, in the order they are enabled. The delegated admin is optional, so never "off". */
export function featureRows(features: RootAccessFeatures): FeatureRow[] {
  const admins = features.delegatedAdmins.map((a) => (a.name ? `${a.name} (${a.accountId})` : a.accountId)).join(', ');
  const errors = features.errors;
  // IAM answers ServiceAccessNotEnabled while trusted access is off: then both features are off, not unknown.
  const featuresError = errors.features?.code === 'TrustedAccessOff' ? undefined : errors.features?.message;
  return [
    { id: 'trustedAccess', label: 'Trusted access for IAM', on: features.trustedAccess, description: features.trustedAccess ? 'enabled' : 'disabled', error: errors.trustedAccess?.message },
    { id: 'delegatedAdmin', label: 'Delegated administrator', on: true, description: admins || 'none (optional)', error: errors.delegatedAdmins?.message },
    { id: 'rootCredentialsManagement', label: 'Root credentials management', on: features.rootCredentialsManagement, description: features.rootCredentialsManagement ? 'enabled' : 'disabled', error: featuresError },
    { id: 'rootSessions', label: 'Privileged root sessions', on: features.rootSessions, description: features.rootSessions ? 'enabled' : 'disabled', error: featuresError },
  ];
}

/** True when both IAM features and trusted access are on: root tasks can run. */
export function rootAccessEnabled(features: RootAccessFeatures): boolean {
  return features.trustedAccess && features.rootCredentialsManagement && features.rootSessions;
}

/** Counts over the accounts a tree or a report covers, for the org description and the audit summary. */
export interface PostureCounts {
  accounts: number;
  withCredentials: number;
  attention: number;
  clean: number;
  failed: number;
  notAudited: number;
  excluded: number;
}

export function countPosture(risks: Iterable<Risk>): PostureCounts {
  const counts: PostureCounts = { accounts: 0, withCredentials: 0, attention: 0, clean: 0, failed: 0, notAudited: 0, excluded: 0 };
  const field: Record<Risk, keyof PostureCounts> = {
    credentials: 'withCredentials',
    attention: 'attention',
    clean: 'clean',
    failed: 'failed',
    unknown: 'notAudited',
    excluded: 'excluded',
  };
  for (const risk of risks) {
    counts.accounts++;
    counts[field[risk]]++;
  }
  return counts;
}

/** `9 with root credentials · 3 to review · 8 clean · 1 failed`, leaving out zeros. */
export function describeCounts(counts: PostureCounts): string {
  const parts: [number, string][] = [
    [counts.withCredentials, 'with root credentials'],
    [counts.attention, 'to review'],
    [counts.clean, 'clean'],
    [counts.failed, 'failed'],
    [counts.notAudited, 'not audited'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(' · ') || 'no accounts';
}
