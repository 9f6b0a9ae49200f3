/**
 * The root-credential operations a root session runs in its member account (section 3.2). The user name is
 * omitted in root sessions; a `UserName` names an IAM user, which every task policy denies. Where the API
 * requires a `UserName` in the output, the sandbox puts the account id (the live value is not confirmed).
 */
import { denied } from '../authz';
import type { CallContext } from '../context';
import { SandboxError } from '../errors';
import { XmlMap, type XmlValue } from '../protocols/xml';
import type { RootUser, SandboxAccount } from '../world';

export const IAM_ROOT_OPERATIONS = [
  'GetAccountSummary',
  'GetLoginProfile',
  'CreateLoginProfile',
  'DeleteLoginProfile',
  'ListAccessKeys',
  'DeleteAccessKey',
  'GetAccessKeyLastUsed',
  'ListSigningCertificates',
  'DeleteSigningCertificate',
  'ListMFADevices',
  'DeactivateMFADevice',
  'DeleteVirtualMFADevice',
  'GetUser',
] as const;

/** Fixed account-wide values of GetAccountSummary; the root-credential flags are computed. */
const SUMMARY_QUOTAS: Record<string, number> = {
  Users: 0, UsersQuota: 5000, Groups: 0, GroupsQuota: 300, ServerCertificates: 0, ServerCertificatesQuota: 20,
  UserPolicySizeQuota: 2048, GroupPolicySizeQuota: 5120, GroupsPerUserQuota: 10, SigningCertificatesPerUserQuota: 2,
  AccessKeysPerUserQuota: 2, Policies: 0, PoliciesQuota: 1500, PolicySizeQuota: 6144, PolicyVersionsInUse: 0,
  PolicyVersionsInUseQuota: 10000, VersionsPerPolicyQuota: 5, Roles: 3, RolesQuota: 1000, InstanceProfiles: 0,
  InstanceProfilesQuota: 1000, Providers: 0, GlobalEndpointTokenVersion: 1, AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10, AttachedPoliciesPerUserQuota: 10, AssumeRolePolicySizeQuota: 2048, RolePolicySizeQuota: 10240,
};

/**
 * The resource an operation acts on. DeleteVirtualMFADevice's resource type is `mfa`, which the Delete task
 * policy's `NotResource: arn:aws:iam::*:root` would deny if read literally; AWS documents the flow as working,
 * so authorization goes by TASK_POLICY_ALLOWED_ACTIONS, not by literal policy evaluation (section 2).
 */
export function iamRootResource(action: string, params: URLSearchParams, accountId: string): string {
  const userName = params.get('UserName');
  if (userName) return `arn:aws:iam::${accountId}:user/${userName}`;
  if (action === 'DeleteVirtualMFADevice') return params.get('SerialNumber') ?? `arn:aws:iam::${accountId}:mfa/`;
  // The Service Authorization Reference gives GetAccountSummary no resource type: policies see `*`.
  if (action === 'GetAccountSummary') return '*';
  return `arn:aws:iam::${accountId}:root`;
}

export function handleIamRoot(ctx: CallContext, action: string, params: URLSearchParams): XmlValue {
  const userName = params.get('UserName');
  if (userName) {
    throw denied('iam', ctx.caller, `iam:${action}`, iamRootResource(action, params, ctx.caller.accountId), 'with an explicit deny in a session policy');
  }
  const account = ctx.world.account(ctx.caller.accountId);
  const root = account.root;
  switch (action) {
    case 'GetAccountSummary':
      return { SummaryMap: new XmlMap(summary(root)) };
    case 'GetLoginProfile':
      return { LoginProfile: loginProfileShape(account, requireLoginProfile(account)) };
    case 'CreateLoginProfile':
      return { LoginProfile: loginProfileShape(account, createLoginProfile(ctx, account, params)) };
    case 'DeleteLoginProfile':
      requireLoginProfile(account);
      root.loginProfile = undefined;
      return undefined;
    case 'ListAccessKeys':
      return listPage(params, 'AccessKeyMetadata', root.accessKeys.map((k) => ({ AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createDate })));
    case 'DeleteAccessKey':
      root.accessKeys.splice(indexOrThrow(root.accessKeys.findIndex((k) => k.accessKeyId === params.get('AccessKeyId')), `The Access Key with id ${params.get('AccessKeyId')} cannot be found.`), 1);
      return undefined;
    case 'GetAccessKeyLastUsed':
      return accessKeyLastUsed(ctx, root, params.get('AccessKeyId') ?? '');
    case 'ListSigningCertificates':
      return listPage(params, 'Certificates', root.signingCertificates.map((c) => ({ UserName: account.id, CertificateId: c.certificateId, CertificateBody: c.body, Status: c.status, UploadDate: c.uploadDate })));
    case 'DeleteSigningCertificate':
      root.signingCertificates.splice(indexOrThrow(root.signingCertificates.findIndex((c) => c.certificateId === params.get('CertificateId')), `The Certificate with id ${params.get('CertificateId')} cannot be found.`), 1);
      return undefined;
    case 'ListMFADevices':
      return listPage(params, 'MFADevices', root.mfaDevices.filter((d) => d.enabled).map((d) => ({ UserName: account.id, SerialNumber: d.serialNumber, EnableDate: d.enableDate })));
    case 'DeactivateMFADevice':
      deactivateMfa(root, params.get('SerialNumber') ?? '');
      return undefined;
    case 'DeleteVirtualMFADevice':
      deleteVirtualMfa(root, params.get('SerialNumber') ?? '');
      return undefined;
    case 'GetUser':
      return { User: { UserId: account.id, Arn: `arn:aws:iam::${account.id}:root`, CreateDate: root.createDate, PasswordLastUsed: root.passwordLastUsed } };
    default:
      throw new SandboxError('InvalidAction', 400, `Could not find operation ${action} for version 2010-05-08`);
  }
}

function noSuchEntity(message: string): SandboxError {
  return new SandboxError('NoSuchEntity', 404, message);
}

function indexOrThrow(index: number, message: string): number {
  if (index < 0) throw noSuchEntity(message);
  return index;
}

function summary(root: RootUser): Record<string, number> {
  const flag = (present: boolean) => (present ? 1 : 0);
  return {
    ...SUMMARY_QUOTAS,
    MFADevices: root.mfaDevices.length,
    MFADevicesInUse: root.mfaDevices.filter((d) => d.enabled).length,
    AccountMFAEnabled: flag(root.mfaDevices.some((d) => d.enabled)),
    AccountAccessKeysPresent: flag(root.accessKeys.length > 0),
    AccountSigningCertificatesPresent: flag(root.signingCertificates.length > 0),
    AccountPasswordPresent: flag(root.loginProfile !== undefined),
  };
}

function requireLoginProfile(account: SandboxAccount) {
  const profile = account.root.loginProfile;
  if (!profile) throw noSuchEntity(`Login Profile for User ${account.id} cannot be found.`);
  return profile;
}

function loginProfileShape(account: SandboxAccount, profile: { createDate: Date; passwordResetRequired: boolean }) {
  return { UserName: account.id, CreateDate: profile.createDate, PasswordResetRequired: profile.passwordResetRequired };
}

/** Root sessions create a password-less profile: the owner then sets one through "Forgot password". */
function createLoginProfile(ctx: CallContext, account: SandboxAccount, params: URLSearchParams) {
  if (params.has('Password')) {
    // The doc says the parameter "must be omitted" in a root session; the live error code is not confirmed.
    throw new SandboxError('InvalidInput', 400, 'Password must be omitted when the request is made with an AssumeRoot session.');
  }
  if (account.root.loginProfile) throw new SandboxError('EntityAlreadyExists', 409, `Login Profile for user ${account.id} already exists.`);
  account.root.loginProfile = { createDate: ctx.clock.now(), passwordResetRequired: false };
  return account.root.loginProfile;
}

function accessKeyLastUsed(ctx: CallContext, root: RootUser, accessKeyId: string): XmlValue {
  const key = root.accessKeys.find((k) => k.accessKeyId === accessKeyId);
  // A key that is not the caller's own is refused rather than reported missing (no modeled errors exist).
  if (!key) throw denied('iam', ctx.caller, 'iam:GetAccessKeyLastUsed', `access key ${accessKeyId}`, 'because no identity-based policy allows the iam:GetAccessKeyLastUsed action');
  const used = key.lastUsed;
  return { AccessKeyLastUsed: used ? { LastUsedDate: used.date, ServiceName: used.serviceName, Region: used.region } : { ServiceName: 'N/A', Region: 'N/A' } };
}

function deactivateMfa(root: RootUser, serialNumber: string): void {
  const index = root.mfaDevices.findIndex((d) => d.serialNumber === serialNumber && d.enabled);
  if (index < 0) throw noSuchEntity(`MFA Device with serial number ${serialNumber} does not exist.`);
  const device = root.mfaDevices[index];
  // A virtual device survives deactivation (unassigned) until DeleteVirtualMFADevice; hardware is just removed.
  if (device.kind === 'virtual') device.enabled = false;
  else root.mfaDevices.splice(index, 1);
}

function deleteVirtualMfa(root: RootUser, serialNumber: string): void {
  const index = root.mfaDevices.findIndex((d) => d.serialNumber === serialNumber && d.kind === 'virtual');
  if (index < 0) throw noSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
  if (root.mfaDevices[index].enabled) throw new SandboxError('DeleteConflict', 409, 'MFA Device is still in use.');
  root.mfaDevices.splice(index, 1);
}

/** IAM list pagination: `MaxItems` (1-1000, default 100) and an opaque `Marker`. */
function listPage(params: URLSearchParams, key: string, items: XmlValue[]): XmlValue {
  const max = params.has('MaxItems') ? Number(params.get('MaxItems')) : 100;
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw new SandboxError('ValidationError', 400, `1 validation error detected: Value '${params.get('MaxItems')}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  const marker = params.get('Marker');
  const start = marker === null ? 0 : Number(Buffer.from(marker, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw new SandboxError('InvalidInput', 400, 'Invalid Marker.');
  const end = start + max;
  const truncated = end < items.length;
  return { [key]: items.slice(start, end), IsTruncated: truncated, Marker: truncated ? Buffer.from(String(end)).toString('base64url') : undefined };
}
