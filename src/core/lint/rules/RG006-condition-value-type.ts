/**
 * RG006 condition-value-type: a value its operator cannot compare. IAM accepts such a policy, but the
 * condition never matches as intended: `"Bool": {"aws:SecureTransport": "flase"}` is simply false, so a
 * Deny guarded by it never applies.
 */
import { UNKNOWN_PART } from '../../policy';
import { type OperatorFamily, parseConditionOperator } from '../conditions';
import type { Rule } from '../model';
import { findPlaceholder } from '../placeholders';

const CHECKS: Partial<Record<OperatorFamily, { valid(value: string): boolean; expected: string }>> = {
  Bool: { valid: isBoolean, expected: 'true or false' },
  Null: { valid: isBoolean, expected: 'true (the key is absent) or false (it is present)' },
  Numeric: { valid: (v) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v), expected: 'a number, such as 3600' },
  Date: { valid: isDate, expected: 'an ISO 8601 date (2025-01-31 or 2025-01-31T12:00:00Z) or epoch seconds' },
};

export const conditionValueType: Rule = {
  meta: {
    id: 'RG006',
    name: 'condition-value-type',
    defaultSeverity: 'warning',
    description: 'A condition value its operator cannot compare: Bool/Null other than true/false, Numeric non-numbers, Date non-dates.',
  },
  checkFile(context) {
    for (const document of context.documents) {
      for (const statement of document.statements) {
        for (const entry of statement.conditions) {
          const operator = parseConditionOperator(entry.operator.value);
          const check = operator && CHECKS[operator.family];
          if (!check) continue;
          for (const value of entry.values) {
            // A policy variable is only resolved at request time, a template's `!Ref` at deployment; a
            // placeholder is RG014's.
            if (value.value.includes('${') || value.value.includes(UNKNOWN_PART) || check.valid(value.value) || findPlaceholder(value.value, true)) continue;
            context.report({
              document,
              node: value.node,
              message: `${operator.canonical} compares ${entry.key.value} with ${check.expected}; ${JSON.stringify(value.value)} never matches as intended. Write ${check.expected}.`,
            });
          }
        }
      }
    }
  },
};

function isBoolean(value: string): boolean {
  const lower = value.toLowerCase();
  return lower === 'true' || lower === 'false';
}

/** ISO 8601 (date, or date and time with optional fraction and zone), or epoch seconds as IAM accepts them. */
function isDate(value: string): boolean {
  if (/^\d{1,13}$/.test(value)) return true;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!match) return false;
  const [month, day, hour = '0', minute = '0', second = '0'] = match.slice(2).map((part) => part ?? '0');
  return +month >= 1 && +month <= 12 && +day >= 1 && +day <= 31 && +hour <= 23 && +minute <= 59 && +second <= 59;
}
