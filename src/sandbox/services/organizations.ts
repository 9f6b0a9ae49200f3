/**
 * AWS Organizations (awsJson1_1, `AWSOrganizationsV20161128.*`): the read operations the explorer needs and
 * the two writes of the enablement recipe; the policy operations are in organizationsPolicies.ts and paging
 * in organizationsPaging.ts.
 */
import type { Access } from '../authz';
import { str, type CallContext } from '../context';
import { SandboxError } from '../errors';
import { type SandboxAccount, type World } from '../world';
import { handlePolicyOperation, POLICY_OPERATIONS, type PolicyOperation } from './organizationsPolicies';
import { epochSeconds, invalidInput, page } from './organizationsPaging';

export const ORGANIZATIONS_OPERATIONS = [
  'DescribeOrganization',
  'ListRoots',
  'ListOrganizationalUnitsForParent',
  'ListAccountsForParent',
  'ListAccounts',
  'DescribeAccount',
  'ListParents',
  'ListAWSServiceAccessForOrganization',
  'EnableAWSServiceAccess',
  'ListDelegatedAdministrators',
  'RegisterDelegatedAdministrator',
  ...POLICY_OPERATIONS,
] as const;

type Operation = (typeof ORGANIZATIONS_OPERATIONS)[number];
type Input = Record<string, unknown>;

/** Policy writes too: delegating policy management (a resource-based delegation policy) is not modelled. */
const MANAGEMENT_ONLY = new Set<string>(['EnableAWSServiceAccess', 'RegisterDelegatedAdministrator', 'UpdatePolicy']);
/** Any account in the organization may describe it; listings need the management or a delegated-admin account. */
const ANY_MEMBER = new Set<string>(['DescribeOrganization']);

export function organizationsAccess(operation: string, world: World): Access {
  return { action: `organizations:${operation}`, resourceArn: world.organization.arn };
}

export function handleOrganizations(ctx: CallContext, operation: Operation, input: Input): unknown {
  checkCaller(ctx, operation);
  const { world } = ctx;
  switch (operation) {
    case 'DescribeOrganization':
      return { Organization: describeOrganization(world) };
    case 'ListRoots':
      return page(ctx, operation, '', input, [rootShape(world)], 'Roots');
    case 'ListOrganizationalUnitsForParent': {
      const parentId = requireParent(world, input);
      const ous = world.organizationalUnits.filter((ou) => ou.parentId === parentId);
      return page(ctx, operation, parentId, input, ous.map((ou) => ({ Id: ou.id, Arn: ou.arn, Name: ou.name, Path: `${world.pathOf(ou.id)}` })), 'OrganizationalUnits');
    }
    case 'ListAccountsForParent': {
      const parentId = requireParent(world, input);
      return page(ctx, operation, parentId, input, world.accounts.filter((a) => a.parentId === parentId), 'Accounts', (a) => accountShape(world, a));
    }
    case 'ListAccounts':
      return page(ctx, operation, '', input, world.accounts, 'Accounts', (a) => accountShape(world, a));
    case 'DescribeAccount':
      return { Account: accountShape(world, requireAccount(world, str(input, 'AccountId'))) };
    case 'ListParents':
      return page(ctx, operation, str(input, 'ChildId') ?? '', input, [parentOf(world, str(input, 'ChildId'))], 'Parents');
    case 'ListAWSServiceAccessForOrganization':
      return page(ctx, operation, '', input, world.serviceAccess.map((s) => ({ ServicePrincipal: s.servicePrincipal, DateEnabled: epochSeconds(s.dateEnabled) })), 'EnabledServicePrincipals');
    case 'EnableAWSServiceAccess':
      return enableServiceAccess(ctx, input);
    case 'ListDelegatedAdministrators':
      return page(ctx, operation, str(input, 'ServicePrincipal') ?? '', input, listDelegatedAdmins(world, str(input, 'ServicePrincipal')), 'DelegatedAdministrators');
    case 'RegisterDelegatedAdministrator':
      return registerDelegatedAdmin(ctx, input);
    default:
      return handlePolicyOperation(ctx, operation as PolicyOperation, input);
  }
}

function checkCaller(ctx: CallContext, operation: string): void {
  const { world, caller } = ctx;
  if (caller.accountId === world.organization.managementAccountId || ANY_MEMBER.has(operation)) return;
  if (!MANAGEMENT_ONLY.has(operation) && world.isDelegatedAdmin(caller.accountId)) return;
  throw new SandboxError('AccessDeniedException', 403, "You don't have permissions to access this resource.");
}

function describeOrganization(world: World) {
  const org = world.organization;
  const mgmt = world.managementAccount;
  return {
    Id: org.id,
    Arn: org.arn,
    FeatureSet: org.featureSet,
    MasterAccountArn: mgmt.arn,
    MasterAccountId: mgmt.id,
    MasterAccountEmail: mgmt.email,
    AvailablePolicyTypes: enabledPolicyTypes(world),
  };
}

function rootShape(world: World) {
  const org = world.organization;
  return { Id: org.rootId, Arn: org.rootArn, Name: 'Root', PolicyTypes: enabledPolicyTypes(world) };
}

function enabledPolicyTypes(world: World) {
  return [...world.policies.enabledTypes].map((type) => ({ Type: type, Status: 'ENABLED' }));
}

function accountShape(world: World, a: SandboxAccount) {
  return {
    Id: a.id,
    Arn: a.arn,
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.state,
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: epochSeconds(a.joinedTimestamp),
    Paths: [`${world.pathOf(a.parentId)}${a.id}/`],
  };
}

function requireParent(world: World, input: Input): string {
  const parentId = str(input, 'ParentId');
  if (!parentId) throw invalidInput('INPUT_REQUIRED', 'You must specify a value for ParentId.');
  if (parentId !== world.organization.rootId && !world.findOu(parentId)) {
    throw new SandboxError('ParentNotFoundException', 404, "We can't find a root or OU with the ParentId that you specified.");
  }
  return parentId;
}

function requireAccount(world: World, accountId: string | undefined): SandboxAccount {
  if (!accountId || !/^\d{12}$/.test(accountId)) throw invalidInput('INVALID_PATTERN', 'You provided a value that does not match the required pattern.');
  const account = world.findAccount(accountId);
  if (!account) throw new SandboxError('AccountNotFoundException', 404, "You specified an account that doesn't exist.");
  return account;
}

function parentOf(world: World, childId: string | undefined) {
  const parentId = childId ? (world.findAccount(childId)?.parentId ?? world.findOu(childId)?.parentId) : undefined;
  if (!parentId) throw new SandboxError('ChildNotFoundException', 404, "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
  return { Id: parentId, Type: parentId === world.organization.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' };
}

function listDelegatedAdmins(world: World, servicePrincipal: string | undefined) {
  const matching = world.delegatedAdministrators.filter((d) => !servicePrincipal || d.servicePrincipal === servicePrincipal);
  const ids = [...new Set(matching.map((d) => d.accountId))];
  return ids.map((id) => {
    const a = world.account(id);
    const since = matching.find((d) => d.accountId === id)?.delegationEnabledDate;
    const { Paths: _paths, ...shape } = accountShape(world, a);
    return { ...shape, DelegationEnabledDate: since && epochSeconds(since) };
  });
}

function enableServiceAccess(ctx: CallContext, input: Input): object {
  const principal = str(input, 'ServicePrincipal');
  if (!principal || !/^[\w+=,.@-]+\.amazonaws\.com$/.test(principal)) {
    throw invalidInput('UNRECOGNIZED_SERVICE_PRINCIPAL', 'You specified a service principal that isn\'t recognized.');
  }
  if (!ctx.world.hasServiceAccess(principal)) ctx.world.serviceAccess.push({ servicePrincipal: principal, dateEnabled: ctx.clock.now() });
  return {};
}

function registerDelegatedAdmin(ctx: CallContext, input: Input): object {
  const { world } = ctx;
  const principal = str(input, 'ServicePrincipal');
  if (!principal) throw invalidInput('INPUT_REQUIRED', 'You must specify a value for ServicePrincipal.');
  const account = requireAccount(world, str(input, 'AccountId'));
  const violation = (reason: string, message: string) => new SandboxError('ConstraintViolationException', 409, message, { Reason: reason });
  if (account.role === 'management') throw violation('CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR', 'You cannot register the management account as a delegated administrator.');
  if (account.state !== 'ACTIVE') throw violation('CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR', 'You cannot register a suspended account as a delegated administrator.');
  if (!world.hasServiceAccess(principal)) throw violation('SERVICE_ACCESS_NOT_ENABLED', `You must enable trusted access for ${principal} first.`);
  if (world.isDelegatedAdmin(account.id, principal)) {
    throw new SandboxError('AccountAlreadyRegisteredException', 409, 'The provided account is already a delegated administrator for your organization.');
  }
  // IAM accepts one delegated administrator.
  if (world.delegatedAdministrators.some((d) => d.servicePrincipal === principal)) {
    throw violation('MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED', 'You have reached the maximum number of delegated administrators for this service.');
  }
  world.delegatedAdministrators.push({ accountId: account.id, servicePrincipal: principal, delegationEnabledDate: ctx.clock.now() });
  account.role = 'delegatedAdmin';
  return {};
}
