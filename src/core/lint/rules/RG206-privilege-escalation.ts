/**
 * RG206: actions that let the holder raise their own privileges when allowed on every resource: rewrite
 * or attach policies, mint credentials for other users, or change who may assume a role; and
 * combinations that do it together with iam:PassRole (escalationPaths.ts).
 */
import type { Located, Rule } from '../model';
import { deniedInPolicy } from '../semantics/deniedInPolicy';
import { listNames } from '../semantics/describe';
import { narrowGrants } from '../semantics/grants';
import { coversAllResources } from '../semantics/resources';
import { type EscalationPath, escalationPaths } from './escalationPaths';
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

/** The IAM resource type each acts on (Service Authorization Reference): `user/*` opens no role's policy. */
const RESOURCE_TYPE: Record<(typeof ESCALATION_ACTIONS)[number], string> = {
  'iam:CreatePolicyVersion': 'policy',
  'iam:SetDefaultPolicyVersion': 'policy',
  'iam:AttachUserPolicy': 'user',
  'iam:AttachGroupPolicy': 'group',
  'iam:AttachRolePolicy': 'role',
  'iam:PutUserPolicy': 'user',
  'iam:PutGroupPolicy': 'group',
  'iam:PutRolePolicy': 'role',
  'iam:CreateAccessKey': 'user',
  'iam:CreateLoginProfile': 'user',
  'iam:UpdateLoginProfile': 'user',
  'iam:UpdateAssumeRolePolicy': 'role',
  'iam:AddUserToGroup': 'group',
};

export const privilegeEscalation: Rule = {
  meta: {
    id: 'RG206',
    name: 'privilege-escalation',
    defaultSeverity: 'warning',
    description: 'Known privilege-escalation actions on *, and iam:PassRole with the actions that let a service run as the role.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      // `*` and `iam:*` are reported by RG201/RG202, NotAction by RG203. The grants first: most statements
      // grant none of these actions, and whether the resources reach every IAM resource asks the engine.
      const grants = narrowGrants(statement, ESCALATION_ACTIONS);
      if (grants.length === 0 || !coversAllResources(statement, 'iam')) return;
      for (const grant of grants) {
        // Asked only of the few patterns that grant one: the policy's own Deny may take some back.
        const onEvery = (action: string) => coversAllResources(statement, 'iam', RESOURCE_TYPE[action as keyof typeof RESOURCE_TYPE]);
        const actions = grant.actions.filter((action) => onEvery(action) && !deniedInPolicy(document, action));
        if (actions.length === 0) continue;
        const { pattern } = grant;
        const via = actions.length === 1 && actions[0].toLowerCase() === pattern.value.toLowerCase() ? '' : ` ("${pattern.value}")`;
        context.report({
          document,
          node: pattern.node,
          message: `Allows ${listNames(actions)}${via} on every resource: a path to privilege escalation. Scope Resource to the users, roles or policies meant.`,
        });
      }
    });
    for (const document of context.documents) {
      // One finding per iam:PassRole grant, naming every path it opens.
      const byGrant = new Map<Located<string>, EscalationPath[]>();
      for (const { passRole, path } of escalationPaths(document)) byGrant.set(passRole, [...(byGrant.get(passRole) ?? []), path]);
      for (const [passRole, paths] of byGrant) {
        const opened = paths.map((p) => `with ${listNames(p.actions)} to ${p.how}`).join('; ');
        context.report({
          document,
          node: passRole.node,
          message: `iam:PassRole on every role ("${passRole.value}") is a path to privilege escalation ${opened}. Name the roles that may be passed in Resource.`,
        });
      }
    }
  },
};
