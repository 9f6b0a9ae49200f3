/**
 * RG006 condition-value-type: a value its operator cannot compare. IAM accepts such a policy, but the
 * condition never matches as intended: `"Bool": {"aws:SecureTransport": "flase"}` is simply false, so a
 * Deny guarded by it never applies. Also an `Arn` operator's value of fewer than six ARN parts
 * (`arn:aws:iam::*`): AWS compares ARNs part by part and does not document what such a value matches.
 */
import { UNKNOWN_PART } from '../../policy';
import { splitArn } from '../../policy/patterns';
import { replaceNode } from '../edits';
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
    description: 'A condition value its operator cannot compare: Bool/Null other than true/false, Numeric non-numbers, Date non-dates, ARNs of fewer than six parts.',
  },
  checkFile(context) {
    for (const document of context.documents) {
      for (const statement of document.statements) {
        for (const entry of statement.conditions) {
          const operator = parseConditionOperator(entry.operator.value);
          if (operator?.family === 'Arn') {
            for (const value of entry.values) {
              if (!isShortArn(value.value)) continue;
              const padded = sixPartGlob(value.value);
              context.report({
                document,
                node: value.node,
                message: `${operator.canonical} compares ARNs part by part, each of the six colon-separated parts on its own; ${JSON.stringify(value.value)} has ${value.value.split(':').length}, and what AWS matches with it is not documented. Write all six parts${padded ? ` (${JSON.stringify(padded)})` : ''}.`,
                // Meaning-preserving only under one reading (a glob over the whole ARN), which AWS does not confirm: offered, never preferred.
                fixes: padded ? [{ title: `Write all six parts: ${padded}`, edits: [replaceNode(value.node, JSON.stringify(padded))] }] : [],
              });
            }
            continue;
          }
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

/**
 * An ARN operator's value of fewer than six parts, other than `*` (every ARN). Values with a policy variable
 * (which may bring parts of its own), a template's unknown part or a placeholder are not judged.
 */
function isShortArn(value: string): boolean {
  if (value === '*' || value.includes('${') || value.includes(UNKNOWN_PART) || findPlaceholder(value, true)) return false;
  return splitArn(value) === undefined;
}

/**
 * The six-part value that matches what the short one matches read as one glob over the whole ARN, where that
 * is exact: its only wildcard is one `*` at its very end, which then covers the missing parts
 * (`arn:aws:iam::*` becomes `arn:aws:iam::*:*`, `arn:aws:iam::1111*` becomes `arn:aws:iam::1111*:*`). Any
 * other wildcard could stand for a colon: `arn:aws:iam::*role/Admin*` as a glob matches
 * `arn:aws:iam::111122223333:role/Admin`, but `arn:aws:iam::*role/Admin*:*` matches no role ARN at all.
 */
function sixPartGlob(value: string): string | undefined {
  if (!value.endsWith('*') || /[*?]/.test(value.slice(0, -1))) return undefined;
  const parts = value.split(':');
  return [...parts, ...Array<string>(6 - parts.length).fill('*')].join(':');
}
