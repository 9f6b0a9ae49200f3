/**
 * RG101: an identity policy that lets its holder call `sts:AssumeRoot` with any task policy. Whoever holds
 * it can open a root session that creates a console password, deletes credentials or unlocks bucket and
 * queue policies in the accounts its `Resource` reaches.
 */
import type { Rule } from '../model';
import { describeRootUserScope, reachesAnyRootUser, rootUserScope } from '../semantics/accounts';
import { describeCoverage, grantsAction } from '../semantics/grants';
import { permittedTaskPolicies } from '../semantics/taskPolicies';
import { restrictTaskPoliciesFix } from './rootFixes';
import { forEachAllow } from './visit';

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
    forEachAllow(context, (document, statement) => {
      const grant = grantsAction(statement, 'sts:AssumeRoot');
      if (!grant) return;
      const scope = rootUserScope(statement);
      const permission = permittedTaskPolicies(statement);
      if (!reachesAnyRootUser(scope) || !permission.unrestricted) return;
      const via = describeCoverage(grant);
      const why = permission.entries.length
        ? 'its condition on sts:TaskPolicyArn lets every task policy through'
        : 'no condition restricts sts:TaskPolicyArn';
      const fix = (choice: string[], title: string) => restrictTaskPoliciesFix(document, statement, choice, title);
      const preferred = fix([LEAST_PRIVILEGED_TASK], `Restrict sts:TaskPolicyArn to ${LEAST_PRIVILEGED_TASK} (read-only)`);
      context.report({
        document,
        node: grant.patterns[0]?.node ?? statement.action!.keyNode,
        message:
          `Allows sts:AssumeRoot${via ? ` ${via}` : ''} with every task policy, IAMCreateRootUserPassword and ` +
          `IAMDeleteRootUserCredentials included, for ${describeRootUserScope(scope)}: ${why}.`,
        fixes: preferred ? [{ ...preferred, preferred: true }] : [],
        interactiveFixes: [
          {
            kind: 'chooseTaskPolicies',
            title: 'Restrict sts:TaskPolicyArn to chosen task policies...',
            build: (choice) => fix(choice, `Restrict sts:TaskPolicyArn to ${choice.join(', ')}`),
          },
        ],
      });
    });
  },
};
