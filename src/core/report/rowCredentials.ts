/**
 * What a posture row says the root user has, whichever way it was read: the audit's counts, the credential
 * report's, or only the `GetAccountSummary` flags (the management account when its credential report cannot
 * be read). The compliance controls, `--fail-on` and the totals all ask here, so none of them counts a
 * credential the row shows as absent.
 */
import type { PostureRow } from './posture';

type Columns = Pick<
  PostureRow,
  'passwordPresent' | 'activeAccessKeys' | 'inactiveAccessKeys' | 'mfaDevices' | 'signingCertificates' | 'accountPasswordPresent' | 'accountAccessKeysPresent' | 'accountMfaEnabled' | 'accountSigningCertificatesPresent'
>;

/** `readWithCallerCredentials` of a management row that read the credential report too (last use known). */
export const READ_WITH_CREDENTIAL_REPORT = 'GetAccountSummary, credential report';
/** ... of one that read `GetAccountSummary` alone. */
export const READ_SUMMARY_ONLY = 'GetAccountSummary';

export const keyCount = (row: Columns): number => (row.activeAccessKeys ?? 0) + (row.inactiveAccessKeys ?? 0);
export const hasPassword = (row: Columns): boolean => row.passwordPresent === true || row.accountPasswordPresent === true;
export const hasKeys = (row: Columns): boolean => keyCount(row) > 0 || row.accountAccessKeysPresent === true;
export const hasMfa = (row: Columns): boolean => (row.mfaDevices ?? 0) > 0 || row.accountMfaEnabled === true;
export const hasCertificates = (row: Columns): boolean => (row.signingCertificates ?? 0) > 0 || row.accountSigningCertificatesPresent === true;
