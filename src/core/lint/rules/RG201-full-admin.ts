/** RG201: `Allow` of every action on every resource with no condition: full administrator access. */
import type { Rule } from '../model';
import { coversEveryAction } from '../semantics/grants';
import { coversAllResources, hasCondition } from '../semantics/resources';
import { forEachAllow } from './visit';

export const fullAdmin: Rule = {
  meta: {
    id: 'RG201',
    name: 'full-admin',
    defaultSeverity: 'error',
    description: 'Allow * on * without condition.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      if (statement.action?.negated || hasCondition(statement) || !coversAllResources(statement)) return;
      const pattern = statement.action?.values.find((v) => coversEveryAction(v.value));
      if (!pattern) return;
      context.report({
        document,
        node: pattern.node,
        message: 'Allows every action on every resource without condition: full administrator access, sts:AssumeRoot and IAM included.',
      });
    });
  },
};
