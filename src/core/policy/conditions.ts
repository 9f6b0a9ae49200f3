/**
 * Condition evaluation as the IAM reference documents it: values of one key OR'ed, keys and operators
 * AND'ed; `...IfExists` holds when the key is absent; `ForAnyValue:` needs one request value to match
 * (false on an absent or empty key), `ForAllValues:` every one (true on an absent or empty key); `Null`
 * tests presence; negated operators hold when no value matches (and on an absent key).
 */
import { noRequestCarries } from './globalKeys';
import { type ConditionOperator, holdsWithoutKey, parseConditionOperator } from './operators';
import { type ContextValues, arnMatches, matches, resolve, withDeployedPartition } from './patterns';
import { MAYBE, NO, type Tri, YES, and, not, or } from './tri';
import type { ConditionEntry } from './model';
import { UNKNOWN_PART } from './unknown';
import { compareDates, compareNumbers, ipContains, isDate, isIpBlock, isNumber } from './scalars';

/** What evaluating conditions needs and collects. */
export interface ConditionScope {
  context: ContextValues;
  /** What policy variables in values are replaced with: undefined where the policy reads them as text (its Version). */
  variables: ContextValues | undefined;
  /** Keys (as written) that a condition or a variable consulted and the request did not give. */
  missing: string[];
}

/** Whether one condition entry holds for the request. An operator IAM lacks never holds. */
export function entryHolds(entry: ConditionEntry, scope: ConditionScope): Tri {
  // An operator or key written as a template parameter could be any: the entry may hold.
  if (entry.operator.includes(UNKNOWN_PART) || entry.key.includes(UNKNOWN_PART)) return MAYBE;
  const operator = parseConditionOperator(entry.operator);
  if (!operator) return NO;
  const requestValues = scope.context.get(entry.key.toLowerCase());
  // A key no request carries is certainly absent: the answer depends on it no more than on a given key.
  const mayBeSent = requestValues === undefined && !noRequestCarries(entry.key);
  if (operator.family === 'Null') {
    // Absence is what Null tests: the answer depended on a key the request did not give.
    if (mayBeSent) scope.missing.push(entry.key);
    return nullHolds(entry.values, requestValues !== undefined);
  }
  if (requestValues === undefined || requestValues.length === 0) {
    const absent: Tri = holdsWithoutKey(operator) ? YES : NO;
    // The key is named only when some value of it could answer otherwise than its absence does.
    if (mayBeSent && presentAnswer(operator, entry.values) !== absent) scope.missing.push(entry.key);
    return absent;
  }
  if (operator.set === 'ForAllValues') {
    let answer: Tri = YES;
    for (const value of requestValues) answer = and(answer, valueHolds(operator, entry.values, value, scope));
    return answer;
  }
  if (operator.set === 'ForAnyValue') {
    let answer: Tri = NO;
    for (const value of requestValues) answer = or(answer, valueHolds(operator, entry.values, value, scope));
    return answer;
  }
  // A plain operator on a multi-valued key compares any of its values; a negated one then holds when none matches.
  let matched: Tri = NO;
  for (const value of requestValues) matched = or(matched, anyPolicyValueMatches(operator, entry.values, value, scope));
  return operator.negated ? not(matched) : matched;
}

/** Whether every entry holds (AND); stops at the first certain no. */
export function allEntriesHold(entries: readonly ConditionEntry[], scope: ConditionScope): Tri {
  let answer: Tri = YES;
  for (const entry of entries) {
    answer = and(answer, entryHolds(entry, scope));
    if (answer === NO) return NO;
  }
  return answer;
}

/**
 * What the entry answers for every present value of its key when that answer cannot depend on the value, or
 * undefined when it can. A `StringLike`/`ArnLike` value `*` matches every value; an `IpAddress` value that is
 * no address block, or a `Numeric`/`Date` value that does not parse, matches none. A key whose every value
 * answers as its absence does cannot change the answer: naming it would claim a dependency that is not there.
 */
function presentAnswer(operator: ConditionOperator, policyValues: readonly string[]): Tri | undefined {
  const comparison = valueBlindComparison(operator, policyValues);
  if (comparison === undefined) return undefined;
  return operator.negated ? not(comparison) : comparison;
}

function valueBlindComparison(operator: ConditionOperator, policyValues: readonly string[]): Tri | undefined {
  switch (operator.family) {
    case 'String':
      return operator.like && policyValues.includes('*') ? YES : undefined;
    case 'Arn':
      return policyValues.includes('*') ? YES : undefined;
    case 'IpAddress':
      return matchesNothing(policyValues, isIpBlock);
    case 'Numeric':
      return matchesNothing(policyValues, isNumber);
    case 'Date':
      return matchesNothing(policyValues, isDate);
    default:
      return undefined;
  }
}

/** NO when no policy value can match any request value (none is well formed, none has an unknown part). */
function matchesNothing(policyValues: readonly string[], wellFormed: (value: string) => boolean): Tri | undefined {
  return policyValues.some((value) => hasUnknown(value) || wellFormed(value)) ? undefined : NO;
}

function nullHolds(policyValues: readonly string[], present: boolean): Tri {
  let answer: Tri = NO;
  for (const value of policyValues) {
    if (value.includes(UNKNOWN_PART)) answer = or(answer, MAYBE);
    else if (value.toLowerCase() === 'true') answer = or(answer, present ? NO : YES);
    else if (value.toLowerCase() === 'false') answer = or(answer, present ? YES : NO);
  }
  return answer;
}

/** One request value against the entry's policy values, negation applied (set operators). */
function valueHolds(operator: ConditionOperator, policyValues: readonly string[], value: string, scope: ConditionScope): Tri {
  const matched = anyPolicyValueMatches(operator, policyValues, value, scope);
  return operator.negated ? not(matched) : matched;
}

function anyPolicyValueMatches(operator: ConditionOperator, policyValues: readonly string[], value: string, scope: ConditionScope): Tri {
  let answer: Tri = NO;
  for (const policyValue of policyValues) {
    answer = or(answer, compare(operator, policyValue, value, scope));
    if (answer === YES) return YES;
  }
  return answer;
}

/** The comparison an operator makes before any negation. */
export function compare(operator: ConditionOperator, policyValue: string, value: string, scope: ConditionScope): Tri {
  switch (operator.family) {
    case 'String': {
      const resolved = resolve(withDeployedPartition(policyValue, value), operator.like, operator.ignoreCase, scope.variables);
      scope.missing.push(...resolved.missing);
      if (!resolved.compiled) return NO;
      return matches(resolved.compiled, operator.ignoreCase ? value.toLowerCase() : value);
    }
    case 'Arn':
      return arnMatches(policyValue, value, scope.variables, scope.missing);
    default:
      break;
  }
  if (hasUnknown(policyValue)) return MAYBE;
  switch (operator.family) {
    case 'Bool':
      return policyValue.toLowerCase() === value.toLowerCase() ? YES : NO;
    case 'Binary':
      return policyValue === value ? YES : NO;
    case 'Numeric':
      return ordered(operator.base, compareNumbers(value, policyValue));
    case 'Date':
      return ordered(operator.base, compareDates(value, policyValue));
    case 'IpAddress':
      return ipContains(policyValue, value) ? YES : NO;
    default:
      return NO;
  }
}

const NON_VARIABLE_PLACEHOLDER = /\$\{(?!aws:|[*?$]\})[^}]*\}/i;

function hasUnknown(value: string): boolean {
  return value.includes(UNKNOWN_PART) || NON_VARIABLE_PLACEHOLDER.test(value);
}

/** `request <op> policy`, from the sign of their comparison (undefined when either does not parse: no match). */
function ordered(base: string, sign: number | undefined): Tri {
  if (sign === undefined) return NO;
  if (base.endsWith('LessThan')) return sign < 0 ? YES : NO;
  if (base.endsWith('LessThanEquals')) return sign <= 0 ? YES : NO;
  if (base.endsWith('GreaterThan')) return sign > 0 ? YES : NO;
  if (base.endsWith('GreaterThanEquals')) return sign >= 0 ? YES : NO;
  // ...Equals and ...NotEquals compare equality; negation comes after.
  return sign === 0 ? YES : NO;
}

/** One condition entry against a request context, for callers outside the engine: true, false or `maybe` (unknown parts). */
export function conditionHolds(entry: ConditionEntry, context: Readonly<Record<string, string | readonly string[]>>): boolean | 'maybe' {
  const values = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(context)) values.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
  const holds = entryHolds(entry, { context: values, variables: values, missing: [] });
  return holds === MAYBE ? 'maybe' : holds === YES;
}
