/**
 * IAM credential reports (`GenerateCredentialReport`, `GetCredentialReport`) for the caller's own account, as
 * the management account reads its own root user. The first generation answers STARTED and the next
 * COMPLETE, so clients exercise their wait; reading before it is complete answers ReportInProgress, before
 * any generation ReportNotPresent. The report is CSV, base64 in `Content`, with IAM's columns; the root row
 * is `<root_account>` and says `not_supported` where IAM does for the root user.
 */
import type { CallContext } from '../context';
import { SandboxError } from '../errors';
import type { XmlValue } from '../protocols/xml';
import type { RootUser, World } from '../world';

export const CREDENTIAL_REPORT_OPERATIONS = ['GenerateCredentialReport', 'GetCredentialReport'] as const;

const COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
];

/** Per world and account: whether a report generation has been asked for, and when it finished. */
const reports = new WeakMap<World, Map<string, { complete: boolean; generatedAt: Date }>>();

/** IAM writes times as `2024-05-01T12:00:00+00:00`. */
const time = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
const bool = (value: boolean) => (value ? 'true' : 'false');

function rootRow(accountId: string, root: RootUser): string[] {
  const keyCells = [0, 1].flatMap((i) => {
    const key = root.accessKeys[i];
    if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
    const used = key.lastUsed;
    return [bool(key.status === 'Active'), time(key.createDate), used ? time(used.date) : 'N/A', used?.region ?? 'N/A', used?.serviceName ?? 'N/A'];
  });
  const certCells = [0, 1].flatMap((i) => {
    const cert = root.signingCertificates[i];
    return cert ? [bool(cert.status === 'Active'), time(cert.uploadDate)] : ['false', 'N/A'];
  });
  const passwordUsed = root.passwordLastUsed ? time(root.passwordLastUsed) : 'no_information';
  const mfaActive = root.mfaDevices.some((d) => d.enabled);
  return ['<root_account>', `arn:aws:iam::${accountId}:root`, time(root.createDate), 'not_supported', passwordUsed, 'not_supported', 'not_supported', bool(mfaActive), ...keyCells, ...certCells];
}

/** An IAM user row for the caller itself: a console-less admin user with one access key. */
function callerRow(arn: string, createdAt: Date): string[] {
  const name = arn.split('/').pop() ?? 'admin';
  return [name, arn, time(createdAt), 'false', 'N/A', 'N/A', 'N/A', 'false', 'true', time(createdAt), 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A'];
}

export function handleCredentialReport(ctx: CallContext, action: string): XmlValue {
  const accountId = ctx.caller.accountId;
  const byAccount = reports.get(ctx.world) ?? new Map();
  reports.set(ctx.world, byAccount);
  const state = byAccount.get(accountId);
  if (action === 'GenerateCredentialReport') {
    if (!state) {
      byAccount.set(accountId, { complete: false, generatedAt: ctx.clock.now() });
      return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
    }
    state.complete = true;
    return { State: 'COMPLETE' };
  }
  if (!state) throw new SandboxError('ReportNotPresent', 410, 'Credential report not present. Call GenerateCredentialReport first.');
  if (!state.complete) throw new SandboxError('ReportInProgress', 404, 'Credential report is being generated.');
  const account = ctx.world.account(accountId);
  const rows = [rootRow(accountId, account.root), ...(ctx.caller.kind === 'iam' ? [callerRow(ctx.caller.arn, account.joinedTimestamp)] : [])];
  const csv = [COLUMNS, ...rows].map((r) => r.join(',')).join('\n');
  return { Content: Buffer.from(csv, 'utf8').toString('base64'), ReportFormat: 'text/csv', GeneratedTime: state.generatedAt };
}
