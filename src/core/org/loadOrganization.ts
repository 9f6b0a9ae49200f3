import {
  type Account,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients';
import { mapConcurrently } from '../aws/concurrency';
import { throwIfAborted } from '../aws/errors';
import { getRootAccessFeatures, OrgFeatureError, toOrgFeatureError } from './features';
import type {
  AccountState,
  CallerIdentity,
  CallerRole,
  OrgAccount,
  OrgChildren,
  OrganizationInfo,
  OrgRoot,
  OrgSnapshot,
  OrgUnit,
  RootAccessFeatures,
} from './model';
import { collectPages, isoDate } from './paging';

/**
 * What a tree shows before any OU is expanded: the organization, the caller and whether it may run root
 * tasks, the feature switches and the root. `root` is absent when the caller is a plain member account,
 * which cannot list the organization.
 */
export interface OrgOverview {
  organization: OrganizationInfo;
  caller: CallerIdentity;
  features: RootAccessFeatures;
  root?: OrgRoot;
  loadedAt: string;
}

export interface LoadOptions {
  signal?: AbortSignal;
}

const ACCOUNT_STATES: readonly AccountState[] = ['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED'];

/** `State` if sent, else the retiring `Status` (aws-root-access-api.md 4.1). */
export function accountStateOf(account: Pick<Account, 'State' | 'Status'>): AccountState {
  const raw = account.State ?? account.Status;
  return ACCOUNT_STATES.find((s) => s === raw) ?? 'UNKNOWN';
}

async function describeOrganization(clients: AwsClients, signal?: AbortSignal): Promise<OrganizationInfo> {
  try {
    const { Organization: org } = await clients.organizations().send(new DescribeOrganizationCommand({}), { abortSignal: signal });
    return {
      id: org?.Id ?? '',
      arn: org?.Arn ?? '',
      featureSet: org?.FeatureSet ?? 'ALL',
      managementAccountId: org?.MasterAccountId ?? '',
      managementAccountEmail: org?.MasterAccountEmail,
    };
  } catch (err) {
    throw toOrgFeatureError(err);
  }
}

function callerRoleOf(accountId: string, organization: OrganizationInfo, features: RootAccessFeatures): CallerRole {
  if (accountId === organization.managementAccountId) return 'management';
  if (features.delegatedAdmins.some((a) => a.accountId === accountId)) return 'delegatedAdmin';
  // ListOrganizationsFeatures answers only the management account and the IAM delegated admin, so its
  // success identifies a delegated admin that may not be allowed to list delegated admins itself.
  return features.errors.features ? 'member' : 'delegatedAdmin';
}

async function listRoot(clients: AwsClients, signal?: AbortSignal): Promise<OrgRoot> {
  const roots = await collectPages(async (NextToken) => {
    const page = await clients.organizations().send(new ListRootsCommand({ NextToken }), { abortSignal: signal });
    return { items: page.Roots ?? [], next: page.NextToken };
  });
  const root = roots[0];
  return { id: root?.Id ?? '', arn: root?.Arn ?? '', name: root?.Name ?? 'Root' };
}

/**
 * Loads the overview of the organization: `DescribeOrganization`, `GetCallerIdentity`, the feature switches
 * (trusted access, IAM delegated admins, `ListOrganizationsFeatures`) and the root. Throws
 * `OrgFeatureError('NotInOrganization')` when the caller's account is in no organization.
 */
export async function openOrganization(clients: AwsClients, { signal }: LoadOptions = {}): Promise<OrgOverview> {
  const [organization, identity, features] = await Promise.all([
    describeOrganization(clients, signal),
    clients.sts().send(new GetCallerIdentityCommand({}), { abortSignal: signal }),
    getRootAccessFeatures(clients, { signal }),
  ]);
  const accountId = identity.Account ?? '';
  const caller: CallerIdentity = {
    accountId,
    arn: identity.Arn ?? '',
    userId: identity.UserId ?? '',
    role: callerRoleOf(accountId, organization, features),
  };
  const root = caller.role === 'member' ? undefined : await listRoot(clients, signal);
  return { organization, caller, features, root, loadedAt: new Date().toISOString() };
}

function toOrgAccount(account: Account, parentId: string, overview: OrgOverview): OrgAccount {
  const id = account.Id ?? '';
  return {
    id,
    arn: account.Arn ?? '',
    name: account.Name ?? id,
    email: account.Email ?? '',
    state: accountStateOf(account),
    parentId,
    joinedMethod: account.JoinedMethod,
    joinedAt: isoDate(account.JoinedTimestamp),
    isManagement: id === overview.organization.managementAccountId,
    isDelegatedAdmin: overview.features.delegatedAdmins.some((a) => a.accountId === id),
  };
}

/** The OUs and accounts directly under one root or OU: what a tree loads when the node expands. */
export async function listChildren(
  clients: AwsClients,
  parentId: string,
  overview: OrgOverview,
  { signal }: LoadOptions = {},
): Promise<OrgChildren> {
  const org = clients.organizations();
  const [units, accounts] = await Promise.all([
    collectPages(async (NextToken) => {
      const page = await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken }), { abortSignal: signal });
      return { items: page.OrganizationalUnits ?? [], next: page.NextToken };
    }),
    collectPages(async (NextToken) => {
      const page = await org.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken }), { abortSignal: signal });
      return { items: page.Accounts ?? [], next: page.NextToken };
    }),
  ]);
  return {
    parentId,
    units: units.map((u): OrgUnit => ({ id: u.Id ?? '', arn: u.Arn ?? '', name: u.Name ?? u.Id ?? '', parentId })),
    accounts: accounts.map((a) => toOrgAccount(a, parentId, overview)),
  };
}

export interface LoadOrganizationOptions extends LoadOptions {
  /** Parents listed in parallel; Organizations throttles early, so keep this small. Default 4. */
  concurrency?: number;
  /** Called after each root or OU is listed, with the running totals. */
  onProgress?: (progress: { unitsLoaded: number; accountsLoaded: number }) => void;
}

/**
 * The whole organization at once, for reports and bulk audits: the overview, then every OU level by level
 * (at most five deep), listing each level's parents in parallel. Throws
 * `OrgFeatureError('NotManagementOrDelegatedAdmin')` for a caller that cannot list the organization.
 */
export async function loadOrganization(clients: AwsClients, options: LoadOrganizationOptions = {}): Promise<OrgSnapshot> {
  const { signal, concurrency = 4, onProgress } = options;
  const overview = await openOrganization(clients, { signal });
  if (!overview.root) {
    throw new OrgFeatureError('NotManagementOrDelegatedAdmin', `Account ${overview.caller.accountId} is neither the management account nor the IAM delegated administrator, so it cannot list the organization`);
  }
  const units: OrgUnit[] = [];
  const accounts: OrgAccount[] = [];
  let level = [overview.root.id];
  while (level.length > 0) {
    throwIfAborted(signal);
    const children = await mapConcurrently(level, concurrency, async (parentId) => {
      const found = await listChildren(clients, parentId, overview, { signal });
      units.push(...found.units);
      accounts.push(...found.accounts);
      onProgress?.({ unitsLoaded: units.length, accountsLoaded: accounts.length });
      return found.units.map((u) => u.id);
    }, signal);
    level = children.flat();
  }
  return { ...overview, root: overview.root, units, accounts, loadedAt: new Date().toISOString() };
}
