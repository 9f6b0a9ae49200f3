/**
 * RG003 version: a policy without `Version`, or with the 2008-10-17 language, reads policy variables such
 * as `${aws:username}` as literal text, so conditions and resources silently stop matching what was meant.
 */
import { UNKNOWN_PART } from '../../policy';
import { insertFirstProperty, replaceNode } from '../edits';
import type { Fix, Rule } from '../model';

const CURRENT = '2012-10-17';

export const version: Rule = {
  meta: {
    id: 'RG003',
    name: 'version',
    defaultSeverity: 'warning',
    description: 'The policy has no Version, or an old or unknown one; use "2012-10-17".',
  },
  checkFile(context) {
    for (const document of context.documents) {
      const { root } = document;
      if (root.type !== 'object') continue;
      const found = document.version;
      if (!found) {
        const fix: Fix = { title: `Set Version to ${CURRENT}`, edits: [insertFirstProperty(document.text, root, 'Version', `"${CURRENT}"`)], preferred: true };
        context.report({
          document,
          range: { start: root.offset, end: root.offset + 1 },
          message: `The policy has no Version, so IAM reads it with the 2008-10-17 language where policy variables do not work. Add "Version": "${CURRENT}".`,
          fixes: [fix],
        });
        continue;
      }
      // A template's `!Ref` is only known at deployment.
      if (found.value === CURRENT || (typeof found.value === 'string' && found.value.includes(UNKNOWN_PART))) continue;
      const message =
        found.value === '2008-10-17'
          ? `Version 2008-10-17 is the old policy language: policy variables such as \${aws:username} are read as plain text. Use "${CURRENT}".`
          : `Version must be "${CURRENT}" (or the outdated "2008-10-17"); found ${JSON.stringify(found.value)}.`;
      context.report({
        document,
        node: found.node,
        message,
        fixes: [{ title: `Set Version to ${CURRENT}`, edits: [replaceNode(found.node, `"${CURRENT}"`)], preferred: true }],
      });
    }
  },
};
