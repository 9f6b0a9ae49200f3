/**
 * IAM (awsQuery): the five organization-feature operations (section 3.1), the reads of who holds which
 * permissions (iamDirectory.ts) and, inside a root session, the root-credential operations (iamRoot.ts).
 * Org-feature errors use the full `...Exception` shape names as wire codes, as the SDKs expect; the live
 * form is not confirmed (section 3.1).
 */
import type { Access } from '../authz';
import type { CallContext } from '../context';
import { SandboxError } from '../errors';
import type { XmlValue } from '../protocols/xml';
import { IAM_SERVICE_PRINCIPAL } from '../world';
import { CREDENTIAL_REPORT_OPERATIONS, handleCredentialReport } from './credentialReport';
import { handleIamDirectory, IAM_DIRECTORY_OPERATIONS, iamDirectoryAccess } from './iamDirectory';
import { handleIamRoot, IAM_ROOT_OPERATIONS, iamRootResource } from './iamRoot';

const FEATURE_OPERATIONS = [
  'ListOrganizationsFeatures',
  'EnableOrganizationsRootCredentialsManagement',
  'EnableOrganizationsRootSessions',
  'DisableOrganizationsRootCredentialsManagement',
  'DisableOrganizationsRootSessions',
] as const;

export const IAM_OPERATIONS: readonly string[] = [...FEATURE_OPERATIONS, ...IAM_ROOT_OPERATIONS, ...CREDENTIAL_REPORT_OPERATIONS, ...IAM_DIRECTORY_OPERATIONS];
const isDirectoryOperation = (action: string) => (IAM_DIRECTORY_OPERATIONS as readonly string[]).includes(action);

export function iamAccess(action: string, params: URLSearchParams, ctx: Pick<CallContext, 'caller'>): Access {
  const account = ctx.caller.accountId;
  if ((FEATURE_OPERATIONS as readonly string[]).includes(action)) return { action: `iam:${action}`, resourceArn: '*' };
  if (isDirectoryOperation(action)) return iamDirectoryAccess(action, params);
  return { action: `iam:${action}`, resourceArn: iamRootResource(action, params, account), resourceAccount: account };
}

export function handleIam(ctx: CallContext, action: string, params: URLSearchParams): XmlValue {
  if ((FEATURE_OPERATIONS as readonly string[]).includes(action)) return organizationFeatures(ctx, action);
  if ((CREDENTIAL_REPORT_OPERATIONS as readonly string[]).includes(action)) return handleCredentialReport(ctx, action);
  if (isDirectoryOperation(action)) return handleIamDirectory(ctx, action, params);
  return handleIamRoot(ctx, action, params);
}

function featureError(name: string, message: string): SandboxError {
  return new SandboxError(name, 400, message);
}

function organizationFeatures(ctx: CallContext, action: string): XmlValue {
  const { world, caller } = ctx;
  if (world.organization.featureSet !== 'ALL') {
    throw featureError('OrganizationNotInAllFeaturesModeException', 'The request failed because your organization does not have all features enabled.');
  }
  const isManagement = caller.accountId === world.organization.managementAccountId;
  if (!isManagement && !world.isDelegatedAdmin(caller.accountId, IAM_SERVICE_PRINCIPAL)) {
    throw featureError('AccountNotManagementOrDelegatedAdministratorException', 'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.');
  }
  if (!world.hasServiceAccess(IAM_SERVICE_PRINCIPAL)) {
    throw featureError('ServiceAccessNotEnabledException', 'The request was rejected because trusted access is not enabled for IAM in AWS Organizations.');
  }
  if (action.startsWith('Enable') && !isManagement) {
    throw featureError('CallerIsNotManagementAccountException', 'The request was rejected because the account making the request is not the management account for the organization.');
  }
  const features = world.features;
  if (action === 'EnableOrganizationsRootCredentialsManagement') features.rootCredentialsManagement = true;
  if (action === 'EnableOrganizationsRootSessions') features.rootSessions = true;
  if (action === 'DisableOrganizationsRootCredentialsManagement') features.rootCredentialsManagement = false;
  if (action === 'DisableOrganizationsRootSessions') features.rootSessions = false;
  const enabled = [
    ...(features.rootCredentialsManagement ? ['RootCredentialsManagement'] : []),
    ...(features.rootSessions ? ['RootSessions'] : []),
  ];
  // The result lists what remains enabled; an empty `<EnabledFeatures/>` parses to [].
  return { OrganizationId: world.organization.id, EnabledFeatures: enabled };
}
