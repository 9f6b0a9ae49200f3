/**
 * The management account's own root user, which `AssumeRoot` cannot reach: read with the caller's own
 * credentials when connected as the management account. `GetAccountSummary` gives the four root flags; the
 * IAM credential report, where the caller may generate it, adds when the password and keys were last used,
 * which keys and certificates are active, and whether MFA is on. Neither says what kind of MFA device it is.
 */
import { GenerateCredentialReportCommand, GetAccountSummaryCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import { setTimeout as delay } from 'node:timers/promises';
import type { AwsClients } from '../aws/clients';
import { awsErrorCode, tagged } from '../aws/errors';

/** The `<root_account>` row of the credential report, as plain data. */
export interface RootReportRow {
  passwordLastUsedAt?: string;
  mfaActive: boolean;
  accessKeys: { active: boolean; lastUsedAt?: string }[];
  certificates: { active: boolean }[];
}

export interface ManagementRootRead {
  accountId: string;
  readAt: string;
  /** The four `GetAccountSummary` root flags. */
  summary: { passwordPresent: boolean; accessKeysPresent: boolean; mfaEnabled: boolean; signingCertificatesPresent: boolean };
  /** From the credential report; undefined when it could not be had (see `reportUnavailable`). */
  report?: RootReportRow;
  /** Why there is no report: the error code, or that it was still being generated. */
  reportUnavailable?: string;
}

const date = (value: string | undefined) => (value && /^\d{4}-\d\d-\d\dT/.test(value) ? new Date(value).toISOString() : undefined);

/** Finds the root row of a credential report (CSV with a header; IAM quotes no field of the root row). */
export function parseRootReportRow(csv: string): RootReportRow | undefined {
  const [header, ...lines] = csv.split(/\r?\n/).filter(Boolean);
  const columns = header.split(',');
  const line = lines.find((l) => l.startsWith('<root_account>,'));
  if (!line) return undefined;
  const cells = line.split(',');
  const get = (name: string) => cells[columns.indexOf(name)];
  const yes = (name: string) => get(name)?.toLowerCase() === 'true';
  return {
    passwordLastUsedAt: date(get('password_last_used')),
    mfaActive: yes('mfa_active'),
    accessKeys: [1, 2].filter((n) => get(`access_key_${n}_last_rotated`) !== 'N/A' || yes(`access_key_${n}_active`)).map((n) => ({ active: yes(`access_key_${n}_active`), lastUsedAt: date(get(`access_key_${n}_last_used_date`)) })),
    certificates: [1, 2].filter((n) => get(`cert_${n}_last_rotated`) !== 'N/A' || yes(`cert_${n}_active`)).map((n) => ({ active: yes(`cert_${n}_active`) })),
  };
}

/** Generates the credential report and waits for it (a few seconds at most), then reads it. */
async function readCredentialReport(iam: IAMClient, signal?: AbortSignal): Promise<RootReportRow | string> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const { State } = await tagged('GenerateCredentialReport', iam.send(new GenerateCredentialReportCommand({}), { abortSignal: signal }));
    if (State === 'COMPLETE') break;
    if (attempt === 5) return 'the credential report was still being generated';
    await delay(250 * 2 ** attempt, undefined, { signal });
  }
  const { Content } = await tagged('GetCredentialReport', iam.send(new GetCredentialReportCommand({}), { abortSignal: signal }));
  const row = Content ? parseRootReportRow(Buffer.from(Content).toString('utf8')) : undefined;
  return row ?? 'the credential report has no root user row';
}

/**
 * Reads the management account's root user with the caller's credentials. `GetAccountSummary` is required
 * (its failure is thrown); the credential report is optional: a denial is noted in `reportUnavailable`.
 */
export async function readManagementRoot(clients: AwsClients, accountId: string, options: { signal?: AbortSignal; now?: () => Date } = {}): Promise<ManagementRootRead> {
  const iam = clients.iam();
  const { SummaryMap: map = {} } = await tagged('GetAccountSummary', iam.send(new GetAccountSummaryCommand({}), { abortSignal: options.signal }));
  const summary = {
    passwordPresent: (map.AccountPasswordPresent ?? 0) > 0,
    accessKeysPresent: (map.AccountAccessKeysPresent ?? 0) > 0,
    mfaEnabled: (map.AccountMFAEnabled ?? 0) > 0,
    signingCertificatesPresent: (map.AccountSigningCertificatesPresent ?? 0) > 0,
  };
  const readAt = (options.now ?? (() => new Date()))().toISOString();
  try {
    const report = await readCredentialReport(iam, options.signal);
    return typeof report === 'string' ? { accountId, readAt, summary, reportUnavailable: report } : { accountId, readAt, summary, report };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    return { accountId, readAt, summary, reportUnavailable: awsErrorCode(err) || String(err) };
  }
}
