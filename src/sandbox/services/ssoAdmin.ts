/**
 * IAM Identity Center administration (awsJson1_1, `SWBExternalService.*`, signing name `sso`): the reads of
 * which permission sets are provisioned to an account and what they grant. Listings page with `MaxResults`
 * (1-100) and an opaque `NextToken`. The instance belongs to the management account; other accounts see no
 * instance. Timestamps are epoch seconds on this wire.
 */
import type { Access } from '../authz';
import { str, type CallContext } from '../context';
import { SandboxError } from '../errors';
import type { IdentityCenter, PermissionSet } from '../identity';

export const SSO_ADMIN_OPERATIONS = [
  'ListInstances',
  'ListPermissionSets',
  'ListPermissionSetsProvisionedToAccount',
  'DescribePermissionSet',
  'GetInlinePolicyForPermissionSet',
  'ListManagedPoliciesInPermissionSet',
  'ListCustomerManagedPolicyReferencesInPermissionSet',
  'GetPermissionsBoundaryForPermissionSet',
  'ListAccountAssignments',
] as const;

export const SSO_ADMIN_TARGET_PREFIX = 'SWBExternalService';
const DEFAULT_MAX_RESULTS = 10;

type Input = Record<string, unknown>;

export function ssoAdminAccess(operation: string, input: Input): Access {
  const resource = str(input, 'PermissionSetArn') ?? str(input, 'InstanceArn') ?? '*';
  return { action: `sso:${operation}`, resourceArn: resource };
}

export function handleSsoAdmin(ctx: CallContext, operation: string, input: Input): unknown {
  const center = visibleInstance(ctx);
  if (operation === 'ListInstances') {
    const instances = center
      ? [{ InstanceArn: center.instanceArn, IdentityStoreId: center.identityStoreId, OwnerAccountId: center.ownerAccountId, Name: center.name, CreatedDate: epoch(center.createdDate), Status: 'ACTIVE' }]
      : [];
    return page(operation, input, instances, 'Instances');
  }
  const instance = requireInstance(center, input);
  switch (operation) {
    case 'ListPermissionSets':
      return page(operation, input, instance.permissionSets.map((p) => p.arn), 'PermissionSets');
    case 'ListPermissionSetsProvisionedToAccount': {
      const account = requireString(input, 'AccountId');
      const arns = instance.provisioned.filter((p) => p.accountId === account).map((p) => p.permissionSetArn);
      return page(operation, input, arns, 'PermissionSets');
    }
    case 'DescribePermissionSet': {
      const set = requireSet(instance, input);
      return { PermissionSet: { Name: set.name, PermissionSetArn: set.arn, Description: set.description, CreatedDate: epoch(set.createdDate), SessionDuration: set.sessionDuration } };
    }
    case 'GetInlinePolicyForPermissionSet':
      return { InlinePolicy: requireSet(instance, input).inlinePolicy ?? '' };
    case 'ListManagedPoliciesInPermissionSet':
      return page(operation, input, requireSet(instance, input).managedPolicies.map((p) => ({ Name: p.name, Arn: p.arn })), 'AttachedManagedPolicies');
    case 'ListCustomerManagedPolicyReferencesInPermissionSet':
      return page(operation, input, requireSet(instance, input).customerManagedPolicies.map((p) => ({ Name: p.name, Path: p.path })), 'CustomerManagedPolicyReferences');
    case 'GetPermissionsBoundaryForPermissionSet':
      return { PermissionsBoundary: boundaryShape(requireSet(instance, input)) };
    case 'ListAccountAssignments': {
      const set = requireSet(instance, input);
      const account = requireString(input, 'AccountId');
      const assignments = instance.assignments
        .filter((a) => a.accountId === account && a.permissionSetArn === set.arn)
        .map((a) => ({ AccountId: a.accountId, PermissionSetArn: a.permissionSetArn, PrincipalType: a.principalType, PrincipalId: a.principalId }));
      return page(operation, input, assignments, 'AccountAssignments');
    }
  }
  throw new SandboxError('UnknownOperationException', 400, `Unknown operation ${operation}`);
}

/** The instance is administered from its owner account (a delegated administrator for Identity Center is not modelled). */
function visibleInstance(ctx: CallContext): IdentityCenter | undefined {
  const center = ctx.world.identityCenter;
  return center && center.ownerAccountId === ctx.caller.accountId ? center : undefined;
}

function validation(message: string): SandboxError {
  return new SandboxError('ValidationException', 400, message);
}

function requireString(input: Input, key: string): string {
  const value = str(input, key);
  if (!value) throw validation(`1 validation error detected: Value null at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`);
  return value;
}

function requireInstance(center: IdentityCenter | undefined, input: Input): IdentityCenter {
  const arn = requireString(input, 'InstanceArn');
  if (!center || center.instanceArn !== arn) throw new SandboxError('ResourceNotFoundException', 400, `Instance ${arn} does not exist.`);
  return center;
}

function requireSet(instance: IdentityCenter, input: Input): PermissionSet {
  const arn = requireString(input, 'PermissionSetArn');
  const set = instance.permissionSets.find((p) => p.arn === arn);
  if (!set) throw new SandboxError('ResourceNotFoundException', 400, `Could not find PermissionSet with PermissionSetArn: ${arn}.`);
  return set;
}

function boundaryShape(set: PermissionSet): unknown {
  const boundary = set.boundary;
  if (!boundary) throw new SandboxError('ResourceNotFoundException', 400, `Permissions boundary for PermissionSet ${set.arn} does not exist.`);
  if ('managedPolicyArn' in boundary) return { ManagedPolicyArn: boundary.managedPolicyArn };
  return { CustomerManagedPolicyReference: { Name: boundary.customerManaged.name, Path: boundary.customerManaged.path } };
}

function epoch(date: Date): number {
  return date.getTime() / 1000;
}

/** One page of a listing; the token names the listing so a token from another one is refused. */
function page<T>(operation: string, input: Input, items: readonly T[], member: string): Record<string, unknown> {
  const raw = input.MaxResults;
  const max = raw === undefined ? DEFAULT_MAX_RESULTS : Number(raw);
  if (!Number.isInteger(max) || max < 1 || max > 100) throw validation(`1 validation error detected: Value '${String(raw)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
  const token = str(input, 'NextToken');
  let start = 0;
  if (token !== undefined) {
    const match = /^(\w+):(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!match || match[1] !== operation || Number(match[2]) > items.length) throw validation('The NextToken is invalid.');
    start = Number(match[2]);
  }
  const end = Math.min(items.length, start + max);
  return { [member]: items.slice(start, end), ...(end < items.length ? { NextToken: Buffer.from(`${operation}:${end}`).toString('base64') } : {}) };
}
