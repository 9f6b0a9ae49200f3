/**
 * Who can open root sessions from the connected account (the management account or the IAM delegated
 * administrator): its IAM users and roles and the IAM Identity Center permission sets provisioned to it,
 * read with the caller's credentials and evaluated with the policy engine. Identity Center and the
 * organization's account list are optional: what cannot be read is reported as a gap, never guessed.
 */
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients';
import { answered, awsErrorCode, isAbortError, tagged } from '../aws/errors';
import { collectPages, ORGANIZATIONS_PAGE_SIZE } from '../org/paging';
import { analyzeHolders } from './analyze';
import type { HolderSources, HoldersReport, PrincipalSource, ReadGap } from './model';
import { readRootSessionsState } from '../org/rootSessions';
import { readOwnScps } from './ownScps';
import { ManagedPolicies, readIamPrincipals } from './readIam';
import { readPermissionSets } from './readIdentityCenter';

export type * from './model';
export { analyzeHolders, conditionKind, unconditionalRecoveryGrant, unconditionalRecoveryHolders } from './analyze';

const RESERVED_SSO_PATH = '/aws-reserved/sso.amazonaws.com/';

export async function readHolderSources(clients: AwsClients, options: { signal?: AbortSignal } = {}): Promise<HolderSources> {
  const { signal } = options;
  const identity = await tagged('sts:GetCallerIdentity', clients.sts().send(new GetCallerIdentityCommand({}), { abortSignal: signal }));
  const accountId = answered(identity.Account, 'sts:GetCallerIdentity', 'an account');
  const managed = new ManagedPolicies(clients.iam(), signal);
  const iamPrincipals = await readIamPrincipals(clients.iam(), managed, signal);
  const gaps: ReadGap[] = [];
  let permissionSets: PrincipalSource[] = [];
  let identityCenterRead = false;
  try {
    permissionSets = await readPermissionSets({ sso: clients.ssoAdmin(), managed, accountId, partition: clients.partition, signal });
    identityCenterRead = true;
  } catch (err) {
    if (isAbortError(err)) throw err;
    gaps.push({ part: 'IAM Identity Center permission sets', code: awsErrorCode(err), message: (err as Error).message });
  }
  const principals = [...iamPrincipals.filter((p) => !(identityCenterRead && coveredBySet(p, permissionSets))), ...permissionSets];
  const ownScps = await readOwnScps(clients.organizations(), accountId, signal);
  gaps.push(...ownScps.gaps);
  const rootSessions = await readRootSessionsState(clients, signal);
  return { accountId, principals, organizationAccounts: await organizationAccounts(clients, signal), ownScps, gaps, partition: clients.partition, rootSessions };
}

/**
 * The role Identity Center provisions for a permission set (`AWSReservedSSO_<name>_<hex>`) is shown as the
 * permission set, with its assignments; it is kept as a role only when Identity Center could not be read.
 */
function coveredBySet(principal: PrincipalSource, sets: readonly PrincipalSource[]): boolean {
  if (principal.kind !== 'role' || !principal.arn.includes(`:role${RESERVED_SSO_PATH}`)) return false;
  // The name ends in 16 hexadecimal digits after the set's name, which may itself hold `_`: a prefix match
  // would take `AWSReservedSSO_Admin_Legacy_<hex>` for permission set Admin's and hide it.
  const setName = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(principal.name)?.[1];
  return setName !== undefined && sets.some((set) => set.name === setName);
}

/** The organization's account ids, to tell trust from outside it; undefined when the caller may not list them. */
async function organizationAccounts(clients: AwsClients, signal?: AbortSignal): Promise<string[] | undefined> {
  try {
    const accounts = await collectPages(async (token) => {
      const page = await tagged('organizations:ListAccounts', clients.organizations().send(new ListAccountsCommand({ NextToken: token, MaxResults: ORGANIZATIONS_PAGE_SIZE }), { abortSignal: signal }));
      return { items: page.Accounts ?? [], next: page.NextToken };
    });
    return accounts.map((a) => a.Id!);
  } catch (err) {
    if (isAbortError(err)) throw err;
    return undefined;
  }
}

/** Reads the connected account's principals and evaluates them: the holders, riskiest first. */
export async function findRootHolders(clients: AwsClients, options: { signal?: AbortSignal } = {}): Promise<HoldersReport> {
  return analyzeHolders(await readHolderSources(clients, options));
}
