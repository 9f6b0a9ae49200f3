/**
 * How IAM evaluates one condition entry against a single-valued key such as `sts:TaskPolicyArn`,
 * `aws:PrincipalArn` or `aws:AssumedRoot`: the building block the root-access rules use to decide what a
 * statement actually permits, instead of grepping for strings.
 */
import { type ConditionOperator, parseConditionOperator } from '../conditions';
import { arnLike, stringLike } from '../match';
import type { ConditionEntry, Statement } from '../model';

/** The statement's condition entries on a key; IAM compares key names case-insensitively. */
export function entriesForKey(statement: Statement, key: string): ConditionEntry[] {
  const wanted = key.toLowerCase();
  return statement.conditions.filter((entry) => entry.key.value.toLowerCase() === wanted);
}

/** A condition entry together with its parsed operator; entries with an operator IAM lacks are left out (RG005). */
export interface ParsedEntry {
  entry: ConditionEntry;
  operator: ConditionOperator;
}

/** The entries on a key whose operator IAM knows, in document order. */
export function parsedEntriesForKey(statement: Statement, key: string): ParsedEntry[] {
  // Rules ask this of every statement, and most have no condition at all.
  if (statement.conditions.length === 0) return [];
  return entriesForKey(statement, key).flatMap((entry) => {
    const operator = parseConditionOperator(entry.operator.value);
    return operator ? [{ entry, operator }] : [];
  });
}

/**
 * Whether one policy value matches a request value under an operator, ignoring negation: the comparison
 * IAM makes before `Not` flips it. String operators are case-sensitive unless `IgnoreCase`; `Arn`
 * operators (`ArnEquals` as much as `ArnLike`, per the IAM reference) glob each ARN segment on its own.
 * Other families cannot compare a string key and never match.
 */
export function policyValueMatches(operator: ConditionOperator, policyValue: string, requestValue: string): boolean {
  switch (operator.family) {
    case 'String':
      if (operator.like) return stringLike(policyValue, requestValue);
      if (operator.ignoreCase) return policyValue.toLowerCase() === requestValue.toLowerCase();
      return policyValue === requestValue;
    case 'Arn':
      return policyValue === '*' || arnLike(policyValue, requestValue);
    case 'Bool':
      return policyValue.toLowerCase() === requestValue.toLowerCase();
    default:
      return false;
  }
}

/**
 * Whether an entry holds for a request in which the (single-valued) key has `requestValue`, or is absent
 * (`undefined`). Follows the IAM reference: several values are OR-ed; an absent key fails a positive
 * operator but satisfies a negated one, `...IfExists` and `ForAllValues:` (an empty set); `Null` tests
 * presence. With one value present, the set prefixes behave like the plain operator.
 */
export function entryHolds(parsed: ParsedEntry, requestValue: string | undefined): boolean {
  const { operator, entry } = parsed;
  const values = entry.values.map((v) => v.value);
  if (operator.family === 'Null') {
    return values.some((v) => (v.toLowerCase() === 'true' ? requestValue === undefined : requestValue !== undefined));
  }
  if (requestValue === undefined) {
    if (operator.ifExists || operator.set === 'ForAllValues') return true;
    if (operator.set === 'ForAnyValue') return false;
    return operator.negated;
  }
  const matched = values.some((v) => policyValueMatches(operator, v, requestValue));
  return operator.negated ? !matched : matched;
}

/** Whether every entry holds (entries on different operators and keys are AND-ed). */
export function allHold(entries: readonly ParsedEntry[], requestValue: string | undefined): boolean {
  return entries.every((parsed) => entryHolds(parsed, requestValue));
}
