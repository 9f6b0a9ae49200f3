/**
 * RG207: `ForAnyValue:`/`ForAllValues:` on a single-valued key. Set operators are for multivalued keys;
 * on a single value `ForAllValues:` also holds when the key is absent, which quietly turns an Allow's
 * condition into "always" and a Deny's into "also for requests without the key". `aws:AssumedRoot` is
 * left to RG108, which explains that key specifically.
 */
import { isMultivaluedKey } from '../actions';
import { parseConditionOperator } from '../conditions';
import type { Rule } from '../model';
import { ASSUMED_ROOT_KEY, operatorUseNode } from './conditionEntries';
import { rewriteAdvice, rewriteFixes, rewritesWithoutSet } from './singleValuedOperators';
import { forEachStatement } from './visit';

export const setOperatorOnSingleValuedKey: Rule = {
  meta: {
    id: 'RG207',
    name: 'set-operator-on-single-valued-key',
    defaultSeverity: 'warning',
    description: 'ForAnyValue:/ForAllValues: on a single-valued condition key.',
  },
  checkFile(context) {
    forEachStatement(context, (document, statement) => {
      for (const entry of statement.conditions) {
        const operator = parseConditionOperator(entry.operator.value);
        const key = entry.key.value;
        // Unknown keys (undefined) are not reported: only a key IAM documents as single-valued is.
        if (!operator?.set || key.toLowerCase() === ASSUMED_ROOT_KEY.toLowerCase() || isMultivaluedKey(key) !== false) continue;
        const rewrites = rewritesWithoutSet(operator, operator.base);
        const absent = operator.set === 'ForAllValues' ? '; ForAllValues: also holds when the key is absent' : '';
        context.report({
          document,
          node: operatorUseNode(statement, entry),
          message: `${operator.canonical} on ${key}, a single-valued key: set operators are for multivalued keys${absent}. Use ${rewriteAdvice(rewrites)}.`,
          fixes: rewriteFixes(document, entry, rewrites),
        });
      }
    });
  },
};
