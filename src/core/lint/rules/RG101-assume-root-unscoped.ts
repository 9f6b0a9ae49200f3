/**
 * RG101: an identity policy that lets its holder call `sts:AssumeRoot` with any task policy, future ones
 * included. Whoever holds it can open a root session that creates a console password, deletes credentials
 * or unlocks bucket and queue policies in the accounts it reaches. Decided on the whole policy: a Deny that
 * already limits root sessions to named task policies leaves nothing to report.
 */
import type { Rule } from '../model';
import { TASK_POLICY_ARN_KEY, parsedEntriesForKey } from './conditionEntries';
import { restrictTaskPoliciesFix } from './rootFixes';
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
        const fix = (choice: string[], title: string) => restrictTaskPoliciesFix(document, statement, context.text, choice, title);
        const preferred = fix([LEAST_PRIVILEGED_TASK], `Restrict sts:TaskPolicyArn to ${LEAST_PRIVILEGED_TASK} (read-only)`);
        context.report({
          document,
          node: assumeRootPattern(statement)?.node ?? statement.action!.keyNode,
          message:
            `Allows sts:AssumeRoot${via ? ` ${via}` : ''} with every task policy, IAMCreateRootUserPassword and ` +
            `IAMDeleteRootUserCredentials included, for ${describeAccounts(future)}${grantCaveat(future)}: ${why}.`,
          fixes: preferred ? [{ ...preferred, preferred: true }] : [],
          interactiveFixes: [
            {
              kind: 'chooseTaskPolicies',
              title: 'Restrict sts:TaskPolicyArn to chosen task policies...',
              build: (choice) => fix(choice, `Restrict sts:TaskPolicyArn to ${choice.join(', ')}`),
            },
          ],
        });
      }
    }
  },
};
