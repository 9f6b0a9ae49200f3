/**
 * RG101: an identity policy that lets its holder call `sts:AssumeRoot` with any task policy, future ones
 * included. Whoever holds it can open a root session that creates a console password, deletes credentials
 * or unlocks bucket and queue policies in the accounts it reaches. Decided on the whole policy: a Deny that
 * already limits root sessions to named task policies leaves nothing to report.
 */
import type { Rule } from '../model';
import { TASK_POLICY_ARN_KEY, parsedEntriesForKey } from './conditionEntries';
import { assumeRootShape, denyOtherTasksFix, splitAssumeRootFix } from './assumeRootFixes';
import { restrictTaskPoliciesFix, taskPolicyArnsFor } from './rootFixes';
import { assumeRootPattern, grantCaveat, describeAccounts, describeVia, effectiveGrant, grantOf, grantingStatements, grantsEveryTask } from './rootGrant';

/** The least-privileged task: read-only, so the safe default when the author's intent is unknown. */
const LEAST_PRIVILEGED_TASK = 'IAMAuditRootUserCredentials';

export const assumeRootUnscoped: Rule = {
  meta: {
    id: 'RG101',
    name: 'assume-root-unscoped',
    defaultSeverity: 'error',
    description: 'An Allow of sts:AssumeRoot with no condition restricting sts:TaskPolicyArn.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    for (const document of context.documents) {
      const grants = effectiveGrant(document);
      // Unscoped: every task policy, present and future, remains after the policy's own Deny statements.
      // A grant that leaves some out is restricted: RG102 and RG105 say what remains of it.
      const future = grantOf(grants, 'FutureTaskPolicy');
      if (!future || !grantsEveryTask(grants)) continue;
      for (const statement of grantingStatements(document, future)) {
        const via = describeVia(statement);
        const why = parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY).length
          ? 'its condition on sts:TaskPolicyArn lets every task policy through'
          : 'no condition restricts sts:TaskPolicyArn';
        const shape = assumeRootShape(statement);
        const fix = (choice: string[], names: string) => {
          const arns = taskPolicyArnsFor(document, statement, context.text, choice);
          if (arns.length === 0) return undefined;
          if (shape === 'alone') return restrictTaskPoliciesFix(document, statement, arns, `Restrict sts:TaskPolicyArn to ${names}`);
          if (shape === 'listed') return splitAssumeRootFix(document, statement, arns, `Move sts:AssumeRoot to a statement of its own, restricted to ${names}`);
          return denyOtherTasksFix(document, statement, arns, `Deny sts:AssumeRoot with any task policy but ${names}, in the principal's other policies too`);
        };
        const leastPrivileged = fix([LEAST_PRIVILEGED_TASK], `${LEAST_PRIVILEGED_TASK} (read-only)`);
        // A Deny reaches beyond this statement, to what the principal's other policies allow: never preferred.
        const preferred = leastPrivileged && { ...leastPrivileged, preferred: shape !== 'wildcard' };
        context.report({
          document,
          node: assumeRootPattern(statement)?.node ?? statement.action!.keyNode,
          message:
            `Allows sts:AssumeRoot${via ? ` ${via}` : ''} with every task policy, IAMCreateRootUserPassword and ` +
            `IAMDeleteRootUserCredentials included, for ${describeAccounts(future)}${grantCaveat(future)}: ${why}.`,
          fixes: preferred ? [preferred] : [],
          interactiveFixes: [
            {
              kind: 'chooseTaskPolicies',
              title: 'Restrict sts:TaskPolicyArn to chosen task policies...',
              build: (choice) => fix(choice, choice.join(', ')),
            },
          ],
        });
      }
    }
  },
};
