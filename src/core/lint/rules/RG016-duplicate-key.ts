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
import type { Fix, Rule, TextEdit } from '../model';
import { propertyValue } from '../parse';

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
      const later = overridingProperty(property);
      context.report({ node: keyOf(property), message: describe(property, where(later, (offset) => offset)), fixes: mergeFix(property, later, context.text) });
    }
    for (const document of ownText) {
      for (const property of document.shadowed!) {
        const later = overridingProperty(property);
        context.report({ document, node: keyOf(property), message: describe(property, where(later, document.toFileOffset)), fixes: mergeFix(property, later, document.text) });
      }
    }
  },
};

/**
 * Two condition blocks under one key in an Allow (two `StringEquals` blocks, the usual slip): their keys
 * moved into the one that counts, so that all of them apply, as the author wrote them to. The merge only
 * narrows the Allow, so it is offered there alone: in a Deny it would make the Deny apply less often than
 * the policy as read (the later block alone), and a duplicate `Principal` merged grants the principals of
 * both. Not offered either when the two share a key (which value is meant is the author's to say), nor for
 * other values: two `Effect`s or two lists of actions have no merge that is surely what was meant. In YAML
 * or HCL the linter cannot write it, and drops it.
 */
function mergeFix(earlier: Node, later: Node | undefined, text: string): Fix[] {
  if (statementOfCondition(earlier)?.effect !== 'Allow') return [];
  const moved = earlier.children?.[1];
  const into = later?.children?.[1];
  if (moved?.type !== 'object' || into?.type !== 'object' || !moved.children?.length) return [];
  const keys = new Set(into.children?.map((p) => p.children?.[0]?.value));
  if (moved.children.some((p) => keys.has(p.children?.[0]?.value))) return [];
  const members = moved.children.map((p) => text.slice(p.offset, p.offset + p.length)).join(', ');
  const first = into.children?.[0];
  const insert: TextEdit = first ? { start: first.offset, end: first.offset, text: `${members}, ` } : { start: into.offset + 1, end: into.offset + 1, text: ` ${members} ` };
  const removal = removeShadowed(earlier, text);
  if (!removal) return [];
  const key = JSON.stringify(keyOf(earlier).value);
  return [{ title: `Merge into the later ${key} (all of its keys then apply)`, edits: [removal, insert] }];
}

/**
 * Removes a shadowed property up to the next one. Its object no longer lists it (the reading dropped it, as
 * parsers do), so the neighbours come from the text: a later property of the same key always follows, after
 * a comma; anything else there (a comment) and the fix is not offered.
 */
function removeShadowed(property: Node, text: string): TextEdit | undefined {
  const blank = /\s/;
  let at = property.offset + property.length;
  while (blank.test(text.charAt(at))) at++;
  if (text.charAt(at) !== ',') return undefined;
  at++;
  while (blank.test(text.charAt(at))) at++;
  return { start: property.offset, end: at, text: '' };
}

/** The statement whose `Condition` (or a block of it) the property is, with its Effect; undefined for any other property. */
function statementOfCondition(property: Node): { effect: unknown } | undefined {
  const object = property.parent;
  const above = object?.parent;
  const statement = keyOf(property).value === 'Condition' ? object : above?.type === 'property' && above.children?.[0]?.value === 'Condition' ? above.parent : undefined;
  return statement?.type === 'object' ? { effect: propertyValue(statement, 'Effect')?.value } : undefined;
}

function keyOf(property: Node): Node {
  return property.children![0];
}

function describe(property: Node, where: string): string {
  const key = JSON.stringify(keyOf(property).value);
  const advice =
    statementOfCondition(property)?.effect === 'Deny'
      ? `Merged into one ${key}, the Deny would apply only where both hold; to deny where either does, write two statements.`
      : `Merge the two into one ${key}.`;
  return `${key} is given again${where}: parsers keep only the last one (JSON.parse, Go, Python, Jackson, Terraform's objects), so this one is dropped where the policy is read, and RootGuard reads the policy without it too. ${advice}`;
}
