/**
 * RG105: a negated operator on `sts:TaskPolicyArn` in an Allow. "Anything but X" grants every other task
 * policy, including ones AWS has not published yet, which an allow-list would not.
 */
import type { Rule } from '../model';
import { listNames } from '../semantics/describe';
import { TASK_POLICY_ARN_KEY, parsedEntriesForKey } from './conditionEntries';
import { effectiveGrant, grantOf, grantsEveryTask } from './rootGrant';
import { entriesLetEveryTaskThrough, taskPoliciesPassingEntry } from './taskPolicyValues';
import { forEachAllow } from './visit';

export const taskPolicyNegated: Rule = {
  meta: {
    id: 'RG105',
    name: 'task-policy-negated',
    defaultSeverity: 'warning',
    description: 'A negated operator on sts:TaskPolicyArn in an Allow: it allows every other task policy, future ones included.',
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      const negated = parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY).filter((parsed) => parsed.operator.negated);
      // When nothing is excluded at all, the statement is unscoped: RG101 reports that (unless a Deny of the
      // policy takes some task back); when a Deny already keeps future task policies out, the negation grants
      // nothing more than a list would. The grant is worked out only for a statement with a negation to judge.
      if (negated.length === 0) return;
      const grants = effectiveGrant(document);
      if (!grantOf(grants, 'FutureTaskPolicy') || (entriesLetEveryTaskThrough(statement) && grantsEveryTask(grants))) return;
      for (const parsed of negated) {
        // What a Deny of the policy already takes away is not granted through the negation.
        const remaining = taskPoliciesPassingEntry(statement, parsed).policies.filter((t) => grantOf(grants, t));
        const what = remaining.length ? `${listNames(remaining)} and any task policy added later` : 'only task policies added later';
        context.report({
          document,
          node: parsed.entry.operator.node,
          message: `${parsed.operator.canonical} on sts:TaskPolicyArn allows every other task policy: ${what}. List the allowed ones with ArnEquals instead.`,
        });
      }
    });
  },
};
