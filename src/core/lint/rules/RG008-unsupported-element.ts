/**
 * RG008 unsupported-element: `Principal`/`NotPrincipal` belong to resource policies. An SCP or identity
 * policy applies to the principals it is attached to, and IAM and Organizations reject it with one.
 */
import { removeProperty } from '../edits';
import type { Rule } from '../model';

export const unsupportedElement: Rule = {
  meta: {
    id: 'RG008',
    name: 'unsupported-element',
    defaultSeverity: 'error',
    description: 'Principal or NotPrincipal in an SCP or identity policy, which do not support them.',
    appliesTo: ['scp', 'identity'],
  },
  checkFile(context) {
    for (const document of context.documents) {
      const kind = document.type === 'scp' ? 'an SCP' : 'an identity policy';
      for (const statement of document.statements) {
        const principal = statement.principal;
        const property = principal?.keyNode.parent;
        if (!principal || !property) continue;
        const name = principal.negated ? 'NotPrincipal' : 'Principal';
        context.report({
          document,
          node: principal.keyNode,
          message: `${name} is not supported in ${kind}: it applies to the principals it is attached to. Remove ${name}, or lint this file as a resource policy (--type resource).`,
          fixes: [{ title: `Remove ${name}`, edits: [removeProperty(property)] }],
        });
      }
    }
  },
};
