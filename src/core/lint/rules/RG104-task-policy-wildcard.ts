/**
 * RG104: a glob on `sts:TaskPolicyArn` that matches more than one task policy. The author usually meant
 * one task; the pattern also grants the others, and any task policy AWS adds later that fits it.
 */
import type { Fix, Located, Rule, Statement } from '../model';
import type { TaskPolicyName } from '../../root/taskPolicies';
import { taskPolicyArn } from '../../root/taskPolicies';
import { listNames } from '../semantics/describe';
import { TASK_POLICY_ARN_KEY, parsedEntriesForKey } from './conditionEntries';
import { effectiveGrant, grantOf, grantsEveryTask } from './rootGrant';
import { entriesLetEveryTaskThrough, globs, statementPartitions, taskPoliciesMatchedBy } from './taskPolicyValues';
import { replaceNode } from '../edits';
import { forEachAllow } from './visit';

export const taskPolicyWildcard: Rule = {
  meta: {
    id: 'RG104',
    name: 'task-policy-wildcard',
    defaultSeverity: 'warning',
    description: 'A Like pattern on sts:TaskPolicyArn that matches more than one task policy.',
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      const entries = parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY).filter(({ operator }) => !operator.negated);
      if (entries.length === 0) return;
      const grants = effectiveGrant(document);
      // A pattern that lets everything through leaves the statement unscoped: RG101 reports that, unless a
      // Deny of the policy takes some task policy back, and then the rest is still granted through the pattern.
      if (entriesLetEveryTaskThrough(statement) && grantsEveryTask(grants)) return;
      for (const { entry, operator } of entries) {
        for (const value of entry.values) {
          // What a Deny of the policy already takes away is not granted through the pattern.
          const matched = globs(operator, value.value) ? taskPoliciesMatchedBy(operator, value.value).filter((t) => grantOf(grants, t)) : [];
          if (matched.length < 2) continue;
          context.report({
            document,
            node: value.node,
            message: `"${value.value}" matches ${matched.length} task policies: ${listNames(matched)} (and any later one that fits). Name the task policies instead.`,
            fixes: [expandFix(statement, value, matched)],
          });
        }
      }
    });
  },
};

/** Replaces the pattern with the ARNs it matches today: the same grant, minus future task policies. */
function expandFix(statement: Statement, value: Located<string>, matched: TaskPolicyName[]): Fix {
  const named = /^arn:([^:*?]+):/.exec(value.value)?.[1];
  const partitions = named ? [named] : statementPartitions(statement);
  const arns = partitions.flatMap((p) => matched.map((name) => JSON.stringify(taskPolicyArn(name, p))));
  const inArray = value.node.parent?.type === 'array';
  const text = inArray ? arns.join(', ') : `[${arns.join(', ')}]`;
  return { title: `Replace "${value.value}" with the ${arns.length} task policy ARNs it matches`, edits: [replaceNode(value.node, text)], preferred: true };
}
