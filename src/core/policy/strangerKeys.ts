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
import type { PolicyStatement } from './model';
import { parseConditionOperator } from './operators';
import { exampleOf } from './wildcards';

const PRINCIPAL_TAG = /^aws:principaltag\//i;

/** A key the stranger sets to any value, the values the policy names included: its own principal's tags. */
export function strangerTags(key: string): boolean {
  return PRINCIPAL_TAG.test(key);
}

/** Keys the stranger leaves out or fills with its own values, each with a value of its own (by its account). */
const OWN_VALUES: Record<string, (account: string) => string> = {
  'aws:sourceip': () => '198.51.100.7',
  'aws:vpcsourceip': () => '10.99.0.7',
  'aws:sourcevpc': () => 'vpc-0stranger',
  'aws:sourcevpce': () => 'vpce-0stranger',
  'aws:sourcearn': (account) => `arn:aws:sns:us-east-1:${account}:stranger`,
  'aws:sourceaccount': (account) => account,
  'aws:sourceorgid': () => 'o-strangerorg1',
  'aws:sourceorgpaths': () => 'o-strangerorg1/r-str1/ou-str1-strangers/',
  'sts:externalid': () => 'stranger-external-id',
};

/** A key the stranger leaves out or fills with a value of its own. */
export function strangerOwnKey(key: string): boolean {
  return key.toLowerCase() in OWN_VALUES;
}

/** Combinations of the stranger's own values beyond which the rest are not tried (each costs a question). */
const MAX_OWN_VALUATIONS = 32;

/**
 * The values of the stranger's own keys worth trying, as valuations to add to its requests: each key absent,
 * its own value, or an example of each pattern the statements give it that names no account of theirs
 * (`vpce-*` is any endpoint, the stranger's too; `arn:aws:sns:*:111122223333:*` is the owner's topics).
 */
export function ownValuations(statements: readonly PolicyStatement[], account: string): Valuation[] {
  const byKey = new Map<string, Set<string>>();
  for (const entry of statements.flatMap((statement) => statement.conditions)) {
    const key = entry.key.toLowerCase();
    const own = OWN_VALUES[key];
    if (!own) continue;
    const values = byKey.get(key) ?? new Set([own(account)]);
    const operator = parseConditionOperator(entry.operator);
    // A pattern is one only under a Like or Arn operator; IP ranges are matched as ranges by their operator.
    const patterns = operator && (operator.like || operator.family === 'Arn') ? entry.values.filter((value) => /[*?]/.test(value) && !/\d{12}/.test(value) && !value.includes('${')) : [];
    for (const pattern of patterns) values.add(exampleOf(pattern));
    byKey.set(key, values);
  }
  let list: Valuation[] = [{}];
  for (const [key, values] of byKey) {
    const next = list.flatMap((valuation) => [valuation, ...[...values].map((value) => ({ ...valuation, [key]: value }))]);
    list = next.slice(0, MAX_OWN_VALUATIONS);
  }
  return list;
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
