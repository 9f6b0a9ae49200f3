/**
 * Which member accounts an `sts:AssumeRoot` grant reaches. AssumeRoot's resource is the target account's
 * root user, `arn:${Partition}:iam::${Account}:root` (resource type `root-user`), so `Resource` decides the
 * accounts: `*` or `arn:aws:iam::*:root` reaches every member account, `arn:aws:iam::111122223333:root`
 * one, and an account wildcard such as `arn:aws:iam::1111*:root` an open-ended set.
 */
import { stringLike } from '../match';
import type { Statement } from '../model';
import { listNames } from './describe';
import { PARTITIONS } from './taskPolicies';

export interface RootUserScope {
  /** Every member account (`*`, `arn:aws:iam::*:root`, or a `NotResource` that leaves root users in). */
  everyAccount: boolean;
  /** Accounts named literally. */
  accounts: string[];
  /** Resource values with a wildcard in the account segment, e.g. `arn:aws:iam::1111*:root`. */
  accountPatterns: string[];
  /** What a `NotResource` carves out of `everyAccount`. */
  except: string[];
  /** The partition the resource names, when it names one (for fixes); `aws` otherwise. */
  partition: string;
}

/** How one resource value relates to root users. */
type Reach = { kind: 'none' } | { kind: 'every' } | { kind: 'account'; account: string } | { kind: 'pattern' };

/** Regular expressions are module constants: a literal inside a function builds a new RegExp on every call. */
const ONLY_STARS = /^\*+$/;
const WILDCARD = /[*?]/;

/** A root user that no literal resource names: a `*` that reaches it reaches every account. */
const SOME_ROOT_USER = 'arn:aws:iam::123456789012:root';

function reachOf(value: string): Reach {
  const segments = value.split(':');
  if (segments.length < 6) return stringLike(value, SOME_ROOT_USER) ? { kind: 'every' } : { kind: 'none' };
  const [arn, partition, service, region, account] = segments;
  const resource = segments.slice(5).join(':');
  const shaped =
    stringLike(arn, 'arn') &&
    PARTITIONS.some((p) => stringLike(partition, p)) &&
    stringLike(service, 'iam') &&
    stringLike(region, '') &&
    stringLike(resource, 'root');
  if (!shaped) return { kind: 'none' };
  if (ONLY_STARS.test(account)) return { kind: 'every' };
  return WILDCARD.test(account) ? { kind: 'pattern' } : { kind: 'account', account };
}

/** The member accounts whose root user the statement's `Resource`/`NotResource` reaches. */
export function rootUserScope(statement: Statement): RootUserScope {
  const element = statement.resource;
  const values = element?.values.map((v) => v.value) ?? [];
  const scope: RootUserScope = { everyAccount: false, accounts: [], accountPatterns: [], except: [], partition: partitionOf(values) };
  if (!element) return scope;
  if (element.negated) {
    const reaches = values.map(reachOf);
    scope.everyAccount = !reaches.some((r) => r.kind === 'every');
    if (scope.everyAccount) scope.except = values.filter((_, i) => reaches[i].kind !== 'none');
    return scope;
  }
  for (const value of values) {
    const reach = reachOf(value);
    if (reach.kind === 'every') scope.everyAccount = true;
    if (reach.kind === 'account') scope.accounts.push(reach.account);
    if (reach.kind === 'pattern') scope.accountPatterns.push(value);
  }
  return scope;
}

/** True when the statement reaches at least one root user. */
export function reachesAnyRootUser(scope: RootUserScope): boolean {
  return scope.everyAccount || scope.accounts.length > 0 || scope.accountPatterns.length > 0;
}

/** True for `Resource` `*`, `arn:aws:iam::*:root` or an account wildcard: no list of accounts bounds it. */
export function reachesUnboundedAccounts(scope: RootUserScope): boolean {
  return scope.everyAccount || scope.accountPatterns.length > 0;
}

/** "every member account", "account 111122223333", "accounts matching arn:aws:iam::1111*:root". */
export function describeRootUserScope(scope: RootUserScope): string {
  if (scope.everyAccount) return scope.except.length ? `every member account except ${listNames(scope.except)}` : 'every member account';
  const parts: string[] = [];
  if (scope.accounts.length) parts.push(`${scope.accounts.length === 1 ? 'account' : 'accounts'} ${listNames(scope.accounts)}`);
  if (scope.accountPatterns.length) parts.push(`every account matching ${listNames(scope.accountPatterns)}`);
  return parts.join(' and ');
}

function partitionOf(values: readonly string[]): string {
  for (const value of values) {
    const partition = value.split(':')[1];
    if (PARTITIONS.some((p) => p === partition)) return partition;
  }
  return 'aws';
}
