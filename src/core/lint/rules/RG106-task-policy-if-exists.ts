/**
 * RG106: an `...IfExists` operator on `sts:TaskPolicyArn` in an Allow. Every AssumeRoot request carries the
 * key, so IfExists buys nothing there; for any other action of the statement the condition then holds
 * without the key, which is rarely what the author meant. It also reads as "optional" to reviewers.
 */
import type { Rule } from '../model';
import { TASK_POLICY_ARN_KEY, operatorUseNode, parsedEntriesForKey } from './conditionEntries';
import { moveToOperatorFix } from './rootFixes';
import { forEachAllow } from './visit';

export const taskPolicyIfExists: Rule = {
  meta: {
    id: 'RG106',
    name: 'task-policy-if-exists',
    defaultSeverity: 'warning',
    description: 'An ...IfExists operator on sts:TaskPolicyArn in an Allow.',
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      for (const { entry, operator } of parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY)) {
        if (!operator.ifExists) continue;
        const plain = operator.canonical.slice(0, -'IfExists'.length);
        const fix = moveToOperatorFix(document, entry, plain, `Use ${plain}`);
        context.report({
          document,
          node: operatorUseNode(statement, entry),
          message:
            `${operator.canonical} on sts:TaskPolicyArn: AssumeRoot always sends the key, so IfExists does not loosen it there, ` +
            `but any other action this statement allows passes without the key. Use ${plain}.`,
          fixes: fix ? [{ ...fix, preferred: true }] : [],
        });
      }
    });
  },
};
