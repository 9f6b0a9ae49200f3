/**
 * The connected account's own SCPs: a member account (the IAM delegated administrator) has its principals'
 * requests, `sts:AssumeRoot` included, filtered by the SCPs on its path (root, each OU, the account); the
 * management account is exempt. The path comes from `ListParents` (one call per level), the policies from
 * the preflight's reader, and the levels from the preflight's path builder: one reading of SCPs in the product.
 */
import { DescribeOrganizationCommand, ListParentsCommand, ListRootsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { awsErrorCode, isAbortError, tagged } from '../aws/errors';
import { collectPages, ORGANIZATIONS_PAGE_SIZE } from '../org/paging';
import type { Policy, ResourceOwner } from '../policy';
import { OrgPaths } from '../preflight/paths';
import { readOrgPolicies } from '../preflight/readPolicies';
import type { ReadGap, ScpCheck } from './model';

/** What the holders analysis needs: the check as reported, and for an applied one the documents per level. */
export interface OwnScps {
  check: ScpCheck;
  /** Readable SCPs per level of the account's path, root first (status `applied` only). */
  levels?: Policy[][];
  /** Keys every request from the account carries, for SCP conditions on them. */
  context?: Record<string, string | string[]>;
  /**
   * The account's organization, and its path there where read (the management account's is the root's):
   * its principals' `aws:PrincipalOrgPaths`, its roles' `aws:ResourceOrgID`.
   */
  owner?: ResourceOwner;
  /** The organization's management account, which no root session targets. */
  managementAccount?: string;
  gaps: ReadGap[];
}

type Organizations = Pick<OrganizationsClient, 'send'>;

/** Parents from the account up to the root: `[r-…, ou-…, …]`, root first. */
async function pathOf(organizations: Organizations, accountId: string, signal?: AbortSignal): Promise<string[]> {
  const chain: string[] = [];
  let child = accountId;
  // An organization nests OUs five deep at most; the bound keeps a malformed answer from looping.
  for (let depth = 0; depth < 8; depth++) {
    const parents = await collectPages(async (token) => {
      const page = await tagged('organizations:ListParents', organizations.send(new ListParentsCommand({ ChildId: child, NextToken: token, MaxResults: ORGANIZATIONS_PAGE_SIZE }), { abortSignal: signal }));
      return { items: page.Parents ?? [], next: page.NextToken };
    });
    const parent = parents[0];
    if (!parent?.Id) break;
    chain.unshift(parent.Id);
    if (parent.Type === 'ROOT') return chain;
    child = parent.Id;
  }
  throw new Error(`the path of account ${accountId} does not reach the organization's root`);
}

/**
 * The management account's path, `o-…/r-…/`: it sits at the organization's root. Undefined when the root
 * cannot be listed; a grant conditioned on the path then depends on it, as before it was read.
 */
async function managementPath(organizations: Organizations, organizationId: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const roots = await tagged('organizations:ListRoots', organizations.send(new ListRootsCommand({}), { abortSignal: signal }));
    const rootId = roots.Roots?.[0]?.Id;
    return rootId ? `${organizationId}/${rootId}/` : undefined;
  } catch (err) {
    if (isAbortError(err)) throw err;
    return undefined;
  }
}

/**
 * Reads the SCPs that limit the principals of `accountId`. Never throws for a refusal: what could not be
 * read is a gap and a `notRead` check, so nobody mistakes an unchecked account for one without SCPs.
 */
export async function readOwnScps(organizations: Organizations, accountId: string, signal?: AbortSignal): Promise<OwnScps> {
  try {
    const organization = (await tagged('organizations:DescribeOrganization', organizations.send(new DescribeOrganizationCommand({}), { abortSignal: signal }))).Organization;
    const organizationId = organization?.Id;
    const managementAccount = organization?.MasterAccountId;
    if (managementAccount === accountId) {
      const orgPath = organizationId ? await managementPath(organizations, organizationId, signal) : undefined;
      return { check: { status: 'managementAccount' }, owner: { organization: organizationId, ...(orgPath ? { orgPath } : {}) }, managementAccount, gaps: [] };
    }
    const parents = await pathOf(organizations, accountId, signal);
    const policies = await readOrgPolicies(organizations, { signal });
    const owner = { organization: organizationId, orgPath: organizationId ? `${organizationId}/${parents.join('/')}/` : undefined };
    if (policies.types.SERVICE_CONTROL_POLICY !== 'ENABLED') return { check: { status: 'notEnabled' }, owner, managementAccount, gaps: [] };
    const units = parents.slice(1).map((id, i) => ({ id, arn: '', name: id, parentId: parents[i] }));
    const snapshot = { organization: { id: organization?.Id ?? '', arn: '', featureSet: 'ALL', managementAccountId: organization?.MasterAccountId ?? '' }, root: { id: parents[0], arn: '', name: 'Root' }, units, accounts: [] };
    const path = new OrgPaths(snapshot, policies).of(accountId, parents[parents.length - 1])!;
    const targets = path.targets;
    const onPath = policies.policies.filter((p) => p.kind === 'SERVICE_CONTROL_POLICY' && p.targets.some((t) => targets.includes(t.id)));
    const gaps: ReadGap[] = path.unreadable
      .filter((p) => p.kind === 'SERVICE_CONTROL_POLICY')
      .map((p) => ({ part: `SCP ${p.name} (${p.id}) on the path of ${accountId}`, code: 'UnreadablePolicy', message: `${p.readError ?? 'unreadable'}: its statements are not applied to the holders` }));
    return {
      check: {
        status: 'applied',
        targets,
        policies: onPath.map((p) => ({ id: p.id, name: p.name, targets: p.targets.filter((t) => targets.includes(t.id)).map((t) => t.id) })),
      },
      levels: path.levels.SERVICE_CONTROL_POLICY ?? [],
      context: { 'aws:PrincipalAccount': accountId, 'aws:PrincipalOrgID': organizationId ?? '', 'aws:PrincipalOrgPaths': [path.orgPath] },
      owner,
      managementAccount,
      gaps,
    };
  } catch (err) {
    if (isAbortError(err)) throw err;
    const code = awsErrorCode(err);
    const message = `${(err as Error).message} The SCPs of ${accountId} (a member account) may limit its principals further; they were not applied.`;
    return { check: { status: 'notRead', code, message }, gaps: [{ part: `SCPs of account ${accountId}`, code, message }] };
  }
}
