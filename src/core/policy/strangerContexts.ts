/**
 * Who asks a resource policy (strangers.ts) for access, and the keys of their requests: the stranger, a
 * principal of an account the policy does not name, in an organization it does not name (or in none); and,
 * where the owner tells its organization and the organization's accounts, the outsiders, principals the
 * policy names that are not the owner's: of another organization it names, or of an account it names
 * outside the owner's organization. Each request also holds the owner's keys (aws:ResourceAccount, ...,
 * lambda:FunctionUrlAuthType where its action carries it).
 */
import { mayCarryKey } from './absentKeys';
import { accountPart, namedAccounts, variableKeys } from './candidates';
import type { Policy } from './model';
import { accountOf } from './statement';
import { type StrangerIdentity, strangerIdentities } from './strangerIdentities';
import { ownerValue } from './strangerKeys';
import { exampleOf, globMatches, hasWildcard } from './wildcards';

/**
 * What the caller knows of the resource's owner beyond its ARN: the organization it is in and its path there
 * (the holders view reads them for its roles), and the organization's accounts where listed. Where unknown,
 * the policy's own conditions stand for them, and no principal it names is taken for an outsider.
 */
export interface ResourceOwner {
  organization?: string;
  orgPath?: string;
  accounts?: readonly string[];
}

/** Accounts for the stranger and the resource's owner: the first ones the policy's text does not name. */
const SPARE_ACCOUNTS = ['999988887777', '888877776666', '777766665555', '666655554444', '514259073861', '187364920551', '305918274631'];

/** Organization ids for the stranger's: the first the policy's text does not name. */
const SPARE_ORGANIZATIONS = ['o-strangerorg1', 'o-strangerorg2'];

/** The keys the contexts give, lower-cased (the organization's only to a principal in one). */
const CONTEXT_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:userid',
  'aws:username',
  'aws:principalisawsservice',
  'aws:viaawsservice',
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'lambda:functionurlauthtype',
]);

/** Whether the strangers' requests say what the key holds (or that it is absent): who they are, where, whose resource. */
export function strangerContextKey(key: string): boolean {
  return CONTEXT_KEYS.has(key.toLowerCase());
}

/**
 * The spare accounts and the organization the policy's text does not name; found once per question (a hostile
 * policy is megabytes long, asked thousands of times).
 */
export interface SpareNames {
  accounts: string[];
  organization: string;
  /** The stranger's principals in the first of `accounts`. */
  identities: StrangerIdentity[];
}

export function spareNames(policy: Policy): SpareNames {
  // Not named literally, nor by a pattern (`arn:aws:iam::9999*:role/Admin` names no stranger's account).
  const patterns = namedAccounts(policy.statements).accounts.flatMap((n) => (n.pattern ? [accountPart(n.pattern) ?? ''] : []));
  const unnamed = SPARE_ACCOUNTS.filter((account) => !policy.text.includes(account));
  const unmatched = unnamed.filter((account) => !patterns.some((p) => globMatches(p, account, false)));
  const accounts = unmatched.length >= 2 ? unmatched : unnamed;
  return { accounts, organization: SPARE_ORGANIZATIONS.find((id) => !policy.text.includes(id))!, identities: strangerIdentities(policy, accounts[0]) };
}

/** The keys on which the strangers differ, lower-cased. */
const ORGANIZATION_KEYS = ['aws:principalorgid', 'aws:principalorgpaths'];

/** One principal's requests: who it is and their keys. */
export interface StrangerContext {
  principal: string;
  context: Record<string, string | string[]>;
}

/** An organization a principal is in: its id and the principal's account's path there. */
interface Organization {
  id: string;
  path: string;
}

/** Whether a statement of the policy reads the caller's organization: only then do the strangers' answers differ. */
function readsOrganization(policy: Policy): boolean {
  if (policy.statements.some((s) => s.conditions.some((entry) => ORGANIZATION_KEYS.includes(entry.key.toLowerCase())))) return true;
  const variables = variableKeys(policy.statements);
  return ORGANIZATION_KEYS.some((key) => variables.has(key));
}

/**
 * The strangers: each principal of an account the policy does not name, in an organization it does not name,
 * and the same with its account in no organization (no `aws:PrincipalOrgID` in its requests), asked about
 * only where a statement reads the organization. A condition on the caller's organization keeps both out
 * only when it names the organizations let in: `StringNotEquals` lets in the first, `StringEqualsIfExists`
 * the second.
 */
export function strangerContexts(spare: SpareNames, action: string, resource: string, policy: Policy, read: ResourceOwner = {}): StrangerContext[] {
  const organizations = [strangerOrganization(spare.organization), ...(readsOrganization(policy) ? [undefined] : [])];
  const resourceKeys = ownerKeys(spare, action, resource, policy, read);
  return organizations.flatMap((organization) => contextsOf(spare.identities, spare.accounts[0], organization, resourceKeys));
}

/** Outsiders past these are not asked about: each costs a question per valuation. */
const MAX_OUTSIDE_ACCOUNTS = 8;
const MAX_OUTSIDE_ORGANIZATIONS = 4;

/**
 * The outsiders, by account: the principals of each account the policy names outside the owner's organization
 * (its accounts listed) and of the stranger's account, each in each organization the policy names other than
 * the owner's (its organization known), in the stranger's and, where a statement reads the organization, in
 * none; the stranger itself (its account in its organization or none) left to strangerContexts. A principal
 * of an account outside the organization may be in any other organization, one the policy names included.
 */
export function outsiderContexts(spare: SpareNames, action: string, resource: string, policy: Policy, read: ResourceOwner): { account: string; contexts: StrangerContext[] }[] {
  const named = read.organization === undefined ? [] : namedOrganizations(policy, read.organization);
  const accounts = read.accounts === undefined ? [] : namedOutsideAccounts(policy, new Set(read.accounts));
  if (named.length === 0 && accounts.length === 0) return [];
  const stranger = spare.accounts[0];
  const theirs = [strangerOrganization(spare.organization), ...(readsOrganization(policy) ? [undefined] : [])];
  const resourceKeys = ownerKeys(spare, action, resource, policy, read);
  return [stranger, ...accounts].map((account) => {
    const identities = account === stranger ? spare.identities : strangerIdentities(policy, account);
    // The stranger's account in an organization no one named is strangerContexts' question.
    const organizations = account === stranger ? named : [...named, ...theirs];
    return { account, contexts: organizations.flatMap((organization) => contextsOf(identities, account, organization, resourceKeys)) };
  });
}

function strangerOrganization(id: string): Organization {
  return { id, path: `${id}/r-str1/ou-str1-strangers/` };
}

/** The requests of `identities` in `account`, in `organization` or none. */
function contextsOf(identities: readonly StrangerIdentity[], account: string, organization: Organization | undefined, resourceKeys: Record<string, string | string[]>): StrangerContext[] {
  const where: Record<string, string | string[]> = organization ? { 'aws:PrincipalOrgID': organization.id, 'aws:PrincipalOrgPaths': [organization.path] } : {};
  return identities.map(({ principal, keys }) => ({
    principal,
    context: { ...keys, 'aws:PrincipalAccount': account, 'aws:PrincipalIsAWSService': 'false', 'aws:ViaAWSService': 'false', ...resourceKeys, ...where },
  }));
}

/**
 * The owner as the ARN or the caller names it (a queue, a key; a role whose organization was read), else as
 * the policy, written for its own account, names it (a trust policy, a bucket); else one more account no one
 * named, in an organization no one named.
 */
function ownerKeys(spare: SpareNames, action: string, resource: string, policy: Policy, read: ResourceOwner): Record<string, string | string[]> {
  const owner = accountOf(resource) ?? ownerValue(policy.statements, 'aws:resourceaccount') ?? spare.accounts[1];
  const organization = read.organization ?? ownerValue(policy.statements, 'aws:resourceorgid') ?? 'o-ownerorg1';
  const path = read.orgPath ?? ownerValue(policy.statements, 'aws:resourceorgpaths') ?? `${organization}/r-own1/`;
  // A function URL's auth type is the owner's setting, not the caller's: the one a policy written for the
  // function names (`NONE` where it opens the URL to the internet), absent where it names none, and from the
  // requests of actions that do not carry it (lambda:InvokeFunction: a condition on it lets none of them in).
  const urlAuthType = mayCarryKey(action, 'lambda:FunctionUrlAuthType') ? ownerValue(policy.statements, 'lambda:functionurlauthtype') : undefined;
  return { 'aws:ResourceAccount': owner, 'aws:ResourceOrgID': organization, 'aws:ResourceOrgPaths': [path], ...(urlAuthType === undefined ? {} : { 'lambda:FunctionUrlAuthType': urlAuthType }) };
}

/**
 * The organizations the conditions on the caller's organization name other than the owner's: an id, or an id
 * pattern the owner's does not match (its example); the organization a path names, with that path.
 */
function namedOrganizations(policy: Policy, owner: string): Organization[] {
  const found = new Map<string, Organization>();
  for (const entry of policy.statements.flatMap((statement) => statement.conditions)) {
    const key = entry.key.toLowerCase();
    for (const value of entry.values) {
      if (value.includes('${')) continue;
      if (key === 'aws:principalorgid' && !globMatches(value, owner, false)) {
        const organization = strangerOrganization(exampleOf(value));
        found.set(organization.id, organization);
      }
      const id = value.split('/')[0];
      if (key === 'aws:principalorgpaths' && !hasWildcard(id) && id !== owner) found.set(`${id}\u0000${value}`, { id, path: exampleOf(value) });
    }
  }
  return [...found.values()].slice(0, MAX_OUTSIDE_ORGANIZATIONS);
}

/** The accounts the policy names that are not among `members`: a literal one, or one its pattern matches. */
function namedOutsideAccounts(policy: Policy, members: ReadonlySet<string>): string[] {
  const outside = namedAccounts(policy.statements).accounts.flatMap(({ account, pattern }) => {
    if (!pattern) return members.has(account) ? [] : [account];
    const glob = accountPart(pattern);
    return glob === undefined ? [] : unlistedMatch(glob, members);
  });
  return [...new Set(outside)].slice(0, MAX_OUTSIDE_ACCOUNTS);
}

/** An account the glob matches that is not a member (`9999000000??` beyond the ten members): filled with 0s, or 9s. */
function unlistedMatch(glob: string, members: ReadonlySet<string>): string[] {
  const fixed = glob.replace(/\*/g, '').length;
  for (const digit of ['0', '9']) {
    if (fixed > 12) break;
    // The first `*` takes the digits the account lacks, the others none.
    const account = glob.replace(/\?/g, digit).replace('*', digit.repeat(12 - fixed)).replace(/\*/g, '');
    if (/^\d{12}$/.test(account) && globMatches(glob, account, false) && !members.has(account)) return [account];
  }
  return [];
}
