import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/clients';
import { awsErrorCode, describeFailure, isAbortError, tagged } from '../aws/errors';
import type {
  AccountAuditResult,
  AccountState,
  MfaKind,
  RootAccessKey,
  RootCredentialStatus,
  RootMfaDevice,
  RootPassword,
  RootSigningCertificate,
  RootSummaryFlags,
} from '../org/model';
import { isoDate } from '../org/paging';
import { silentLogger, type Logger } from '../log';
import { listRootAccessKeys, listRootMfaDevices, listRootSigningCertificates } from './rootCredentialLists';
import { withRootSession } from './session';

/** The account to audit; `state` and `isManagement` come from the organization listing when known. */
export interface AuditTarget {
  id: string;
  state?: AccountState;
  isManagement?: boolean;
}

export interface AuditOptions {
  signal?: AbortSignal;
  /** Root session length in seconds (default 300). */
  durationSeconds?: number;
  logger?: Logger;
  /** The clock for `auditedAt`; tests pin it. */
  now?: () => Date;
}

/** `virtual` devices are ARNs under `:mfa/`, FIDO security keys under `:u2f/`; anything else is a hardware token. */
export function mfaKindOf(serialNumber: string): MfaKind {
  if (/^arn:[^:]+:iam::\d*:mfa\//.test(serialNumber)) return 'virtual';
  if (/^arn:[^:]+:iam::\d*:u2f\//.test(serialNumber)) return 'security-key';
  return 'hardware';
}

function flag(map: Record<string, number> | undefined, key: string): boolean | undefined {
  const value = map?.[key];
  return value === undefined ? undefined : value > 0;
}

async function readSummary(iam: IAMClient, signal?: AbortSignal): Promise<RootSummaryFlags> {
  const { SummaryMap: map } = await tagged('GetAccountSummary', iam.send(new GetAccountSummaryCommand({}), { abortSignal: signal }));
  return {
    accountMfaEnabled: flag(map, 'AccountMFAEnabled'),
    accountAccessKeysPresent: flag(map, 'AccountAccessKeysPresent'),
    accountPasswordPresent: flag(map, 'AccountPasswordPresent'),
    accountSigningCertificatesPresent: flag(map, 'AccountSigningCertificatesPresent'),
  };
}

async function readPassword(iam: IAMClient, signal?: AbortSignal): Promise<RootPassword> {
  // GetUser carries PasswordLastUsed, GetLoginProfile whether a password exists: NoSuchEntity means none.
  const [user, profile] = await Promise.all([
    tagged('GetUser', iam.send(new GetUserCommand({}), { abortSignal: signal })),
    tagged('GetLoginProfile', iam.send(new GetLoginProfileCommand({}), { abortSignal: signal })).catch((err: unknown) => {
      if (awsErrorCode(err) === 'NoSuchEntity') return undefined;
      throw err;
    }),
  ]);
  const login = profile?.LoginProfile;
  return {
    present: Boolean(login),
    createdAt: isoDate(login?.CreateDate),
    lastUsedAt: isoDate(user.User?.PasswordLastUsed),
    resetRequired: login?.PasswordResetRequired,
  };
}

async function readAccessKeys(iam: IAMClient, signal?: AbortSignal): Promise<RootAccessKey[]> {
  const keys = await listRootAccessKeys(iam, signal);
  return Promise.all(
    keys.map(async (key): Promise<RootAccessKey> => {
      const id = key.AccessKeyId ?? '';
      const { AccessKeyLastUsed: used } = await tagged(
        'GetAccessKeyLastUsed',
        iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }), { abortSignal: signal }),
      );
      // IAM answers "N/A" for a key never used; keep only real values.
      const real = (value: string | undefined) => (value && value !== 'N/A' ? value : undefined);
      return {
        id,
        status: key.Status ?? 'Unknown',
        createdAt: isoDate(key.CreateDate),
        lastUsedAt: isoDate(used?.LastUsedDate),
        lastUsedService: real(used?.ServiceName),
        lastUsedRegion: real(used?.Region),
      };
    }),
  );
}

async function readMfaDevices(iam: IAMClient, signal?: AbortSignal): Promise<RootMfaDevice[]> {
  const devices = await listRootMfaDevices(iam, signal);
  return devices.map((d) => ({ serialNumber: d.SerialNumber ?? '', kind: mfaKindOf(d.SerialNumber ?? ''), enabledAt: isoDate(d.EnableDate) }));
}

async function readSigningCertificates(iam: IAMClient, signal?: AbortSignal): Promise<RootSigningCertificate[]> {
  const certificates = await listRootSigningCertificates(iam, signal);
  // The certificate body is public but bulky; the id and status are what a posture needs.
  return certificates.map((c) => ({ id: c.CertificateId ?? '', status: c.Status ?? 'Unknown', uploadedAt: isoDate(c.UploadDate) }));
}

/**
 * Waits for every read before failing, so no call is still using the session when it ends; then throws the
 * first failure.
 */
async function allSettledOrThrow<T extends readonly unknown[]>(calls: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(calls);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * Reads the root user's credentials with the calls `IAMAuditRootUserCredentials` allows, in parallel:
 * `GetAccountSummary`, `GetLoginProfile` + `GetUser`, `ListAccessKeys` + `GetAccessKeyLastUsed`,
 * `ListMFADevices`, `ListSigningCertificates`.
 */
export async function readRootCredentials(iam: IAMClient, signal?: AbortSignal): Promise<RootCredentialStatus> {
  const [summary, password, accessKeys, mfaDevices, signingCertificates] = await allSettledOrThrow<
    [RootSummaryFlags, RootPassword, RootAccessKey[], RootMfaDevice[], RootSigningCertificate[]]
  >([readSummary(iam, signal), readPassword(iam, signal), readAccessKeys(iam, signal), readMfaDevices(iam, signal), readSigningCertificates(iam, signal)]);
  return { password, accessKeys, mfaDevices, signingCertificates, summary };
}

/** Why an account is not audited at all, or undefined when it should be. */
function skipReasonOf(target: AuditTarget): Pick<Extract<AccountAuditResult, { kind: 'skipped' }>, 'reason' | 'detail'> | undefined {
  if (target.isManagement) {
    return { reason: 'management-account', detail: 'AssumeRoot cannot target the management account; audit its root user by signing in' };
  }
  if (target.state && target.state !== 'ACTIVE' && target.state !== 'UNKNOWN') {
    return { reason: 'not-active', detail: `The account is ${target.state}` };
  }
  return undefined;
}

/**
 * Audits one account's root user in an `IAMAuditRootUserCredentials` session. Never throws for an AWS
 * failure: the management account and non-active accounts come back `skipped` with a reason, failures come
 * back `failed` with the code and a likely cause. Only a cancellation (the signal) is thrown.
 */
export async function auditAccount(clients: AwsClients, target: AuditTarget, options: AuditOptions = {}): Promise<AccountAuditResult> {
  const { signal, durationSeconds, logger = silentLogger, now = () => new Date() } = options;
  const skip = skipReasonOf(target);
  if (skip) return { kind: 'skipped', accountId: target.id, auditedAt: now().toISOString(), ...skip };
  try {
    const { status, sessionAccessKeyId } = await withRootSession(
      clients,
      target.id,
      'IAMAuditRootUserCredentials',
      async (session) => ({ status: await readRootCredentials(session.iam(), signal), sessionAccessKeyId: session.accessKeyId }),
      { signal, durationSeconds, logger },
    );
    return { kind: 'ok', accountId: target.id, auditedAt: now().toISOString(), status, sessionAccessKeyId };
  } catch (err) {
    if (isAbortError(err)) throw err;
    const failure = describeFailure(err);
    logger.warn(`audit of ${target.id} failed: ${failure.code}`);
    return { kind: 'failed', accountId: target.id, auditedAt: now().toISOString(), ...failure };
  }
}
