/**
 * RG016 duplicate-key: a key given twice in one object. JSON leaves it open which one counts; the common
 * parsers keep the last, as the YAML reader and Terraform's objects do, so the first is dropped without a
 * word: two `StringEquals` blocks in a `Condition` become the second alone, and a grant scoped by the first
 * is no longer scoped. The linter and the engine read the policy that way too (see text/shadowedKeys.ts);
 * this rule says so at the key that does not count, naming where the one that counts is.
 */
import type { Node } from 'jsonc-parser';
import { lineStarts, positionAt } from '../../text/lines';
import { overridingProperty } from '../../text/shadowedKeys';
import { hasOwnText } from '../documents';
import type { Rule } from '../model';

export const duplicateKey: Rule = {
  meta: {
    id: 'RG016',
    name: 'duplicate-key',
    defaultSeverity: 'error',
    description: 'A key given twice in one object: parsers keep the last, so the first is silently ignored.',
  },
  checkFile(context) {
    const ownText = context.documents.filter((d) => hasOwnText(d, context.text) && d.shadowed?.length);
    if (!context.shadowed?.length && ownText.length === 0) return;
    const lines = lineStarts(context.text);
    const where = (later: Node | undefined, toFileOffset: (offset: number) => number) => {
      if (!later) return '';
      const { line, column } = positionAt(lines, toFileOffset(later.offset));
      return ` at line ${line}, column ${column}`;
    };
    for (const property of context.shadowed ?? []) {
      context.report({ node: keyOf(property), message: describe(property, where(overridingProperty(property), (offset) => offset)) });
    }
    for (const document of ownText) {
      for (const property of document.shadowed!) {
        context.report({ document, node: keyOf(property), message: describe(property, where(overridingProperty(property), document.toFileOffset)) });
      }
    }
  },
};

function keyOf(property: Node): Node {
  return property.children![0];
}

function describe(property: Node, where: string): string {
  const key = JSON.stringify(keyOf(property).value);
  return `${key} is given again${where}: parsers keep only the last one (JSON.parse, Go, Python, Jackson, Terraform's objects), so this one is dropped where the policy is read, and RootGuard reads the policy without it too. Merge the two into one ${key}.`;
}
