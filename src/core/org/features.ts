import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { EnableOrganizationsRootCredentialsManagementCommand, EnableOrganizationsRootSessionsCommand, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import {
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import type { AwsClients } from '../aws/clients';
import { RootGuardError, awsErrorCode, isAbortError } from '../aws/errors';
import { silentLogger, type Logger } from '../log';
import type { CheckError, DelegatedAdmin, RootAccessFeatures } from './model';
import { collectPages, isoDate } from './paging';

/** The service principal whose trusted access and delegated admin centralized root access uses. */
export const IAM_SERVICE_PRINCIPAL = 'iam.amazonaws.com';

/** Stable codes for the organization-level preconditions of centralized root access. */
export type OrgFeatureErrorCode =
  | 'NotManagementAccount'
  | 'NotManagementOrDelegatedAdmin'
  | 'TrustedAccessOff'
  | 'NotAllFeaturesMode'
  | 'NotInOrganization';

/** A precondition of centralized root access that does not hold; `code` says which. */
export class OrgFeatureError extends RootGuardError {
  constructor(
    override readonly code: OrgFeatureErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'OrgFeatureError';
  }
}

// IAM sends these with or without the `Exception` suffix (aws-root-access-api.md 3.1); awsErrorCode strips it.
const FEATURE_ERRORS: Record<string, [OrgFeatureErrorCode, string]> = {
  CallerIsNotManagementAccount: ['NotManagementAccount', 'Only the organization management account can do this'],
  AccountNotManagementOrDelegatedAdministrator: [
    'NotManagementOrDelegatedAdmin',
    'The caller is neither the management account nor the IAM delegated administrator',
  ],
  ServiceAccessNotEnabled: ['TrustedAccessOff', `Trusted access for ${IAM_SERVICE_PRINCIPAL} is not enabled in Organizations`],
  OrganizationNotInAllFeaturesMode: ['NotAllFeaturesMode', 'The organization is not in all-features mode'],
  OrganizationNotFound: ['NotInOrganization', 'The account is not in an organization'],
  AWSOrganizationsNotInUse: ['NotInOrganization', 'The account is not in an organization'],
};

/** Turns IAM/Organizations precondition errors into an OrgFeatureError; anything else is returned unchanged. */
export function toOrgFeatureError(err: unknown): unknown {
  const known = FEATURE_ERRORS[awsErrorCode(err)];
  return known ? new OrgFeatureError(known[0], known[1], { cause: err }) : err;
}

interface CallOptions {
  signal?: AbortSignal;
}

/** Whether trusted access for IAM is on (`ListAWSServiceAccessForOrganization`). */
export async function isTrustedAccessEnabled(clients: AwsClients, { signal }: CallOptions = {}): Promise<boolean> {
  const principals = await collectPages(async (NextToken) => {
    const page = await clients.organizations().send(new ListAWSServiceAccessForOrganizationCommand({ NextToken }), { abortSignal: signal });
    return { items: page.EnabledServicePrincipals ?? [], next: page.NextToken };
  });
  return principals.some((p) => p.ServicePrincipal === IAM_SERVICE_PRINCIPAL);
}

/** The accounts registered as delegated administrator for IAM. */
export async function listIamDelegatedAdmins(clients: AwsClients, { signal }: CallOptions = {}): Promise<DelegatedAdmin[]> {
  const admins = await collectPages(async (NextToken) => {
    const page = await clients
      .organizations()
      .send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: IAM_SERVICE_PRINCIPAL, NextToken }), { abortSignal: signal });
    return { items: page.DelegatedAdministrators ?? [], next: page.NextToken };
  });
  return admins.map((a) => ({
    accountId: a.Id ?? '',
    name: a.Name,
    email: a.Email,
    delegationEnabledAt: isoDate(a.DelegationEnabledDate),
  }));
}

/** The two IAM features; an absent `EnabledFeatures` means none is enabled. Throws OrgFeatureError for preconditions. */
export async function listOrganizationsFeatures(
  clients: AwsClients,
  { signal }: CallOptions = {},
): Promise<{ rootCredentialsManagement: boolean; rootSessions: boolean }> {
  try {
    const out = await clients.iam().send(new ListOrganizationsFeaturesCommand({}), { abortSignal: signal });
    const enabled = out.EnabledFeatures ?? [];
    return { rootCredentialsManagement: enabled.includes('RootCredentialsManagement'), rootSessions: enabled.includes('RootSessions') };
  } catch (err) {
    throw toOrgFeatureError(err);
  }
}

function checkError(err: unknown): CheckError {
  const mapped = toOrgFeatureError(err);
  return { code: awsErrorCode(mapped), message: mapped instanceof Error ? mapped.message : String(mapped) };
}

/** Runs one check; a failure (other than an abort) becomes the fallback value plus a recorded error. */
async function settle<T>(check: () => Promise<T>, fallback: T): Promise<{ value: T; error?: CheckError }> {
  try {
    return { value: await check() };
  } catch (err) {
    if (isAbortError(err)) throw err;
    return { value: fallback, error: checkError(err) };
  }
}

/**
 * Every organization-level switch of centralized root access at once. A check the caller may not make
 * (a member account, a denied call) does not fail the whole: its value defaults to off and `errors` says why.
 */
export async function getRootAccessFeatures(clients: AwsClients, { signal }: CallOptions = {}): Promise<RootAccessFeatures> {
  const [trusted, admins, features] = await Promise.all([
    settle(() => isTrustedAccessEnabled(clients, { signal }), false),
    settle(() => listIamDelegatedAdmins(clients, { signal }), [] as DelegatedAdmin[]),
    settle(() => listOrganizationsFeatures(clients, { signal }), { rootCredentialsManagement: false, rootSessions: false }),
  ]);
  const errors: RootAccessFeatures['errors'] = {};
  if (trusted.error) errors.trustedAccess = trusted.error;
  if (admins.error) errors.delegatedAdmins = admins.error;
  if (features.error) errors.features = features.error;
  return { trustedAccess: trusted.value, delegatedAdmins: admins.value, ...features.value, errors };
}

/** One step of enabling centralized root access and what it found. */
export interface EnableStep {
  step: 'trustedAccess' | 'delegatedAdmin' | 'rootCredentialsManagement' | 'rootSessions';
  outcome: 'enabled' | 'alreadyEnabled';
}

export interface EnableOptions extends CallOptions {
  /** Register this member account as IAM delegated administrator (AWS recommends a dedicated security account). */
  delegatedAdminAccountId?: string;
  /** Called after each step, so a UI can show progress; the same steps are returned at the end. */
  onStep?: (step: EnableStep) => void;
  logger?: Logger;
}

/** Fails with a typed error unless the caller is the management account of an all-features organization. */
async function assertCanEnable(clients: AwsClients, signal: AbortSignal | undefined): Promise<void> {
  let organization;
  try {
    ({ Organization: organization } = await clients.organizations().send(new DescribeOrganizationCommand({}), { abortSignal: signal }));
  } catch (err) {
    throw toOrgFeatureError(err);
  }
  if (organization?.FeatureSet !== 'ALL') {
    throw new OrgFeatureError('NotAllFeaturesMode', 'The organization is not in all-features mode; centralized root access needs it');
  }
  const caller = await clients.sts().send(new GetCallerIdentityCommand({}), { abortSignal: signal });
  if (caller.Account !== organization.MasterAccountId) {
    throw new OrgFeatureError('NotManagementAccount', `Only the management account (${organization.MasterAccountId}) can enable centralized root access; the caller is ${caller.Account}`);
  }
}

async function ensureDelegatedAdmin(clients: AwsClients, accountId: string, signal: AbortSignal | undefined): Promise<EnableStep['outcome']> {
  const admins = await listIamDelegatedAdmins(clients, { signal });
  if (admins.some((a) => a.accountId === accountId)) return 'alreadyEnabled';
  try {
    await clients
      .organizations()
      .send(new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: IAM_SERVICE_PRINCIPAL }), { abortSignal: signal });
    return 'enabled';
  } catch (err) {
    if (awsErrorCode(err) === 'AccountAlreadyRegistered') return 'alreadyEnabled';
    throw toOrgFeatureError(err);
  }
}

/**
 * Enables centralized root access from the management account, step by step, each step checked first so a
 * second run changes nothing: trusted access for IAM, the optional delegated admin, `RootCredentialsManagement`,
 * `RootSessions`. Ends by reading the features back and fails if either is still off.
 */
export async function enableCentralizedRootAccess(clients: AwsClients, options: EnableOptions = {}): Promise<EnableStep[]> {
  const { signal, onStep, logger = silentLogger } = options;
  const steps: EnableStep[] = [];
  const record = (step: EnableStep) => {
    steps.push(step);
    logger.info(`enable centralized root access: ${step.step} ${step.outcome}`);
    onStep?.(step);
  };
  await assertCanEnable(clients, signal);

  if (await isTrustedAccessEnabled(clients, { signal })) record({ step: 'trustedAccess', outcome: 'alreadyEnabled' });
  else {
    await clients.organizations().send(new EnableAWSServiceAccessCommand({ ServicePrincipal: IAM_SERVICE_PRINCIPAL }), { abortSignal: signal });
    record({ step: 'trustedAccess', outcome: 'enabled' });
  }
  if (options.delegatedAdminAccountId) {
    record({ step: 'delegatedAdmin', outcome: await ensureDelegatedAdmin(clients, options.delegatedAdminAccountId, signal) });
  }
  const before = await listOrganizationsFeatures(clients, { signal });
  try {
    if (!before.rootCredentialsManagement) {
      await clients.iam().send(new EnableOrganizationsRootCredentialsManagementCommand({}), { abortSignal: signal });
    }
    record({ step: 'rootCredentialsManagement', outcome: before.rootCredentialsManagement ? 'alreadyEnabled' : 'enabled' });
    if (!before.rootSessions) await clients.iam().send(new EnableOrganizationsRootSessionsCommand({}), { abortSignal: signal });
    record({ step: 'rootSessions', outcome: before.rootSessions ? 'alreadyEnabled' : 'enabled' });
  } catch (err) {
    throw toOrgFeatureError(err);
  }
  const after = await listOrganizationsFeatures(clients, { signal });
  if (!after.rootCredentialsManagement || !after.rootSessions) {
    throw new RootGuardError('EnableNotEffective', 'IAM still reports a centralized root access feature as off after enabling it');
  }
  return steps;
}
