/** RG204: an `Allow` with `NotResource` grants on every resource but the listed ones, future ones included. */
import type { Rule } from '../model';
import { count } from '../semantics/describe';
import { forEachAllow } from './visit';

export const allowNotResource: Rule = {
  meta: {
    id: 'RG204',
    name: 'allow-not-resource',
    defaultSeverity: 'warning',
    description: 'Allow with NotResource.',
    appliesTo: ['identity', 'resource'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      if (!statement.resource?.negated) return;
      context.report({
        document,
        node: statement.resource.keyNode,
        message: `Allow with NotResource grants on every resource but the ${count(statement.resource.values.length, 'listed one')}, including resources created later. List the resources instead.`,
      });
    });
  },
};
