/**
 * RG006 condition-value-type: a value its operator cannot compare. IAM accepts such a policy, but the
 * condition never matches as intended: `"Bool": {"aws:SecureTransport": "flase"}` is simply false, so a
 * Deny guarded by it never applies.
 */
import { UNKNOWN_PART } from '../../policy';
import { isDate } from '../../policy/scalars';
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

