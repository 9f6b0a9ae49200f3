/**
 * Who may call what. Two kinds of caller exist:
 * - the sandbox's IAM users (management, delegated admin, member), whose identity policy allows only
 *   organization administration: Organizations, `sts:AssumeRoot`, the IAM organization-feature operations,
 *   and their own account's summary and credential report; root-credential changes, S3 and SQS are not;
 * - root sessions from AssumeRoot, which act as `arn:aws:iam::<account>:root` and may do only what their task
 *   policy leaves allowed (TASK_POLICY_ALLOWED_ACTIONS), only in their own account, and nothing at all in an
 *   account under a root-denying SCP (SCPs still apply to root sessions; section 8.2 and 8.4).
 * Service-specific rules (management-only operations, AssumeRoot prerequisites) live in the services.
 */
import { TASK_POLICY_ALLOWED_ACTIONS } from '../core/root/taskPolicies';
import type { SandboxError } from './errors';
import type { Caller } from './keyring';
import { accessDenied, type ServiceName } from './serviceErrors';
import type { World } from './world';

/** What a request touches: the IAM action, the resource ARN and, for S3/SQS, the account that owns it. */
export interface Access {
  action: string;
  resourceArn: string;
  resourceAccount?: string;
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
]);

/** Actions AWS allows every authenticated caller, even under an explicit deny. */
const ALWAYS_ALLOWED = new Set(['sts:GetCallerIdentity']);

/** Throws AccessDenied in the service's wire form unless `caller` may perform `access`. */
export function authorize(world: World, caller: Caller, service: ServiceName, access: Access): void {
  const denial = denialReason(world, caller, access);
  if (denial) {
    throw accessDenied(service, `User: ${caller.arn} is not authorized to perform: ${access.action} on resource: ${access.resourceArn} ${denial}`);
  }
}

function denialReason(world: World, caller: Caller, access: Access): string | undefined {
  const { action } = access;
  if (ALWAYS_ALLOWED.has(action)) return undefined;
  if (caller.kind === 'iam') {
    return action.startsWith('organizations:') || ADMIN_ACTIONS.has(action) ? undefined : `because no identity-based policy allows the ${action} action`;
  }
  if (world.findAccount(caller.accountId)?.scpDeniesRootSessions) return 'with an explicit deny in a service control policy';
  // The task policy is passed like a session policy and is deny-only, hence "explicit deny". The exact
  // wording AWS uses for task-policy denials is not confirmed (aws-root-access-api.md section 1.3).
  if (!TASK_POLICY_ALLOWED_ACTIONS[caller.taskPolicy].includes(action)) return 'with an explicit deny in a session policy';
  if (access.resourceAccount !== undefined && access.resourceAccount !== caller.accountId) {
    return `because no resource-based policy allows the ${action} action`;
  }
  return undefined;
}

/** For services that check a precondition themselves and need the same message shape. */
export function denied(service: ServiceName, caller: Caller, action: string, resourceArn: string, reason: string): SandboxError {
  return accessDenied(service, `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resourceArn} ${reason}`);
}
