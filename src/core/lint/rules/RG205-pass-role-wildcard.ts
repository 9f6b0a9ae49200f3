/**
 * RG205: `iam:PassRole` on every role: the holder can hand any role, administrator roles included, to a
 * service (EC2, Lambda, CloudFormation...) and act with its permissions.
 */
import type { Rule } from '../model';
import { narrowGrants } from '../semantics/grants';
import { coversAllResources } from '../semantics/resources';
import { forEachAllow } from './visit';

export const passRoleWildcard: Rule = {
  meta: {
    id: 'RG205',
    name: 'pass-role-wildcard',
    defaultSeverity: 'warning',
    description: 'iam:PassRole on *.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      if (!coversAllResources(statement)) return;
      // `*` and `iam:*` are reported by RG201/RG202, NotAction by RG203.
      for (const { pattern } of narrowGrants(statement, ['iam:PassRole'])) {
        context.report({
          document,
          node: pattern.node,
          message: `"${pattern.value}" allows iam:PassRole on every role: any role can be handed to a service and used. Name the roles in Resource (and consider iam:PassedToService).`,
        });
      }
    });
  },
};
