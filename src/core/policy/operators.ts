/**
 * Condition operators as IAM reads them: a base operator, optionally prefixed by a set qualifier
 * (`ForAnyValue:` / `ForAllValues:`) and suffixed by `IfExists`. Operator names are matched
 * case-insensitively here so that a miscased name is still understood; `canonical` is the documented
 * spelling, for rules that want to point out the difference.
 */
import { BoundedMemo } from '../boundedMemo';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export interface ConditionOperator {
  /** The documented spelling of the whole operator, e.g. `ForAnyValue:StringNotLikeIfExists`. */
  canonical: string;
  /** The base operator, e.g. `StringNotLike`. */
  base: string;
  family: OperatorFamily;
  set?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
  /** `...NotEquals`, `...NotLike`, `NotIpAddress`: the condition holds when the value does NOT match. */
  negated: boolean;
  /** `StringLike`-style glob matching (`*`, `?`). */
  like: boolean;
  /** `StringEqualsIgnoreCase` / `StringNotEqualsIgnoreCase`. */
  ignoreCase: boolean;
}

/**
 * Whether an operator (other than `Null`, which tests presence) holds on a request without its key:
 * `...IfExists` and `ForAllValues:` (every one of no values) do, `ForAnyValue:` (one of no values) does
 * not, and a plain operator does when it is negated (no value matches).
 */
export function holdsWithoutKey(operator: ConditionOperator): boolean {
  if (operator.ifExists || operator.set === 'ForAllValues') return true;
  return operator.set === 'ForAnyValue' ? false : operator.negated;
}

const BASE_OPERATORS: Record<string, OperatorFamily> = {
  StringEquals: 'String',
  StringNotEquals: 'String',
  StringEqualsIgnoreCase: 'String',
  StringNotEqualsIgnoreCase: 'String',
  StringLike: 'String',
  StringNotLike: 'String',
  NumericEquals: 'Numeric',
  NumericNotEquals: 'Numeric',
  NumericLessThan: 'Numeric',
  NumericLessThanEquals: 'Numeric',
  NumericGreaterThan: 'Numeric',
  NumericGreaterThanEquals: 'Numeric',
  DateEquals: 'Date',
  DateNotEquals: 'Date',
  DateLessThan: 'Date',
  DateLessThanEquals: 'Date',
  DateGreaterThan: 'Date',
  DateGreaterThanEquals: 'Date',
  Bool: 'Bool',
  BinaryEquals: 'Binary',
  IpAddress: 'IpAddress',
  NotIpAddress: 'IpAddress',
  ArnEquals: 'Arn',
  ArnNotEquals: 'Arn',
  ArnLike: 'Arn',
  ArnNotLike: 'Arn',
  Null: 'Null',
};

const BY_LOWER = new Map(Object.keys(BASE_OPERATORS).map((name) => [name.toLowerCase(), name]));

/** Every base operator IAM has, in its documented spelling (for messages and suggestions). */
export const BASE_OPERATOR_NAMES: readonly string[] = Object.keys(BASE_OPERATORS);

/** Parsed operators by name, `null` for a name IAM lacks, so that one `get` answers (names are fresh strings to hash). */
const parsedOperators = new BoundedMemo<string, Readonly<ConditionOperator> | null>(10_000);

/**
 * Parses an operator; undefined when IAM has no such operator (RG005). Every rule that reads conditions
 * asks this for every operator, so answers are remembered (and frozen, since they are shared).
 */
export function parseConditionOperator(raw: string): Readonly<ConditionOperator> | undefined {
  const known = parsedOperators.get(raw);
  if (known !== undefined) return known ?? undefined;
  const parsed = parseOperator(raw);
  parsedOperators.set(raw, parsed ? Object.freeze(parsed) : null);
  return parsed;
}

function parseOperator(raw: string): ConditionOperator | undefined {
  let rest = raw;
  let set: ConditionOperator['set'];
  const prefix = /^(ForAnyValue|ForAllValues):/i.exec(rest);
  if (prefix) {
    set = prefix[1].toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues';
    rest = rest.slice(prefix[0].length);
  }
  let base = BY_LOWER.get(rest.toLowerCase());
  let ifExists = false;
  if (!base && /ifexists$/i.test(rest)) {
    base = BY_LOWER.get(rest.slice(0, -'IfExists'.length).toLowerCase());
    ifExists = true;
  }
  // `Null` tests existence itself, so IAM has no NullIfExists.
  if (!base || (base === 'Null' && ifExists)) return undefined;
  return {
    canonical: `${set ? `${set}:` : ''}${base}${ifExists ? 'IfExists' : ''}`,
    base,
    family: BASE_OPERATORS[base],
    set,
    ifExists,
    negated: /Not(Equals|Like|IpAddress)/.test(base),
    like: base.endsWith('Like'),
    ignoreCase: base.endsWith('IgnoreCase'),
  };
}
