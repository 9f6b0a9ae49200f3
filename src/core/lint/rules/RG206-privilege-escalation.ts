/**
 * RG206: actions that let the holder raise their own privileges when allowed on every resource: rewrite
 * or attach policies, mint credentials for other users, or change who may assume a role.
 */
import type { Rule } from '../model';
import { listNames } from '../semantics/describe';
import { narrowGrants } from '../semantics/grants';
import { coversAllResources } from '../semantics/resources';
import { forEachAllow } from './visit';

/** The catalog's escalation actions, with `iam:Attach*Policy` and `iam:Put*Policy` spelled out. */
export const ESCALATION_ACTIONS = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:UpdateAssumeRolePolicy',
  'iam:AddUserToGroup',
] as const;

export const privilegeEscalation: Rule = {
  meta: {
    id: 'RG206',
    name: 'privilege-escalation',
    defaultSeverity: 'warning',
    description: 'Known privilege-escalation actions on *.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      if (!coversAllResources(statement)) return;
      // `*` and `iam:*` are reported by RG201/RG202, NotAction by RG203.
      for (const { pattern, actions } of narrowGrants(statement, ESCALATION_ACTIONS)) {
        const via = actions.length === 1 && actions[0].toLowerCase() === pattern.value.toLowerCase() ? '' : ` ("${pattern.value}")`;
        context.report({
          document,
          node: pattern.node,
          message: `Allows ${listNames(actions)}${via} on every resource: a path to privilege escalation. Scope Resource to the users, roles or policies meant.`,
        });
      }
    });
  },
};
