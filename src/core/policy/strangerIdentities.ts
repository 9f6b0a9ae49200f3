/**
 * Who a stranger can be in its own account. Whoever controls an account makes users and roles of any name and
 * path there, and calls as its root user too: so a condition that names principals by name or kind but not
 * by account (`ArnLike aws:PrincipalArn arn:aws:iam::*:role/Admin`, `aws:username deploy`,
 * `aws:PrincipalType AssumedRole`, `aws:userid AROA*`) keeps no one out. Beside a user named `stranger`, the
 * stranger calls as a role session and as its root user, and as each user and role such a condition names,
 * and with each session name an `aws:userid` pattern names (`*:alice`: the caller names its session).
 */
import type { ConditionEntry, Policy } from './model';
import { variableKeys } from './candidates';
import { exampleOf, globMatches } from './wildcards';

/** One principal of the stranger's account: the request's principal ARN and the keys that identify it. */
export interface StrangerIdentity {
  principal: string;
  keys: Record<string, string>;
}

/** The keys that tell the stranger's principals apart, lower-cased. */
const IDENTITY_KEYS = ['aws:principalarn', 'aws:principaltype', 'aws:userid', 'aws:username'];

/** Principals named by a condition, beyond which the rest are not tried (each costs a question per valuation). */
const MAX_NAMED = 8;

/**
 * The stranger's principals in `account` worth asking about: only the user, unless the policy reads a key
 * that tells principals apart (then each kind, and each user and role its conditions name in any account).
 */
export function strangerIdentities(policy: Policy, account: string): StrangerIdentity[] {
  const user = userIdentity('aws', account, 'stranger');
  if (!readsIdentity(policy)) return [user];
  const named = namedPrincipals(policy, account).slice(0, MAX_NAMED);
  const all = [user, roleSession('aws', account, 'stranger'), rootUser('aws', account), ...named];
  return [...new Map(all.map((identity) => [identity.keys['aws:PrincipalArn'], identity])).values()];
}

function readsIdentity(policy: Policy): boolean {
  if (policy.statements.some((s) => s.principal?.negated || s.conditions.some((entry) => IDENTITY_KEYS.includes(entry.key.toLowerCase())))) return true;
  const variables = variableKeys(policy.statements);
  return IDENTITY_KEYS.some((key) => variables.has(key));
}

/** The users and roles the policy's conditions name by ARN or user name, as principals of `account`. */
function namedPrincipals(policy: Policy, account: string): StrangerIdentity[] {
  const entries: ConditionEntry[] = policy.statements.flatMap((statement) => statement.conditions);
  const identities: StrangerIdentity[] = [];
  for (const entry of entries) {
    const key = entry.key.toLowerCase();
    for (const value of entry.values) {
      if (value.includes('${')) continue;
      if (key === 'aws:username') identities.push(userIdentity('aws', account, exampleOf(value)));
      // `AROA…:alice`: a role session's id ends in the session name, which its caller picks.
      const colon = value.indexOf(':');
      if (key === 'aws:userid' && colon > 0 && globMatches(value.slice(0, colon), ROLE_ID, false)) {
        identities.push(roleSession('aws', account, 'stranger', exampleOf(value.slice(colon + 1))));
      }
      if (key === 'aws:principalarn') {
        const identity = identityOfArn(value, account);
        if (identity) identities.push(identity);
      }
    }
  }
  return identities;
}

/**
 * The stranger's principal an ARN pattern names, when its account part may be the stranger's account
 * (`*`, not another account's id): `arn:aws:iam::*:role/Admin` is a session of role Admin there.
 */
function identityOfArn(pattern: string, account: string): StrangerIdentity | undefined {
  const match = /^arn:([^:]*):iam::([^:]*):(user|role|root)(?:\/(.*))?$/.exec(pattern);
  if (!match || !globMatches(match[2], account, false)) return undefined;
  const partition = match[1] === '' || /[*?]/.test(match[1]) ? 'aws' : match[1];
  const path = exampleOf(match[4] ?? '');
  if (match[3] === 'root') return path === '' ? rootUser(partition, account) : undefined;
  if (path === '') return undefined;
  return match[3] === 'user' ? userIdentity(partition, account, path) : roleSession(partition, account, path);
}

/** A user, `path/name` as its ARN writes it after `user/`. */
function userIdentity(partition: string, account: string, path: string): StrangerIdentity {
  const arn = `arn:${partition}:iam::${account}:user/${path}`;
  return { principal: arn, keys: { 'aws:PrincipalArn': arn, 'aws:PrincipalType': 'User', 'aws:userid': 'AIDASTRANGER', 'aws:username': lastSegment(path) } };
}

/** The unique id of the stranger's roles (IAM gives role ids the prefix AROA). */
const ROLE_ID = 'AROASTRANGER';

/** A session of a role: its principal is the session's ARN, aws:PrincipalArn the role's. */
function roleSession(partition: string, account: string, path: string, session = 'stranger'): StrangerIdentity {
  const role = `arn:${partition}:iam::${account}:role/${path}`;
  return {
    principal: `arn:${partition}:sts::${account}:assumed-role/${lastSegment(path)}/${session}`,
    keys: { 'aws:PrincipalArn': role, 'aws:PrincipalType': 'AssumedRole', 'aws:userid': `${ROLE_ID}:${session}` },
  };
}

/** The account's root user: aws:userid is the account id, and there is no user name. */
function rootUser(partition: string, account: string): StrangerIdentity {
  const arn = `arn:${partition}:iam::${account}:root`;
  return { principal: arn, keys: { 'aws:PrincipalArn': arn, 'aws:PrincipalType': 'Account', 'aws:userid': account } };
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
