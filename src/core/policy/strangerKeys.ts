/**
 * What a stranger's requests hold, key by key, beside who it is (strangerIdentities.ts) and what any caller
 * sets (`isSetByCaller`):
 *
 * - what it sets to anything: its principal's tags (it tags its own users and roles), the session name and
 *   source identity it passes to AssumeRole;
 * - what it calls from and through, which it leaves out or fills with its own, never with the values a
 *   policy names (those are the owner's): the network (`aws:SourceIp`, `aws:SourceVpc`, `aws:SourceVpce`,
 *   `aws:VpcSourceIp`), the resource a service acts for (`aws:SourceArn`, `aws:SourceAccount`,
 *   `aws:SourceOrgID`, `aws:SourceOrgPaths`), the external id it passes (`sts:ExternalId`), each as one way a
 *   request can hold them (a direct call has a public address and no endpoint); a negated or `...IfExists`
 *   condition on what a request leaves out lets it in, and so does a pattern that covers its own values
 *   (`vpce-*`, `arn:aws:sns:*:*:*`, `0.0.0.0/0`);
 * - the owner's: the resource's account and organization, which a policy written for its own account names
 *   (`aws:ResourceAccount`, `aws:ResourceOrgID`): see `ownerValue`.
 */
import type { Valuation } from './candidates';
import { conditionHolds } from './conditions';
import type { ConditionEntry, PolicyStatement } from './model';
import { parseConditionOperator } from './operators';
import { ipContains, isIpBlock } from './scalars';
import { exampleOf } from './wildcards';

/** Its own principal's tags, and what it names in AssumeRole: a session name, a source identity it may set. */
const STRANGER_SETS = /^(aws:principaltag\/.*|sts:rolesessionname|sts:sourceidentity|aws:sourceidentity)$/i;

/** A key the stranger sets to any value, the values the policy names included. */
export function strangerSets(key: string): boolean {
  return STRANGER_SETS.test(key);
}

/** Addresses across the IPv4 and IPv6 spaces for the stranger to call from: it takes one no range the policy names holds. */
const PUBLIC_V4 = ['198.51.100.7', '203.0.113.7', '45.33.32.7', '151.101.1.7', '100.20.30.7', '13.107.42.7', '5.62.60.7'];
const PUBLIC_V6 = ['2001:db8:7::7', '2a00:1450::7', '2600:1f18::7'];
const PRIVATE_V4 = ['10.99.0.7', '172.31.99.7', '192.168.99.7'];
const PRIVATE_V6 = ['fd00:7::7'];

/** The stranger's own values of a key, by its account and the ranges the policy names. */
type OwnValues = (account: string, ranges: readonly string[]) => string[];

/**
 * The ways a request holds what the stranger calls from and through: each a set of keys present together
 * (with their own values); any key of the group not in it is absent. A direct call has a public address and
 * no endpoint; one through its own VPC endpoint has the endpoint, the VPC and a private address, no public
 * one. A call a service makes for the stranger's resource has its ARN, account and organization; its own
 * call has none. An external id it passes or not.
 */
const SCENARIOS: ReadonlyArray<ReadonlyArray<Readonly<Record<string, OwnValues>>>> = [
  [
    { 'aws:sourceip': (_, ranges) => [outside(PUBLIC_V4, ranges), outside(PUBLIC_V6, ranges)] },
    {
      'aws:sourcevpce': () => ['vpce-0stranger'],
      'aws:sourcevpc': () => ['vpc-0stranger'],
      'aws:vpcsourceip': (_, ranges) => [outside(PRIVATE_V4, ranges), outside(PRIVATE_V6, ranges)],
    },
  ],
  [
    {},
    {
      'aws:sourcearn': (account) => [`arn:aws:sns:us-east-1:${account}:stranger`],
      'aws:sourceaccount': (account) => [account],
      'aws:sourceorgid': () => ['o-strangerorg1'],
      'aws:sourceorgpaths': () => ['o-strangerorg1/r-str1/ou-str1-strangers/'],
    },
  ],
  [{}, { 'sts:externalid': () => ['stranger-external-id'] }],
];

const OWN_KEYS = new Set(SCENARIOS.flatMap((group) => group.flatMap((scenario) => Object.keys(scenario))));

/** The address in the fewest of the ranges (the first when several are in none): `0.0.0.0/0` holds them all. */
function outside(addresses: readonly string[], ranges: readonly string[]): string {
  const held = (address: string) => ranges.filter((range) => ipContains(range, address)).length;
  return addresses.reduce((best, address) => (held(address) < held(best) ? address : best));
}

/** A key the stranger leaves out or fills with a value of its own. */
export function strangerOwnKey(key: string): boolean {
  return OWN_KEYS.has(key.toLowerCase());
}

/** Combinations of the stranger's own values beyond which the rest are not tried (each costs a question). */
const MAX_OWN_VALUATIONS = 64;

/**
 * The values of the stranger's own keys worth trying, as valuations to add to its requests: per group, each
 * way a request holds it (SCENARIOS), each key of it with one value per way its conditions answer (the
 * combinations stay few, whatever the order the conditions are written in). The conditions' patterns count
 * only where they cover its own values (`vpce-*`, not `vpce-0a1b2c3d*`), but a topic, queue or bucket it names
 * itself: an ARN pattern naming no account (`arn:aws:sns:*:*:alerts`) is filled in as its own.
 */
export function ownValuations(statements: readonly PolicyStatement[], account: string): Valuation[] {
  const entriesByKey = new Map<string, ConditionEntry[]>();
  for (const entry of statements.flatMap((statement) => statement.conditions)) {
    const key = entry.key.toLowerCase();
    if (OWN_KEYS.has(key)) entriesByKey.set(key, [...(entriesByKey.get(key) ?? []), entry]);
  }
  let list: Valuation[] = [{}];
  for (const group of SCENARIOS) {
    // A group none of whose keys the statements test adds nothing to try.
    if (!group.some((scenario) => Object.keys(scenario).some((key) => entriesByKey.has(key)))) continue;
    const ways = group.flatMap((scenario) => scenarioValuations(scenario, entriesByKey, account));
    list = list.flatMap((valuation) => ways.map((way) => ({ ...valuation, ...way }))).slice(0, MAX_OWN_VALUATIONS);
  }
  return list;
}

/** One scenario's valuations: each tested key with each of its distinct own values, the others left out. */
function scenarioValuations(scenario: Readonly<Record<string, OwnValues>>, entriesByKey: ReadonlyMap<string, ConditionEntry[]>, account: string): Valuation[] {
  let list: Valuation[] = [{}];
  for (const [key, own] of Object.entries(scenario)) {
    const entries = entriesByKey.get(key);
    if (!entries) continue;
    const values = distinctValues(key, entries, candidatesOf(key, entries, own, account), account);
    list = list.flatMap((valuation) => values.map((value) => ({ ...valuation, [key]: value }))).slice(0, MAX_OWN_VALUATIONS);
  }
  return list;
}

/** Its own values; an ARN pattern naming no account, filled in; a policy variable for its own account, its account. */
function candidatesOf(key: string, entries: readonly ConditionEntry[], own: OwnValues, account: string): string[] {
  const candidates = own(account, entries.flatMap((entry) => entry.values.filter(isIpBlock)));
  for (const entry of entries) {
    const operator = parseConditionOperator(entry.operator);
    for (const value of entry.values) {
      if (/^\$\{aws:PrincipalAccount\}$/i.test(value)) candidates.push(account);
      if (key === 'aws:sourcearn' && operator && (operator.like || operator.family === 'Arn') && /[*?]/.test(value) && !/\d{12}/.test(value) && !value.includes('${')) {
        candidates.push(exampleOf(value));
      }
    }
  }
  return candidates;
}

/** One value per way the key's conditions answer (a `${aws:PrincipalAccount}` in them read as the stranger's). */
function distinctValues(key: string, entries: readonly ConditionEntry[], candidates: readonly string[], account: string): string[] {
  const seen = new Set<string>();
  return candidates.filter((value) => {
    const answers = JSON.stringify(entries.map((entry) => conditionHolds(entry, { [key]: value, 'aws:PrincipalAccount': account })));
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
