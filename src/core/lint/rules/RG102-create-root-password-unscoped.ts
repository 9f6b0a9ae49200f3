/**
 * RG102: an identity policy that, taken whole, still lets its holder open `IAMCreateRootUserPassword`
 * root sessions for every member account (or an open-ended set of them). That task sets a console password
 * on a member root user: with the root mailbox, a caller gets persistent root access in any account. A
 * policy that grants every task policy, future ones included, is RG101's (the broader finding), so this
 * rule looks only at restricted grants.
 */
import type { Node } from 'jsonc-parser';
import { hasWildcard } from '../match';
import type { Rule, Statement } from '../model';
import { TASK_POLICY_ARN_KEY, parsedEntriesForKey } from './conditionEntries';
import { assumeRootPattern, grantCaveat, describeAccounts, effectiveGrant, grantOf, grantingStatements, grantsEveryTask } from './rootGrant';
import { taskPoliciesMatchedBy } from './taskPolicyValues';

const CREATE_PASSWORD = 'IAMCreateRootUserPassword';

export const createRootPasswordUnscoped: Rule = {
  meta: {
    id: 'RG102',
    name: 'create-root-password-unscoped',
    defaultSeverity: 'error',
    description: 'An Allow of sts:AssumeRoot that permits IAMCreateRootUserPassword for every member account.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    for (const document of context.documents) {
      const grants = effectiveGrant(document);
      const create = grantOf(grants, CREATE_PASSWORD);
      if (!create || grantsEveryTask(grants)) continue;
      if (!create.everyAccount && !create.accounts.some((a) => a.pattern)) continue;
      for (const statement of grantingStatements(document, create)) {
        const { node, how } = whereLetThrough(statement);
        context.report({
          document,
          node,
          message:
            `Allows sts:AssumeRoot with ${CREATE_PASSWORD} (${how}) for ${describeAccounts(create)}${grantCaveat(create)}: a caller can set a ` +
            `console password on any member root user. Name the accounts in Resource, or leave ${CREATE_PASSWORD} out.`,
        });
      }
    }
  },
};

/** The value or entry that lets the password task through, and how, for the message and the range. */
function whereLetThrough(statement: Statement): { node: Node; how: string } {
  const entries = parsedEntriesForKey(statement, TASK_POLICY_ARN_KEY);
  for (const { entry, operator } of entries) {
    if (operator.negated) continue;
    const value = entry.values.find((v) => taskPoliciesMatchedBy(operator, v.value).includes(CREATE_PASSWORD));
    if (value) return { node: value.node, how: hasWildcard(value.value) ? `matched by "${value.value}"` : 'named' };
  }
  const negated = entries.find((e) => e.operator.negated) ?? entries[0];
  if (negated) return { node: negated.entry.operator.node, how: `not excluded by ${negated.operator.canonical}` };
  return { node: assumeRootPattern(statement)?.node ?? statement.action!.keyNode, how: 'not excluded by this statement' };
}
