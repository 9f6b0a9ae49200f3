/**
 * RG105: a negated operator on `sts:TaskPolicyArn` in an Allow. "Anything but X" grants every other task
 * policy, including ones AWS has not published yet, which an allow-list would not.
 */
import type { Rule } from '../model';
import { listNames } from '../semantics/describe';
import { permittedTaskPolicies, taskPoliciesPassingEntry } from '../semantics/taskPolicies';
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
      const permission = permittedTaskPolicies(statement);
      // When nothing is excluded at all, the statement is unscoped: RG101 reports that.
      if (permission.unrestricted) return;
      for (const parsed of permission.entries) {
        if (!parsed.operator.negated) continue;
        const passing = taskPoliciesPassingEntry(statement, parsed);
        const what = passing.policies.length ? `${listNames(passing.policies)} and any task policy added later` : 'only task policies added later';
        context.report({
          document,
          node: parsed.entry.operator.node,
          message: `${parsed.operator.canonical} on sts:TaskPolicyArn allows every other task policy: ${what}. List the allowed ones with ArnEquals instead.`,
        });
      }
    });
  },
};
