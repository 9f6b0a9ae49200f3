/**
 * Who may call what. Two kinds of caller exist:
 * - the sandbox's IAM users (management, delegated admin, member), whose identity policy allows only
 *   organization administration: Organizations, `sts:AssumeRoot`, the IAM organization-feature operations,
 *   and their own account's summary and credential report; root-credential changes, S3 and SQS are not;
 * - root sessions from AssumeRoot, which act as `arn:aws:iam::<account>:root` and may do only what their task
 *   policy leaves allowed (TASK_POLICY_ALLOWED_ACTIONS), only in their own account.
 * Both are subject to the organization's SCPs (and, for S3 and SQS, RCPs on the resource's account), which
 * orgGuard.ts evaluates from the policy documents; the management account is exempt (sections 8.2 and 8.4).
 * Service-specific rules (management-only operations, AssumeRoot prerequisites) live in the services.
 */
import type { SandboxError } from './errors';
import type { Caller } from './keyring';
import { evaluateOrgPolicies, requestKeys, type OrgDecision, type OrgRequest } from './orgGuard';
import { accessDenied, type ServiceName } from './serviceErrors';
import { TASK_POLICY_ALLOWED_ACTIONS } from './taskPolicies';
import type { World } from './world';

/** What a request touches: the IAM action, the resource ARN and, for S3/SQS, the account that owns it. */
export interface Access {
  action: string;
  resourceArn: string;
  resourceAccount?: string;
  /** Condition keys of this request beyond the global ones, e.g. `sts:TaskPolicyArn` for AssumeRoot. */
  conditionKeys?: Record<string, string>;
}

/** Where a request came from: what `aws:RequestedRegion` and `aws:SourceIp` see. */
export interface RequestSource {
  region: string;
  sourceIp: string;
  /** The sandbox's time: `aws:CurrentTime` and `aws:EpochTime`. */
  now: Date;
}

const ADMIN_ACTIONS = new Set([
  'sts:AssumeRoot',
  'sts:GetCallerIdentity',
  'iam:ListOrganizationsFeatures',
  'iam:EnableOrganizationsRootCredentialsManagement',
  'iam:EnableOrganizationsRootSessions',
  'iam:DisableOrganizationsRootCredentialsManagement',
  'iam:DisableOrganizationsRootSessions',
  // An account's own summary and credential report, as the management account reads its own root user.
  'iam:GetAccountSummary',
  'iam:GenerateCredentialReport',
  'iam:GetCredentialReport',
  // Who may open root sessions: the account's IAM and its Identity Center permission sets (holders view).
  'iam:GetAccountAuthorizationDetails',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'sso:ListInstances',
  'sso:ListPermissionSets',
  'sso:ListPermissionSetsProvisionedToAccount',
  'sso:DescribePermissionSet',
  'sso:GetInlinePolicyForPermissionSet',
  'sso:ListManagedPoliciesInPermissionSet',
  'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
  'sso:GetPermissionsBoundaryForPermissionSet',
  'sso:ListAccountAssignments',
  // The account's own CloudTrail Event history (root-session history), in each region enabled for it.
  'cloudtrail:LookupEvents',
  'account:ListRegions',
]);

/** Actions AWS allows every authenticated caller, even under an explicit deny. */
const ALWAYS_ALLOWED = new Set(['sts:GetCallerIdentity']);

/** Throws AccessDenied in the service's wire form unless `caller` may perform `access`. */
export function authorize(world: World, caller: Caller, service: ServiceName, access: Access, source: RequestSource): void {
  const denial = denialReason(world, caller, access, source);
  if (denial) {
    throw accessDenied(service, `User: ${caller.arn} is not authorized to perform: ${access.action} on resource: ${access.resourceArn} ${denial}`);
  }
}

function denialReason(world: World, caller: Caller, access: Access, source: RequestSource): string | undefined {
  const { action } = access;
  if (ALWAYS_ALLOWED.has(action)) return undefined;
  if (caller.kind === 'iam' && !action.startsWith('organizations:') && !ADMIN_ACTIONS.has(action)) {
    return `because no identity-based policy allows the ${action} action`;
  }
  const request: OrgRequest = {
    action,
    resource: access.resourceArn,
    keys: requestKeys(world, {
      principalArn: caller.arn,
      principalAccount: caller.accountId,
      ...(caller.kind === 'rootSession'
        ? { principalType: 'Account' as const, userId: caller.accountId, tokenIssuedAt: caller.issuedAt }
        : { principalType: 'User' as const, userId: caller.userId }),
      assumedRoot: caller.kind === 'rootSession',
      // IAM is global: AWS gives its requests us-east-1, whichever Region the client signed for.
      region: action.startsWith('iam:') ? 'us-east-1' : source.region,
      sourceIp: source.sourceIp,
      now: source.now,
      resourceAccount: ownerOfResource(access),
      extra: access.conditionKeys,
    }),
  };
  const scp = orgDenial(evaluateOrgPolicies(world, caller.accountId, 'SERVICE_CONTROL_POLICY', request), action);
  if (scp) return scp;
  if (caller.kind === 'rootSession') {
    // The task policy is passed like a session policy and is deny-only, hence "explicit deny". The exact
    // wording AWS uses for task-policy denials is not confirmed (aws-root-access-api.md section 1.3).
    if (!TASK_POLICY_ALLOWED_ACTIONS[caller.taskPolicy].includes(action)) return 'with an explicit deny in a session policy';
    if (access.resourceAccount !== undefined && access.resourceAccount !== caller.accountId) {
      return `because no resource-based policy allows the ${action} action`;
    }
  }
  // RCPs guard the resources of member accounts, whoever calls, for the services that support them (of those
  // served here S3, SQS and STS; not IAM or Organizations).
  const owner = access.resourceAccount;
  if (owner !== undefined && RCP_SERVICES.has(action.split(':')[0]) && world.findAccount(owner)) return orgDenial(evaluateOrgPolicies(world, owner, 'RESOURCE_CONTROL_POLICY', request), action);
  return undefined;
}

const RCP_SERVICES: ReadonlySet<string> = new Set(['s3', 'sqs', 'sts']);

/**
 * The account owning the resource a call acts on, whose organization is `aws:ResourceOrgID`: none for a call
 * on no resource (`*`, ListQueues' `...:*`), for which what AWS sets is not documented (as the engine reads it).
 */
function ownerOfResource(access: Access): string | undefined {
  return access.resourceArn === '*' || access.resourceArn.endsWith(':*') ? undefined : access.resourceAccount;
}

/** The reason clause AWS puts in an AccessDenied message for an SCP or RCP decision. */
function orgDenial(decision: OrgDecision, action: string): string | undefined {
  if (decision.allowed) return undefined;
  const kind = decision.type === 'SERVICE_CONTROL_POLICY' ? 'service control policy' : 'resource control policy';
  return decision.kind === 'explicit' ? `with an explicit deny in a ${kind}` : `because no ${kind} allows the ${action} action`;
}

/** For services that check a precondition themselves and need the same message shape. */
export function denied(service: ServiceName, caller: Caller, action: string, resourceArn: string, reason: string): SandboxError {
  return accessDenied(service, `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resourceArn} ${reason}`);
}
