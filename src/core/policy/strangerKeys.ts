/**
 * What a stranger's requests hold, key by key, beside who it is (strangerIdentities.ts) and what any caller
 * sets (`isSetByCaller`):
 *
 * - its principal's tags, which it sets to anything: it tags its own users and roles (`aws:PrincipalTag/team`);
 * - what it calls from and through, which it leaves out or fills with its own, never with the values a
 *   policy names (those are the owner's): the network (`aws:SourceIp`, `aws:SourceVpc`, `aws:SourceVpce`,
 *   `aws:VpcSourceIp`), the resource a service acts for (`aws:SourceArn`, `aws:SourceAccount`,
 *   `aws:SourceOrgID`, `aws:SourceOrgPaths`), the external id it passes (`sts:ExternalId`). A direct call has
 *   none of them, so a negated or `...IfExists` condition on one lets it in; a pattern that covers its own
 *   values (`vpce-*`, `arn:aws:sns:*:*:*`, `0.0.0.0/0`) does too;
 * - the owner's: the resource's account and organization, which a policy written for its own account names
 *   (`aws:ResourceAccount`, `aws:ResourceOrgID`): see `ownerValue`.
 */
import type { Valuation } from './candidates';
import { conditionHolds } from './conditions';
import type { ConditionEntry, PolicyStatement } from './model';
import { parseConditionOperator } from './operators';
import { ipContains, isIpBlock } from './scalars';
import { exampleOf } from './wildcards';

const PRINCIPAL_TAG = /^aws:principaltag\//i;

/** A key the stranger sets to any value, the values the policy names included: its own principal's tags. */
export function strangerTags(key: string): boolean {
  return PRINCIPAL_TAG.test(key);
}

/** Addresses across the IPv4 and IPv6 spaces for the stranger to call from: it takes one no range the policy names holds. */
const PUBLIC_V4 = ['198.51.100.7', '203.0.113.7', '45.33.32.7', '151.101.1.7', '100.20.30.7', '13.107.42.7', '5.62.60.7'];
const PUBLIC_V6 = ['2001:db8:7::7', '2a00:1450::7', '2600:1f18::7'];
const PRIVATE_V4 = ['10.99.0.7', '172.31.99.7', '192.168.99.7'];
const PRIVATE_V6 = ['fd00:7::7'];

/** Keys the stranger leaves out or fills with its own values: values of its own, by its account and the policy's ranges. */
const OWN_VALUES: Record<string, (account: string, ranges: readonly string[]) => string[]> = {
  'aws:sourceip': (_, ranges) => [outside(PUBLIC_V4, ranges), outside(PUBLIC_V6, ranges)],
  'aws:vpcsourceip': (_, ranges) => [outside(PRIVATE_V4, ranges), outside(PRIVATE_V6, ranges)],
  'aws:sourcevpc': () => ['vpc-0stranger'],
  'aws:sourcevpce': () => ['vpce-0stranger'],
  'aws:sourcearn': (account) => [`arn:aws:sns:us-east-1:${account}:stranger`],
  'aws:sourceaccount': (account) => [account],
  'aws:sourceorgid': () => ['o-strangerorg1'],
  'aws:sourceorgpaths': () => ['o-strangerorg1/r-str1/ou-str1-strangers/'],
  'sts:externalid': () => ['stranger-external-id'],
};

/** The address in the fewest of the ranges (the first when several are in none): `0.0.0.0/0` holds them all. */
function outside(addresses: readonly string[], ranges: readonly string[]): string {
  const held = (address: string) => ranges.filter((range) => ipContains(range, address)).length;
  return addresses.reduce((best, address) => (held(address) < held(best) ? address : best));
}

/** A key the stranger leaves out or fills with a value of its own. */
export function strangerOwnKey(key: string): boolean {
  return key.toLowerCase() in OWN_VALUES;
}

/** Combinations of the stranger's own values beyond which the rest are not tried (each costs a question). */
const MAX_OWN_VALUATIONS = 64;

/**
 * The values of the stranger's own keys worth trying, as valuations to add to its requests: each key absent,
 * its own value, or an example of each pattern the statements give it that names no account of theirs
 * (`vpce-*` is any endpoint, the stranger's too; `arn:aws:sns:*:111122223333:*` is the owner's topics). Of the
 * values of one key, those its conditions answer alike are one: the combinations stay few whatever the order
 * the conditions are written in.
 */
export function ownValuations(statements: readonly PolicyStatement[], account: string): Valuation[] {
  const entriesByKey = new Map<string, ConditionEntry[]>();
  for (const entry of statements.flatMap((statement) => statement.conditions)) {
    const key = entry.key.toLowerCase();
    if (OWN_VALUES[key]) entriesByKey.set(key, [...(entriesByKey.get(key) ?? []), entry]);
  }
  let list: Valuation[] = [{}];
  for (const key of [...entriesByKey.keys()].sort()) {
    const entries = entriesByKey.get(key)!;
    const values = distinctValues(key, entries, candidatesOf(key, entries, account));
    list = list.flatMap((valuation) => values.map((value) => (value === undefined ? valuation : { ...valuation, [key]: value }))).slice(0, MAX_OWN_VALUATIONS);
  }
  return list;
}

/** Absent, the stranger's own value, and an example of each pattern (under a Like or Arn operator) naming no account. */
function candidatesOf(key: string, entries: readonly ConditionEntry[], account: string): (string | undefined)[] {
  const ranges = entries.flatMap((entry) => entry.values.filter(isIpBlock));
  const candidates: (string | undefined)[] = [undefined, ...OWN_VALUES[key](account, ranges)];
  for (const entry of entries) {
    const operator = parseConditionOperator(entry.operator);
    if (!operator || !(operator.like || operator.family === 'Arn')) continue;
    for (const value of entry.values) if (/[*?]/.test(value) && !/\d{12}/.test(value) && !value.includes('${')) candidates.push(exampleOf(value));
  }
  return candidates;
}

/** One value per way the key's conditions answer (absent first). */
function distinctValues(key: string, entries: readonly ConditionEntry[], candidates: readonly (string | undefined)[]): (string | undefined)[] {
  const seen = new Set<string>();
  return candidates.filter((value) => {
    const answers = JSON.stringify(entries.map((entry) => conditionHolds(entry, value === undefined ? {} : { [key]: value })));
    if (seen.has(answers)) return false;
    seen.add(answers);
    return true;
  });
}

/**
 * The owner's value of `aws:ResourceAccount`, `aws:ResourceOrgID` or `aws:ResourceOrgPaths` where the resource's
 * ARN does not say it (a role's trust policy, a bucket): the first the statements name (a pattern's example),
 * since a policy is written for its own account and organization; undefined when they name none.
 */
export function ownerValue(statements: readonly PolicyStatement[], key: string): string | undefined {
  for (const entry of statements.flatMap((statement) => statement.conditions)) {
    const operator = parseConditionOperator(entry.operator);
    if (entry.key.toLowerCase() !== key || !operator || operator.negated) continue;
    const value = entry.values.find((v) => !v.includes('${'));
    if (value !== undefined) return /[*?]/.test(value) ? exampleOf(value) : value;
  }
  return undefined;
}
