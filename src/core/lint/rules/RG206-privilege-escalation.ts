/**
 * RG206: actions that let the holder raise their own privileges when allowed on every resource: rewrite
 * or attach policies, mint credentials for other users, or change who may assume a role; and
 * combinations that do it together with iam:PassRole (escalationPaths.ts). Which values grant them asks the
 * engine: one known only in part (`iam:Put${var.action}`, which may be iam:PutRolePolicy) may, and is reported
 * as such.
 */
import type { Located, Rule } from '../model';
import { deniedInPolicy } from '../semantics/deniedInPolicy';
import { listNames } from '../semantics/describe';
import { valueGrants } from '../semantics/grants';
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
      // `*` and `iam:*` (or a value that may be it) are reported by RG201/RG202, NotAction by RG203. The grants
      // first: most statements grant none of these actions, and whether the resources reach every IAM resource
      // asks the engine.
      const grants = valueGrants(statement, ESCALATION_ACTIONS);
      if (grants.length === 0 || !coversAllResources(statement, 'iam')) return;
      // Asked only of the few values that grant one: the policy's own Deny may take some back.
      const open = (action: string) => coversAllResources(statement, 'iam', RESOURCE_TYPE[action as keyof typeof RESOURCE_TYPE]) && !deniedInPolicy(document, action);
      for (const { pattern, surely, maybe } of grants) {
        const surelyOpen = surely.filter(open);
        const maybeOpen = surelyOpen.length ? [] : maybe.filter(open);
        if (surelyOpen.length === 0 && maybeOpen.length === 0) continue;
        const advice = 'Scope Resource to the users, roles or policies meant.';
        const via = surelyOpen.length === 1 && surelyOpen[0].toLowerCase() === pattern.value.toLowerCase() ? '' : ` ("${pattern.value}")`;
        context.report({
          document,
          node: pattern.node,
          message: surelyOpen.length
            ? `Allows ${listNames(surelyOpen)}${via} on every resource: a path to privilege escalation. ${advice}`
            : `"${pattern.value}" is known only in part before deployment: it may allow ${listNames(maybeOpen)} on every resource, a path to privilege escalation. ${advice}`,
        });
      }
    });
    for (const document of context.documents) {
      // One finding per iam:PassRole grant, naming every path it opens.
      const byGrant = new Map<Located<string>, { surely: boolean; paths: EscalationPath[] }>();
      for (const { passRole, surely, path } of escalationPaths(document)) {
        byGrant.set(passRole, { surely, paths: [...(byGrant.get(passRole)?.paths ?? []), path] });
      }
      for (const [passRole, { surely, paths }] of byGrant) {
        const opened = paths.map((p) => `with ${listNames(p.actions)} to ${p.how}`).join('; ');
        const advice = 'Name the roles that may be passed in Resource.';
        context.report({
          document,
          node: passRole.node,
          message: surely
            ? `iam:PassRole on every role ("${passRole.value}") is a path to privilege escalation ${opened}. ${advice}`
            : `"${passRole.value}" is known only in part before deployment: it may allow iam:PassRole on every role, a path to privilege escalation ${opened}. ${advice}`,
        });
      }
    }
  },
};
