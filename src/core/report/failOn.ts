/**
 * `rootguard audit --fail-on`: which accounts of a posture report still have the root credential kinds a
 * scheduled check refuses. The management account's root user keeps its password and MFA by design
 * (centralized root access cannot remove them), so only its access keys and certificates count.
 */
import type { PostureReport, PostureRow } from './posture';
import { hasCertificates, hasKeys, hasMfa, hasPassword } from './rowCredentials';

export const FAIL_ON_KINDS = ['password', 'keys', 'mfa', 'certificates'] as const;
export type FailOnKind = (typeof FAIL_ON_KINDS)[number];

const HAS: Record<FailOnKind, (row: PostureRow) => boolean> = { password: hasPassword, keys: hasKeys, mfa: hasMfa, certificates: hasCertificates };

const LABELS: Record<FailOnKind, string> = { password: 'a root password', keys: 'root access keys', mfa: 'root MFA devices', certificates: 'root signing certificates' };

/** `password,keys` or `any` into kinds; undefined for a name that is not one. */
export function parseFailOn(raw: string): FailOnKind[] | undefined {
  const names = raw.split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) return undefined;
  if (names.includes('any')) return names.every((n) => n === 'any' || FAIL_ON_KINDS.includes(n as FailOnKind)) ? [...FAIL_ON_KINDS] : undefined;
  return names.every((n) => FAIL_ON_KINDS.includes(n as FailOnKind)) ? FAIL_ON_KINDS.filter((k) => names.includes(k)) : undefined;
}

/** One line per kind found: the kind and the accounts that have it. Empty when the check passes. */
export function failOnFindings(report: PostureReport, kinds: readonly FailOnKind[]): { kind: FailOnKind; label: string; accountIds: string[] }[] {
  return kinds
    .map((kind) => ({
      kind,
      label: LABELS[kind],
      accountIds: report.rows.filter((r) => (!r.isManagement || kind === 'keys' || kind === 'certificates') && HAS[kind](r)).map((r) => r.accountId),
    }))
    .filter((f) => f.accountIds.length > 0);
}
