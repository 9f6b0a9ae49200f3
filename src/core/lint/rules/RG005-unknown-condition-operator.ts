/**
 * RG005 unknown-condition-operator: IAM rejects a policy with an operator it does not have, and a typo in
 * an operator of a Deny would otherwise silently drop the guardrail. Prefixes (`ForAnyValue:`,
 * `ForAllValues:`) and the `IfExists` suffix are understood; a known operator in the wrong case is named in
 * its documented spelling, with a fix.
 */
import { UNKNOWN_PART } from '../../policy';
import { BASE_OPERATOR_NAMES, parseConditionOperator } from '../conditions';
import { replaceNode } from '../edits';
import type { Rule } from '../model';
import { property } from '../parse';
import { nearest } from '../spelling';

/** Every spelling IAM documents, for "did you mean". */
const ALL_OPERATORS = ['', 'ForAnyValue:', 'ForAllValues:'].flatMap((prefix) =>
  BASE_OPERATOR_NAMES.flatMap((base) => (base === 'Null' ? [`${prefix}${base}`] : [`${prefix}${base}`, `${prefix}${base}IfExists`])),
);

const PLAIN_OPERATORS = ALL_OPERATORS.filter((operator) => !parseConditionOperator(operator)?.negated);

export const unknownConditionOperator: Rule = {
  meta: {
    id: 'RG005',
    name: 'unknown-condition-operator',
    defaultSeverity: 'error',
    description: 'A condition operator that IAM does not have, or a known one spelled in the wrong case.',
  },
  checkFile(context) {
    for (const document of context.documents) {
      for (const statement of document.statements) {
        for (const operatorProperty of statement.conditionNode?.children ?? []) {
          const keyNode = operatorProperty.children?.[0];
          const raw = keyNode?.value;
          // An operator known only at deployment (a Terraform variable, an iteration's value) is not judged.
          if (!keyNode || typeof raw !== 'string' || raw.includes(UNKNOWN_PART)) continue;
          const parsed = parseConditionOperator(raw);
          if (parsed && parsed.canonical === raw) continue;
          // Renamed to an operator the Condition has already, it would replace that block: merging is the author's.
          const free = (name: string) => !property(statement.conditionNode, name);
          if (parsed) {
            context.report({
              document,
              node: keyNode,
              message: `Condition operators are case-sensitive: "${raw}" is spelled "${parsed.canonical}"${free(parsed.canonical) ? '.' : `, and this Condition has "${parsed.canonical}" already. Merge the two.`}`,
              fixes: free(parsed.canonical) ? [{ title: `Write "${parsed.canonical}"`, edits: [replaceNode(keyNode, JSON.stringify(parsed.canonical))], preferred: true }] : [],
            });
            continue;
          }
          const suggestion = suggestedOperator(raw);
          context.report({
            document,
            node: keyNode,
            message: `"${raw}" is not a condition operator IAM has${explain(raw)}${suggestion ? `; did you mean "${suggestion}"?` : '. See the IAM condition operators reference.'}`,
            fixes: suggestion && free(suggestion) ? [{ title: `Replace with "${suggestion}"`, edits: [replaceNode(keyNode, JSON.stringify(suggestion))] }] : [],
          });
        }
      }
    }
  },
};

/**
 * The operator a typo most likely meant, negated exactly when the typo is (says "not" somewhere): a guess
 * that dropped or added the negation would turn a Deny's perimeter inside out. `NotStringEquals` and
 * `StringEqualsNot` mean `StringNotEquals`, `IpAddressNot` `NotIpAddress`; a negation IAM has no operator
 * for (`NotBool`) gets no guess.
 */
function suggestedOperator(raw: string): string | undefined {
  const negated = /not/i.test(raw);
  if (negated) {
    const meant = nearest(raw.replace(/not/i, ''), PLAIN_OPERATORS);
    const counterpart = meant && negatedCounterpart(meant);
    if (counterpart) return counterpart;
  }
  const suggestion = nearest(raw, ALL_OPERATORS);
  return suggestion && parseConditionOperator(suggestion)?.negated === negated ? suggestion : undefined;
}

/** The negated operator of a plain one (`ForAnyValue:ArnLike` → `ForAnyValue:ArnNotLike`), when IAM has it. */
function negatedCounterpart(operator: string): string | undefined {
  const negated = operator.includes('IpAddress') ? operator.replace('IpAddress', 'NotIpAddress') : operator.replace(/Equals|Like/, 'Not$&');
  return negated !== operator && parseConditionOperator(negated)?.canonical === negated ? negated : undefined;
}

function explain(raw: string): string {
  if (/^(ForAnyValue:|ForAllValues:)?NullIfExists$/i.test(raw)) return ' (Null already tests whether the key exists, so it has no IfExists form)';
  // A YAML key written `!Ref Op:` (yamlSource.ts keeps the tag in the key's text).
  if (/^!\w+ /.test(raw)) return ' (CloudFormation resolves intrinsic functions in values only, never in keys)';
  return '';
}
