import {
  type Account,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients';
import { createLimiter, followSignal } from '../aws/concurrency';
import { answered, describeFailure, isAbortError, throwIfAborted } from '../aws/errors';
import { DEFAULT_AUDIT_CONCURRENCY } from '../root/auditMany';
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
  UnlistedParent,
} from './model';
import { collectPages, isoDate, ORGANIZATIONS_PAGE_SIZE } from './paging';

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
      id: answered(org?.Id, 'organizations:DescribeOrganization', 'an organization id'),
      arn: org?.Arn ?? '',
      featureSet: org?.FeatureSet ?? 'ALL',
      managementAccountId: answered(org?.MasterAccountId, 'organizations:DescribeOrganization', 'a management account'),
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
  return { id: answered(root?.Id, 'organizations:ListRoots', 'a root'), arn: root?.Arn ?? '', name: root?.Name ?? 'Root' };
}

/** The overview but the root: `DescribeOrganization`, `GetCallerIdentity` and the feature switches, at once. */
async function readOverview(clients: AwsClients, signal: AbortSignal | undefined): Promise<Omit<OrgOverview, 'root' | 'loadedAt'>> {
  const [organization, identity, features] = await Promise.all([
    describeOrganization(clients, signal),
    clients.sts().send(new GetCallerIdentityCommand({}), { abortSignal: signal }),
    getRootAccessFeatures(clients, { signal }),
  ]);
  const accountId = answered(identity.Account, 'sts:GetCallerIdentity', 'an account');
  const caller: CallerIdentity = {
    accountId,
    arn: identity.Arn ?? '',
    userId: identity.UserId ?? '',
    role: callerRoleOf(accountId, organization, features),
  };
  return { organization, caller, features };
}

/**
 * Loads the overview of the organization: `DescribeOrganization`, `GetCallerIdentity`, the feature switches
 * (trusted access, IAM delegated admins, `ListOrganizationsFeatures`) and, for a caller that may list it, the
 * root. Throws `OrgFeatureError('NotInOrganization')` when the caller's account is in no organization.
 */
export async function openOrganization(clients: AwsClients, { signal }: LoadOptions = {}): Promise<OrgOverview> {
  const overview = await readOverview(clients, signal);
  const root = overview.caller.role === 'member' ? undefined : await listRoot(clients, signal);
  return { ...overview, root, loadedAt: new Date().toISOString() };
}

/**
 * The overview with the root listed beside it rather than after it: the walk that follows waits on one round
 * trip instead of two. Only for loading the whole organization, which a member account cannot do anyway: its
 * refused `ListRoots` (one AccessDenied in its trail) gives way to the overview's clearer error.
 */
async function openForWalk(clients: AwsClients, signal: AbortSignal | undefined): Promise<OrgOverview & { root: OrgRoot }> {
  const [overview, root] = await Promise.allSettled([readOverview(clients, signal), listRoot(clients, signal)]);
  if (overview.status === 'rejected') throw overview.reason;
  const { caller } = overview.value;
  if (caller.role === 'member') {
    throw new OrgFeatureError('NotManagementOrDelegatedAdmin', `Account ${caller.accountId} is neither the management account nor the IAM delegated administrator, so it cannot list the organization`);
  }
  if (root.status === 'rejected') throw root.reason;
  return { ...overview.value, root: root.value, loadedAt: new Date().toISOString() };
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
      const page = await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken, MaxResults: ORGANIZATIONS_PAGE_SIZE }), { abortSignal: signal });
      return { items: page.OrganizationalUnits ?? [], next: page.NextToken };
    }),
    collectPages(async (NextToken) => {
      const page = await org.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken, MaxResults: ORGANIZATIONS_PAGE_SIZE }), { abortSignal: signal });
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
  /** Listing calls in flight at once, across all parents; default the audit's (8). */
  concurrency?: number;
  /** Called after each listing of a root or OU, with the running totals. */
  onProgress?: (progress: { unitsLoaded: number; accountsLoaded: number }) => void;
}

/** What one parent's two listings found; a listing that failed is undefined. */
interface ParentListing {
  units?: OrgUnit[];
  accounts?: OrgAccount[];
}

/**
 * The whole organization at once, for reports and bulk audits: the overview, then every root and OU's
 * accounts and child OUs, all listings in flight together within `concurrency` calls (pages of one listing
 * follow each other; an OU's children are listed as soon as it is found, not level by level). A listing
 * that still fails after the SDK's retries is recorded in `unlisted` and the rest is loaded: one page
 * does not lose the run. Throws `OrgFeatureError('NotManagementOrDelegatedAdmin')` for a caller that cannot
 * list the organization, and on cancellation.
 */
export async function loadOrganization(clients: AwsClients, options: LoadOrganizationOptions = {}): Promise<OrgSnapshot> {
  const { concurrency = DEFAULT_AUDIT_CONCURRENCY, onProgress } = options;
  const signal = followSignal(options.signal);
  const overview = await openForWalk(clients, signal);
  const org = clients.organizations();
  const limit = createLimiter(concurrency);
  const listed = new Map<string, ParentListing>();
  const unlisted: UnlistedParent[] = [];
  let unitsLoaded = 0;
  let accountsLoaded = 0;

  const listing = async <T>(parentId: string, kind: UnlistedParent['listing'], pages: () => Promise<T[]>): Promise<T[] | undefined> => {
    try {
      return await pages();
    } catch (err) {
      if (isAbortError(err)) throw err;
      const { code, message } = describeFailure(err);
      unlisted.push({ parentId, listing: kind, code, message });
      return undefined;
    }
  };
  const visit = async (parentId: string): Promise<void> => {
    throwIfAborted(signal);
    const entry: ParentListing = {};
    listed.set(parentId, entry);
    const accounts = listing(parentId, 'accounts', () =>
      collectPages(async (NextToken) => {
        const page = await limit(() => org.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken, MaxResults: ORGANIZATIONS_PAGE_SIZE }), { abortSignal: signal }));
        return { items: page.Accounts ?? [], next: page.NextToken };
      }),
    ).then((found) => {
      entry.accounts = found?.map((a) => toOrgAccount(a, parentId, overview));
      accountsLoaded += entry.accounts?.length ?? 0;
      onProgress?.({ unitsLoaded, accountsLoaded });
    });
    const units = listing(parentId, 'units', () =>
      collectPages(async (NextToken) => {
        const page = await limit(() => org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken, MaxResults: ORGANIZATIONS_PAGE_SIZE }), { abortSignal: signal }));
        return { items: page.OrganizationalUnits ?? [], next: page.NextToken };
      }),
    ).then(async (found) => {
      entry.units = found?.map((u): OrgUnit => ({ id: u.Id ?? '', arn: u.Arn ?? '', name: u.Name ?? u.Id ?? '', parentId }));
      unitsLoaded += entry.units?.length ?? 0;
      onProgress?.({ unitsLoaded, accountsLoaded });
      await Promise.all((entry.units ?? []).map((u) => visit(u.id)));
    });
    // Both settle before a failure (the abort) goes up, so no listing keeps running unobserved.
    const settled = await Promise.allSettled([accounts, units]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  };
  await visit(overview.root.id);

  // Breadth first from the root, each parent's children in the order the service listed them.
  const units: OrgUnit[] = [];
  const accounts: OrgAccount[] = [];
  for (let level = [overview.root.id]; level.length > 0; ) {
    const next: string[] = [];
    for (const parentId of level) {
      const entry = listed.get(parentId);
      units.push(...(entry?.units ?? []));
      accounts.push(...(entry?.accounts ?? []));
      next.push(...(entry?.units ?? []).map((u) => u.id));
    }
    level = next;
  }
  return { ...overview, root: overview.root, units, accounts, loadedAt: new Date().toISOString(), ...(unlisted.length ? { unlisted } : {}) };
}
