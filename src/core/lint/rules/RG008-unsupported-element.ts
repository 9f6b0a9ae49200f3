/**
 * RG008 unsupported-element: `Principal`/`NotPrincipal` belong to resource policies. An SCP or identity
 * policy applies to the principals it is attached to, and IAM and Organizations reject it with one.
 */
import { removeProperty } from '../edits';
import type { PolicyDocument, Rule, Statement } from '../model';

/** Why IAM or Organizations rejects the statement for its principal element; undefined when they do not. */
export function unsupportedPrincipal(document: PolicyDocument, statement: Statement): string | undefined {
  const principal = statement.principal;
  if (!principal || (document.type !== 'scp' && document.type !== 'identity')) return undefined;
  const kind = document.type === 'scp' ? 'an SCP' : 'an identity policy';
  const name = principal.negated ? 'NotPrincipal' : 'Principal';
  return `${name} is not supported in ${kind}: it applies to the principals it is attached to.`;
}

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
      for (const statement of document.statements) {
        const property = statement.principal?.keyNode.parent;
        const unsupported = unsupportedPrincipal(document, statement);
        if (!property || !unsupported) continue;
        const name = statement.principal!.negated ? 'NotPrincipal' : 'Principal';
        const message = `${unsupported} Remove ${name}, or lint this file as a resource policy (--type resource).`;
        context.report({ document, node: statement.principal!.keyNode, message, fixes: [{ title: `Remove ${name}`, edits: [removeProperty(property)] }] });
      }
    }
  },
};
