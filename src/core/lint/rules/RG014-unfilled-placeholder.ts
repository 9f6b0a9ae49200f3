/**
 * RG014 unfilled-placeholder: an example or template policy deployed before its placeholders were filled
 * in (`arn:aws:cloudtrail:${Region}:${Account}:trail/[CLOUDTRAIL_NAME]`, `<ACCOUNT_ID>`). AWS rejects some
 * (an ARN with `<` in its account), and the rest match nothing: a Deny that protects nothing, an exemption
 * that exempts no one. Actions are RG009's. What counts as a placeholder: placeholders.ts.
 */
import type { Node } from 'jsonc-parser';
import type { Located, Rule, Statement } from '../model';
import { findPlaceholder } from '../placeholders';

export const unfilledPlaceholder: Rule = {
  meta: {
    id: 'RG014',
    name: 'unfilled-placeholder',
    defaultSeverity: 'error',
    description: 'A placeholder left in a value ([CLOUDTRAIL_NAME], <ACCOUNT_ID>, ${Region} outside a template): fill it in before deploying.',
  },
  checkFile(context) {
    const inTemplate = context.type === 'cloudformation';
    for (const document of context.documents) {
      for (const statement of document.statements) {
        for (const { label, value } of valuesOf(statement)) {
          const placeholder = findPlaceholder(value.value, inTemplate);
          if (!placeholder) continue;
          context.report({
            document,
            node: value.node,
            message: `${label} ${JSON.stringify(value.value)} still holds the placeholder ${placeholder}: as written it matches nothing, or AWS rejects it. Fill in the real value.`,
          });
        }
      }
    }
  },
};

/** The values a placeholder may hide in, with what to call them in messages. */
function* valuesOf(statement: Statement): Generator<{ label: string; value: Located<string> }> {
  if (statement.resource) {
    const label = statement.resource.negated ? 'NotResource' : 'Resource';
    for (const value of statement.resource.values) yield { label, value };
  }
  if (statement.principal) {
    const label = statement.principal.negated ? 'NotPrincipal' : 'Principal';
    for (const node of stringsUnder(statement.principal.node)) yield { label, value: { value: String(node.value), node } };
  }
  for (const entry of statement.conditions) {
    yield { label: 'Condition key', value: entry.key };
    for (const value of entry.values) yield { label: `${entry.key.value}`, value };
  }
}

/** The string values of a principal: `"*"`, or the ids under `AWS`, `Service`, ... */
function stringsUnder(node: Node): Node[] {
  if (node.type === 'string') return [node];
  if (node.type === 'array') return (node.children ?? []).filter((n) => n.type === 'string');
  if (node.type === 'object') return (node.children ?? []).flatMap((prop) => (prop.children?.[1] ? stringsUnder(prop.children[1]) : []));
  return [];
}
