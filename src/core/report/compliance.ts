/**
 * Compliance evidence: each account's posture row mapped to the CIS AWS Foundations Benchmark v7.0 root-user
 * controls and the AWS Security Hub controls that check the same, with pass, fail, not applicable or not
 * evaluated and the reason. As AWS Config's root MFA rules do, MFA controls do not apply to an account with no
 * root credentials (no password, access key or signing certificate): there is nothing to sign in with.
 *
 * Numbering: CIS v7.0.0 2.4 and 2.7 and the Security Hub ids IAM.4, IAM.6 and IAM.9 were checked against
 * published control lists; CIS 2.1.1, 2.5 and 2.6 follow the requested v7.0 numbering and could not be
 * confirmed from a public copy of the benchmark (see the README).
 */
import type { PostureRow as FullRow } from './posture';
import { READ_WITH_CREDENTIAL_REPORT, hasCertificates, hasKeys, hasMfa, hasPassword, keyCount } from './rowCredentials';

/** A row before its controls are added. */
type PostureRow = Omit<FullRow, 'controls' | 'rootSessions'>;

export type ControlStatus = 'pass' | 'fail' | 'not-applicable' | 'not-evaluated';

export interface ControlResult {
  status: ControlStatus;
  reason: string;
}

export const CONTROL_IDS = ['CIS-2.1.1', 'CIS-2.4', 'CIS-2.5', 'CIS-2.6', 'CIS-2.7', 'IAM.4', 'IAM.6', 'IAM.9'] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

export interface ControlInfo {
  id: ControlId;
  framework: 'CIS AWS Foundations Benchmark v7.0' | 'AWS Security Hub';
  title: string;
}

export const CONTROLS: readonly ControlInfo[] = [
  { id: 'CIS-2.1.1', framework: 'CIS AWS Foundations Benchmark v7.0', title: 'Centralized root access is enabled' },
  { id: 'CIS-2.4', framework: 'CIS AWS Foundations Benchmark v7.0', title: "No 'root' user account access key exists" },
  { id: 'CIS-2.5', framework: 'CIS AWS Foundations Benchmark v7.0', title: "MFA is enabled for the 'root' user account" },
  { id: 'CIS-2.6', framework: 'CIS AWS Foundations Benchmark v7.0', title: "Hardware MFA is enabled for the 'root' user account" },
  { id: 'CIS-2.7', framework: 'CIS AWS Foundations Benchmark v7.0', title: "Eliminate use of the 'root' user for administrative and daily tasks" },
  { id: 'IAM.4', framework: 'AWS Security Hub', title: 'IAM root user access key should not exist' },
  { id: 'IAM.6', framework: 'AWS Security Hub', title: 'Hardware MFA should be enabled for the root user' },
  { id: 'IAM.9', framework: 'AWS Security Hub', title: 'MFA should be enabled for the root user' },
];

/** Root use within this many days fails CIS 2.7 (the benchmark names no window; this is RootGuard's). */
export const RECENT_ROOT_USE_DAYS = 90;

/** The organization's switches for CIS 2.1.1; undefined when they could not be read. */
export interface CentralizedRootAccess {
  trustedAccess: boolean;
  rootCredentialsManagement: boolean;
  rootSessions: boolean;
}

const result = (status: ControlStatus, reason: string): ControlResult => ({ status, reason });

function centralizedRootAccess(row: PostureRow, features: CentralizedRootAccess | undefined): ControlResult {
  if (row.isManagement) return result('not-applicable', "centralized root access manages member accounts; the management account's root user is managed by signing in");
  if (!features) return result('not-evaluated', "the organization's root access features could not be read");
  const off = [!features.trustedAccess && 'trusted access for IAM', !features.rootCredentialsManagement && 'RootCredentialsManagement', !features.rootSessions && 'RootSessions'].filter(Boolean);
  return off.length ? result('fail', `off: ${off.join(', ')}`) : result('pass', 'trusted access for IAM, RootCredentialsManagement and RootSessions are on');
}

/** Whether the row says what the root user has: an audit, or the management account read with the caller's credentials. */
function credentialsKnown(row: PostureRow): boolean {
  return row.outcome === 'ok' || row.readWithCallerCredentials !== undefined;
}


function accessKeys(row: PostureRow): ControlResult {
  if (!hasKeys(row)) return result('pass', 'no root access keys');
  const keys = keyCount(row);
  return result('fail', keys ? `${keys} root access key${keys === 1 ? '' : 's'} (${row.activeAccessKeys ?? 0} active)` : 'root access keys present (AccountAccessKeysPresent)');
}

function hasSignInCredentials(row: PostureRow): boolean {
  return hasPassword(row) || hasKeys(row) || hasCertificates(row);
}

const NO_CREDENTIALS = 'no root password, access key or signing certificate: nothing to sign in with (AWS Config: NOT_APPLICABLE)';

function mfa(row: PostureRow): ControlResult {
  if (!hasSignInCredentials(row)) return result('not-applicable', NO_CREDENTIALS);
  if (!hasMfa(row)) return result('fail', 'root credentials without MFA');
  return result('pass', row.mfaDevices ? `${row.mfaDevices} MFA device${row.mfaDevices === 1 ? '' : 's'}` : 'MFA enabled (AccountMFAEnabled)');
}

function hardwareMfa(row: PostureRow): ControlResult {
  if (!hasSignInCredentials(row)) return result('not-applicable', NO_CREDENTIALS);
  if (!hasMfa(row)) return result('fail', 'root credentials without MFA');
  if (!row.mfaKinds) return result('not-evaluated', 'MFA is on; the kind of device is not known from what was read');
  if (row.mfaKinds.split(' ').includes('virtual')) return result('fail', 'a virtual MFA device is assigned to the root user');
  return result('pass', `MFA by ${row.mfaKinds.replace(' ', ' and ')} device only`);
}

function recentUse(row: PostureRow, now: Date): ControlResult {
  // GetAccountSummary alone says what the root user has, not when it was last used.
  if (row.outcome !== 'ok' && row.readWithCallerCredentials !== READ_WITH_CREDENTIAL_REPORT) {
    return result('not-evaluated', 'when the root user was last used was not read (the credential report could not be)');
  }
  const uses = [row.passwordLastUsedAt && `password ${row.passwordLastUsedAt}`, row.accessKeyLastUsedAt && `access key ${row.accessKeyLastUsedAt}`].filter((u): u is string => Boolean(u));
  const latest = [row.passwordLastUsedAt, row.accessKeyLastUsedAt].filter((d): d is string => Boolean(d)).sort().at(-1);
  if (!latest) return result('pass', 'no recorded use of the root password or access keys');
  const days = Math.floor((now.getTime() - Date.parse(latest)) / 86_400_000);
  const last = `last used: ${uses.join(', ')}`;
  return days < RECENT_ROOT_USE_DAYS ? result('fail', `root credentials used ${days} days ago (${last})`) : result('pass', `not used in the last ${RECENT_ROOT_USE_DAYS} days (${last})`);
}

/** Every control for one row. `now` is the report's time, for CIS 2.7's window. */
export function evaluateControls(row: PostureRow, features: CentralizedRootAccess | undefined, now: Date): Record<ControlId, ControlResult> {
  const central = centralizedRootAccess(row, features);
  if (!credentialsKnown(row)) {
    const unknown = result('not-evaluated', `the root user was not read (${row.summary})`);
    return { 'CIS-2.1.1': central, 'CIS-2.4': unknown, 'CIS-2.5': unknown, 'CIS-2.6': unknown, 'CIS-2.7': unknown, 'IAM.4': unknown, 'IAM.6': unknown, 'IAM.9': unknown };
  }
  const keys = accessKeys(row);
  const anyMfa = mfa(row);
  const hardware = hardwareMfa(row);
  return { 'CIS-2.1.1': central, 'CIS-2.4': keys, 'CIS-2.5': anyMfa, 'CIS-2.6': hardware, 'CIS-2.7': recentUse(row, now), 'IAM.4': keys, 'IAM.6': hardware, 'IAM.9': anyMfa };
}
