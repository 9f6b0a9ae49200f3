/**
 * RG102: an identity policy whose `sts:TaskPolicyArn` condition still lets `IAMCreateRootUserPassword`
 * through, for every member account. That task sets a console password on a member root user: with the
 * root mailbox, a caller gets persistent root access in any account. A statement with no condition on
 * the key at all is RG101's (the broader finding), so this rule looks only at restricted statements.
 */
import type { Node } from 'jsonc-parser';
import type { Rule } from '../model';
import type { ParsedEntry } from '../semantics/conditionValues';
import { describeRootUserScope, reachesUnboundedAccounts, rootUserScope } from '../semantics/accounts';
import { grantsAction } from '../semantics/grants';
import { permittedTaskPolicies, taskPoliciesMatchedBy } from '../semantics/taskPolicies';
import { forEachAllow } from './visit';

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
    forEachAllow(context, (document, statement) => {
      if (!grantsAction(statement, 'sts:AssumeRoot')) return;
      const permission = permittedTaskPolicies(statement);
      if (permission.unrestricted || !permission.policies.includes(CREATE_PASSWORD)) return;
      const scope = rootUserScope(statement);
      if (!reachesUnboundedAccounts(scope)) return;
      const { node, how } = whereLetThrough(permission.entries);
      context.report({
        document,
        node,
        message:
          `Allows sts:AssumeRoot with ${CREATE_PASSWORD} (${how}) for ${describeRootUserScope(scope)}: a caller can set a ` +
          `console password on any member root user. Name the accounts in Resource, or leave ${CREATE_PASSWORD} out.`,
      });
    });
  },
};

/** The value or entry that lets the password task through, and how, for the message and the range. */
function whereLetThrough(entries: readonly ParsedEntry[]): { node: Node; how: string } {
  for (const { entry, operator } of entries) {
    if (operator.negated) continue;
    const value = entry.values.find((v) => taskPoliciesMatchedBy(operator, v.value).includes(CREATE_PASSWORD));
    if (value) return { node: value.node, how: /[*?]/.test(value.value) ? `matched by "${value.value}"` : 'named' };
  }
  const negated = entries.find((e) => e.operator.negated) ?? entries[0];
  return { node: negated.entry.operator.node, how: `not excluded by ${negated.operator.canonical}` };
}
