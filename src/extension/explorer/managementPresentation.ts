/**
 * How the management account's row shows its own root user, read with the caller's credentials because
 * `AssumeRoot` cannot reach it (`GetAccountSummary`, and the credential report where allowed). Always marked
 * as read that way. Its password and MFA are expected (centralized root access cannot remove them), so only
 * access keys or signing certificates make the row red, and a password without MFA makes it yellow. Pure
 * functions, no `vscode` import, like presentation.ts.
 */
import type { ManagementRootRead } from '../../core/root/managementRoot';
import { codeSpan, markdownText } from '../../core/text/markdown';
import type { ManagementRootView } from './auditStore';
import { formatDate, type IconSpec, type Risk } from './presentation';

const COLORS = { error: 'problemsErrorIcon.foreground', warning: 'problemsWarningIcon.foreground', passed: 'testing.iconPassed' } as const;

export const READ_WITH_CALLER = "read with the caller's credentials";

function credentialParts(read: ManagementRootRead): string[] {
  const { summary, report } = read;
  const keys = report ? report.accessKeys.length : summary.accessKeysPresent ? undefined : 0;
  const certificates = report ? report.certificates.length : summary.signingCertificatesPresent ? undefined : 0;
  const count = (n: number | undefined, one: string, many: string) => (n === undefined ? [many] : n === 0 ? [] : [`${n} ${n === 1 ? one : many}`]);
  return [
    ...(summary.passwordPresent ? ['password'] : []),
    ...(summary.accessKeysPresent ? count(keys, 'key', 'keys') : []),
    ...(summary.signingCertificatesPresent ? count(certificates, 'cert', 'certs') : []),
    ...(summary.mfaEnabled ? ['MFA'] : []),
  ];
}

function riskOf(read: ManagementRootRead): Risk {
  const { summary } = read;
  if (summary.accessKeysPresent || summary.signingCertificatesPresent) return 'credentials';
  return summary.passwordPresent && !summary.mfaEnabled ? 'attention' : 'clean';
}

/** The row's status: `management account` alone until read, then what its root user has and how it was read. */
export function managementStatus(view: ManagementRootView | undefined): { text: string; risk: Risk; icon: IconSpec } {
  if (!view) return { text: 'management account', risk: 'excluded', icon: { icon: 'home' } };
  if ('failed' in view) return { text: `management account · own root user not read: ${view.failed}`, risk: 'excluded', icon: { icon: 'home', color: COLORS.warning } };
  const risk = riskOf(view.read);
  const color = { credentials: COLORS.error, attention: COLORS.warning, clean: COLORS.passed }[risk as 'credentials' | 'attention' | 'clean'];
  const parts = credentialParts(view.read);
  return { text: ['management account', parts.join(' · ') || 'no root credentials', READ_WITH_CALLER].join(' · '), risk, icon: { icon: 'home', color } };
}

/** The tooltip's body for the management account (Markdown). */
export function managementTooltipLines(view: ManagementRootView | undefined): string[] {
  const cannot = 'Root tasks cannot target the management account (`AssumeRoot` cannot reach it); secure its root user by signing in.';
  if (!view) return [cannot, '', 'Connected as the management account, an organization or OU audit reads its own root user with your credentials.'];
  if ('failed' in view) return [cannot, '', `Its root user could not be read with the caller's credentials: ${codeSpan(view.failed)} (\`iam:GetAccountSummary\` is needed).`];
  const { summary, report, readAt, reportUnavailable } = view.read;
  const keys = report?.accessKeys ?? [];
  const keyRows = keys.map((k, i) => `| Access key ${i + 1} | ${k.active ? 'Active' : 'Inactive'}, last used ${formatDate(k.lastUsedAt)} |`);
  const activeCerts = report?.certificates.filter((c) => c.active).length;
  const rows = [
    '| | |',
    '|---|---|',
    `| Password | ${summary.passwordPresent ? `present${report ? `, last used ${formatDate(report.passwordLastUsedAt)}` : ''}` : 'none'} |`,
    ...(keyRows.length ? keyRows : [`| Access keys | ${summary.accessKeysPresent ? 'present' : 'none'} |`]),
    `| MFA | ${summary.mfaEnabled ? 'enabled (the kind of device is not reported)' : 'none'} |`,
    `| Signing certificates | ${summary.signingCertificatesPresent ? (report ? `${report.certificates.length} (${activeCerts} active)` : 'present') : 'none'} |`,
  ];
  const calls = report ? '`iam:GetAccountSummary` and the credential report' : '`iam:GetAccountSummary`';
  return [
    `**Read with the caller's own credentials** (${calls}) ${formatDate(readAt)}, not in a root session: ${cannot}`,
    '',
    ...rows,
    ...(reportUnavailable ? ['', `Credential report not read: ${markdownText(reportUnavailable)}.`] : []),
    '',
    'Its password and MFA stay (centralized root access cannot remove them); delete access keys and certificates signed in as its root user.',
  ];
}
