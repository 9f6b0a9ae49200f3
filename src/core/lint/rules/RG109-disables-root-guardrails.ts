/**
 * RG109: an unconditioned Allow, on every resource, of an action that switches off centralized root
 * access or the organization's trust in IAM: whoever holds it can turn off root credential management
 * or root sessions (or IAM's service access / delegated administrator that they rest on).
 */
import { YES } from '../../policy/tri';
import { prepareRequest } from '../../policy/prepare';
import { statementApplies } from '../../policy/statement';
import { enginePolicy } from '../enginePolicy';
import type { Rule } from '../model';
import { listNames } from '../semantics/describe';
import { deniedInPolicy } from '../semantics/deniedInPolicy';
import { narrowGrants } from '../semantics/grants';
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
      // Only a pattern that covers one of the actions can be reported (below): a statement without one,
      // nearly every statement of a broad policy, needs no question to the engine.
      if (narrowGrants(statement, ROOT_GUARDRAIL_ACTIONS).length === 0) return;
      // The engine decides what the statement grants with no condition key given; these actions act on `*`.
      const engineStatement = enginePolicy(document).statements.find((s) => s.index === statement.index);
      if (!engineStatement || engineStatement.conditions.length > 0) return;
      const granted = ROOT_GUARDRAIL_ACTIONS.filter(
        (action) => statementApplies(engineStatement, prepareRequest({ action, resource: '*' }), false).applies === YES && !deniedInPolicy(document, action),
      );
      // Whole-service grants (`*`, `iam:*`) are RG201/RG202's and NotAction RG203's: reporting them again adds nothing.
      for (const { pattern, actions } of narrowGrants(statement, granted)) {
        context.report({
          document,
          node: pattern.node,
          message: `Allows ${listNames(actions)} on every resource without condition: the holder can switch off centralized root access guardrails.`,
        });
      }
    });
  },
};
