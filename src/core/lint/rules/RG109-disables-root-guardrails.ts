/**
 * RG109: an unconditioned Allow, on every resource, of an action that switches off centralized root
 * access or the organization's trust in IAM: whoever holds it can turn off root credential management
 * or root sessions (or IAM's service access / delegated administrator that they rest on). An action known only
 * in part (`iam:Disable${var.x}`) may be one, and is reported as such.
 */
import { NO, YES } from '../../policy/tri';
import { prepareRequest } from '../../policy/prepare';
import { statementApplies } from '../../policy/statement';
import { enginePolicy } from '../enginePolicy';
import type { Rule } from '../model';
import { listNames } from '../semantics/describe';
import { valueGrants } from '../semantics/grants';
import { deniedInPolicy } from '../semantics/deniedInPolicy';
import { forEachAllow } from './visit';

/** The actions that disable the root-access features or what they depend on. */
export const ROOT_GUARDRAIL_ACTIONS = [
  'iam:DisableOrganizationsRootCredentialsManagement',
  'iam:DisableOrganizationsRootSessions',
  'organizations:DisableAWSServiceAccess',
  'organizations:DeregisterDelegatedAdministrator',
] as const;

export const disablesRootGuardrails: Rule = {
  meta: {
    id: 'RG109',
    name: 'disables-root-guardrails',
    defaultSeverity: 'warning',
    description: 'An unconditioned Allow on * of actions that disable centralized root access.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      // Only a value that grants one of the actions can be reported (below): a statement without one, nearly
      // every statement of a broad policy, needs no question to the engine. Whole-service grants (`*`, `iam:*`,
      // or a value that may be one) are RG201/RG202's and NotAction RG203's: reporting them again adds nothing.
      const grants = valueGrants(statement, ROOT_GUARDRAIL_ACTIONS);
      if (grants.length === 0) return;
      // The engine decides what the statement grants with no condition key given; these actions act on `*`.
      const engineStatement = enginePolicy(document).statements.find((s) => s.index === statement.index);
      if (!engineStatement || engineStatement.conditions.length > 0) return;
      const applies = (action: string) => (deniedInPolicy(document, action) ? NO : statementApplies(engineStatement, prepareRequest({ action, resource: '*' }), false).applies);
      const answers = new Map(ROOT_GUARDRAIL_ACTIONS.map((action) => [action as string, applies(action)]));
      const advice = 'the holder can switch off centralized root access guardrails.';
      for (const { pattern, surely, maybe } of grants) {
        const surelyGranted = surely.filter((action) => answers.get(action) === YES);
        // A value known only in part makes the statement's answer a maybe at best.
        const maybeGranted = surelyGranted.length ? [] : maybe.filter((action) => answers.get(action) !== NO);
        if (surelyGranted.length === 0 && maybeGranted.length === 0) continue;
        context.report({
          document,
          node: pattern.node,
          message: surelyGranted.length
            ? `Allows ${listNames(surelyGranted)} on every resource without condition: ${advice}`
            : `"${pattern.value}" is known only in part before deployment: it may allow ${listNames(maybeGranted)} on every resource without condition, and then ${advice}`,
        });
      }
    });
  },
};
