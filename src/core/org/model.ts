/**
 * Plain data for the organization and its root posture: no SDK types, no methods, no secrets, all dates as
 * ISO-8601 strings, so every value here can be cached, persisted (VS Code globalState), sent to a webview or
 * written to a report as it is.
 */

/** `State` values of an account; `Status` (retired September 2026) maps onto the first four. */
export type AccountState = 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED' | 'UNKNOWN';

export interface OrganizationInfo {
  id: string;
  arn: string;
  /** `ALL` is required for centralized root access; `CONSOLIDATED_BILLING` cannot have it. */
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING' | string;
  managementAccountId: string;
  managementAccountEmail?: string;
}

export interface OrgRoot {
  id: string;
  arn: string;
  name: string;
}

export interface OrgUnit {
  id: string;
  arn: string;
  name: string;
  /** The root or OU that contains this OU. */
  parentId: string;
}

export interface OrgAccount {
  id: string;
  arn: string;
  name: string;
  email: string;
  /** `State ?? Status` of the API; `UNKNOWN` when neither was sent. */
  state: AccountState;
  /** The root or OU that directly contains the account. */
  parentId: string;
  joinedMethod?: string;
  joinedAt?: string;
  isManagement: boolean;
  isDelegatedAdmin: boolean;
}

/** The children of one root or OU, as a tree loads them when a node expands. */
export interface OrgChildren {
  parentId: string;
  units: OrgUnit[];
  accounts: OrgAccount[];
}

/** Whether the caller can run root tasks: only the management account or the IAM delegated admin can. */
export type CallerRole = 'management' | 'delegatedAdmin' | 'member';

export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
  role: CallerRole;
}

/** An account registered as delegated administrator for `iam.amazonaws.com`. */
export interface DelegatedAdmin {
  accountId: string;
  name?: string;
  email?: string;
  delegationEnabledAt?: string;
}

/** A check that could not be made, kept next to the answer it would have given (e.g. not allowed for a member). */
export interface CheckError {
  code: string;
  message: string;
}

/** The organization-level switches of centralized root access. */
export interface RootAccessFeatures {
  /** Trusted access for `iam.amazonaws.com` (`EnableAWSServiceAccess`). */
  trustedAccess: boolean;
  delegatedAdmins: DelegatedAdmin[];
  rootCredentialsManagement: boolean;
  rootSessions: boolean;
  /** Why a value above is only a default, when a check failed (e.g. `ListOrganizationsFeatures` denied). */
  errors: Partial<Record<'trustedAccess' | 'delegatedAdmins' | 'features', CheckError>>;
}

/** The whole organization at one moment, for reports and bulk audits. */
export interface OrgSnapshot {
  organization: OrganizationInfo;
  root: OrgRoot;
  units: OrgUnit[];
  accounts: OrgAccount[];
  caller: CallerIdentity;
  features: RootAccessFeatures;
  loadedAt: string;
  /**
   * Listings that failed after every retry: the snapshot holds everything else, and what is under these
   * parents (their accounts, or their OUs and all below them) is missing. Absent or empty when complete.
   */
  unlisted?: UnlistedParent[];
}

/** A root or OU whose accounts or child OUs could not be listed, and why. */
export interface UnlistedParent {
  parentId: string;
  listing: 'accounts' | 'units';
  code: string;
  message: string;
}

// ---- Root user credential status (the result of an IAMAuditRootUserCredentials session) ----

export interface RootPassword {
  present: boolean;
  createdAt?: string;
  /** From `GetUser.PasswordLastUsed`; absent when never used (or not since October 2014). */
  lastUsedAt?: string;
  resetRequired?: boolean;
}

export interface RootAccessKey {
  /** The access key id (not a secret; the secret key is never returned by IAM). */
  id: string;
  status: 'Active' | 'Inactive' | 'Expired' | string;
  createdAt?: string;
  lastUsedAt?: string;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

/** `virtual` devices are deleted with `DeleteVirtualMFADevice`; the others are only deactivated. */
export type MfaKind = 'virtual' | 'security-key' | 'hardware';

export interface RootMfaDevice {
  serialNumber: string;
  kind: MfaKind;
  enabledAt?: string;
}

export interface RootSigningCertificate {
  id: string;
  status: string;
  uploadedAt?: string;
}

/** The `Account*` flags of `GetAccountSummary` (values 0/1 on the wire); undefined when a key was absent. */
export interface RootSummaryFlags {
  accountMfaEnabled?: boolean;
  accountAccessKeysPresent?: boolean;
  accountPasswordPresent?: boolean;
  accountSigningCertificatesPresent?: boolean;
}

export interface RootCredentialStatus {
  password: RootPassword;
  accessKeys: RootAccessKey[];
  mfaDevices: RootMfaDevice[];
  signingCertificates: RootSigningCertificate[];
  summary: RootSummaryFlags;
}

/** Why an account was not audited. */
export type SkipReason = 'management-account' | 'not-active';

/** What an audit of one account came to; every variant names the account and the time it was decided. */
export type AccountAuditResult =
  | {
      kind: 'ok';
      accountId: string;
      auditedAt: string;
      status: RootCredentialStatus;
      /** The root session's access key id, to find the session's calls in CloudTrail. Not a secret. */
      sessionAccessKeyId: string;
    }
  | { kind: 'skipped'; accountId: string; auditedAt: string; reason: SkipReason; detail: string }
  | {
      kind: 'failed';
      accountId: string;
      auditedAt: string;
      code: string;
      message: string;
      likelyCause?: string;
    };

/** True when the root user has any long-term credential: a password, an access key or a signing certificate. */
export function hasRootCredentials(status: RootCredentialStatus): boolean {
  return status.password.present || status.accessKeys.length > 0 || status.signingCertificates.length > 0;
}

/** A short status for a tree description or a table cell: `no root credentials`, `password · 2 keys · MFA`. */
export function describeRootStatus(status: RootCredentialStatus): string {
  const parts: string[] = [];
  if (status.password.present) parts.push('password');
  const keys = status.accessKeys.length;
  if (keys) parts.push(`${keys} key${keys === 1 ? '' : 's'}`);
  const certs = status.signingCertificates.length;
  if (certs) parts.push(`${certs} cert${certs === 1 ? '' : 's'}`);
  if (status.mfaDevices.length) parts.push('MFA');
  if (!hasRootCredentials(status)) return status.mfaDevices.length ? 'no root credentials · MFA' : 'no root credentials';
  return parts.join(' · ');
}
