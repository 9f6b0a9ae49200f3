/**
 * RG103: a `sts:TaskPolicyArn` value that names none of the five root-task policies. AssumeRoot accepts
 * only those ARNs, so a typo, the CLI's `arn=` prefix or a wrong path makes an Allow grant nothing (or a
 * negated condition exclude nothing). Suggests the nearest ARN.
 */
import type { Rule } from '../model';
import { TASK_POLICY_ARN_KEY, parsedEntriesForKey } from './conditionEntries';
import { globs, nearestTaskPolicyArn, taskPoliciesMatchedBy } from './taskPolicyValues';
import { replaceNode } from '../edits';
import { forEachStatement } from './visit';
import { variablesOf } from '../../policy/patterns';

export const taskPolicyArnInvalid: Rule = {
  meta: {
    id: 'RG103',
    name: 'task-policy-arn-invalid',
    defaultSeverity: 'error',
    description: 'A sts:TaskPolicyArn value that is not one of the five root-task policy ARNs.',
  },
  checkFile(context) {
    forEachStatement(context, (document, statement) => {
      for (const { entry, operator } of parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY)) {
        if (operator.family !== 'String' && operator.family !== 'Arn') continue;
        for (const value of entry.values) {
          // A policy variable is resolved per request; nothing to check statically. `${?}`, `${*}` and `${$}`
          // are no variables but the character they escape, and are checked as such.
          if (readsVariable(value.value) || taskPoliciesMatchedBy(operator, value.value).length > 0) continue;
          if (globs(operator, value.value)) {
            context.report({ document, node: value.node, message: `"${value.value}" matches none of the five root-task policies.` });
            continue;
          }
          const nearest = nearestTaskPolicyArn(value.value);
          context.report({
            document,
            node: value.node,
            message: `"${value.value}" is not a root-task policy ARN${operator.ignoreCase ? '' : ' (compared case-sensitively)'}; did you mean "${nearest}"?`,
            fixes: [{ title: `Replace with ${nearest}`, edits: [replaceNode(value.node, JSON.stringify(nearest))], preferred: true }],
          });
        }
      }
    });
  },
};

/** Whether a value holds a policy variable (`${aws:username}`) or a part of another `${...}` syntax. */
function readsVariable(value: string): boolean {
  const { keys, placeholder } = variablesOf(value);
  return keys.length > 0 || placeholder;
}
