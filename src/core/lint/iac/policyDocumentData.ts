/**
 * Terraform's `data "aws_iam_policy_document"` read as the policy JSON it renders: its `statement` and
 * `dynamic "statement"` blocks (each read by statementBlock.ts), with `source_policy_documents` and
 * `override_policy_documents` merged by Sid (another local policy document, or JSON written in place).
 * Each part keeps its source range; handles tell the HCL writer which attribute or block wrote it.
 */
import type { ParseProblem } from '../model';
import type { HclNode } from './hclParser';
import { firstDirective, forEachScopes, functionCall, hclValue, isTemplateString, localDocumentName, NO_SCOPE, rangeOf, templateText, unwrap } from './hclValues';
import { attributes, attributeValue, blockBody, innerBlocks } from './hclBlocks';
import { conditionalItems, type ForEachTree, forEachTree, mapLeaves, presenceOf } from './dynamicBlocks';
import { mappedJsonValue } from './mappedJson';
import { computedString, entryValue, type IacEntry, type IacMap, type IacValue, linearText, readOnly, stringOf, unknownText } from './sourceTree';
import { entry, readStatement } from './statementBlock';

/**
 * A document's statements: a `statement` block's, and a `dynamic "statement"`'s once per string of a
 * `for_each` over strings written in place (`statement.value`, or its `iterator`'s, holding it), as
 * Terraform writes them; over anything else once, its references to the iteration unknown (innerBlocks),
 * and only where it may have items: never for an empty collection (`[]`, `{}`, `toset([])`), on one side
 * for a variable (`var.deny_statements`, which may be empty) unless it makes all of the document's. A
 * `for_each` chosen by a conditional (`var.on ? [1] : []`, `var.on ? { a = 1 } : {}`) makes each side's
 * statements on that side only (dynamicBlocks.ts). One past the bounds on iterations (iterationBudget.ts)
 * goes to `notRead`, with why: read once, `statement.value` unknown, a statement per task would read as one
 * for any task.
 */
function readStatements(block: HclNode, notRead: ParseProblem[], mergedIntoAnother: boolean): IacValue[] {
  const makers = statementMakers(block);
  // A document whose only statements one variable gives is read with them: without any it is no policy AWS
  // takes (a module that makes it only when `length(var.statements) > 0`), not a reading worth an error.
  // Not so where another document merges it (`source_policy_documents`): there, empty adds nothing and the
  // merged policy is deployed without it.
  const alone = makers.length === 1 && !mergedIntoAnother && !LINKING_ATTRIBUTES.some((name) => attributes(block).has(name));
  return makers.flatMap((c): IacValue[] => {
    const [identifier] = c.namedChildren;
    if (identifier?.text === 'statement') return present(readStatement(c, NO_SCOPE, notRead));
    const attrs = attributes(c);
    const forEach = attrs.get('for_each');
    const iterator = attrs.get('iterator');
    const name = iterator ? attributeValue(iterator).text.trim() : 'statement';
    return innerBlocks(c, 'content').flatMap((content) => {
      if (!forEach) return present(readStatement(content, NO_SCOPE, notRead));
      // Content read for more than one value (on any side) is one text every statement it makes reads: none
      // of them is edited alone. (Read once for any value, its one reading already stands for every statement.)
      let shared = false;
      const tree = forEachTree(attributeValue(forEach), (collection): ForEachTree<IacValue[]> => {
        const scopes = forEachScopes(collection, name, content);
        if (scopes && 'notRead' in scopes) {
          notRead.push({ message: `its dynamic "statement" is not read: ${scopes.notRead}`, range: rangeOf(collection) });
          return { leaf: [] };
        }
        if (scopes) {
          shared ||= scopes.length > 1;
          return { leaf: scopes.flatMap((scope) => present(readStatement(content, scope, notRead))) };
        }
        // Any other collection makes one statement of unknown values, or none: none when written empty (`{}`,
        // `tomap({})`), and a variable (`var.deny_statements`, default `[]`) may be empty, so a guard Deny it
        // makes is read as present and as absent (`length(var.deny_statements) > 0` on each side).
        const presence = presenceOf(collection);
        return mapLeaves(alone && !('leaf' in presence) ? { leaf: true } : presence, (made) => (made ? present(readStatement(content, NO_SCOPE, notRead)) : []));
      });
      const statements = conditionalItems(tree);
      return shared ? statements.map(readOnly) : statements;
    });
  });
}

/** A document's `statement` and `dynamic "statement"` blocks, in source order. */
function statementMakers(block: HclNode): HclNode[] {
  return (blockBody(block)?.namedChildren ?? []).filter((c): c is HclNode => {
    if (c?.type !== 'block') return false;
    const [identifier, label] = c.namedChildren;
    return identifier?.text === 'statement' || (identifier?.text === 'dynamic' && label?.text === '"statement"');
  });
}

function present(value: IacValue | undefined): IacValue[] {
  return value ? [value] : [];
}

/** Whether a `data "aws_iam_policy_document"` names principals in a statement: a trust or resource policy's mark. */
export function namesPrincipals(block: HclNode): boolean {
  return innerBlocks(block, 'statement').some((statement) => innerBlocks(statement, 'principals').length > 0 || innerBlocks(statement, 'not_principals').length > 0);
}

/**
 * Reads a policy document block; `lookup` finds another local policy document by name (for source/override).
 * What it does not read (its own statements or a merged document's) goes to `notRead`: the document is then
 * not checked.
 */
export function readPolicyDocument(
  block: HclNode,
  lookup: (name: string) => HclNode | undefined,
  notRead: ParseProblem[],
  seen: ReadonlySet<HclNode> = new Set(),
): IacMap {
  const attrs = attributes(block);
  // `seen` holds the documents merging this one, if any.
  const own = readStatements(block, notRead, seen.size > 0);
  // `source_json` and `override_json`, deprecated but still read by the provider, merge as the lists do.
  const merged = (attribute: string) => linked(attrs.get(attribute), lookup, notRead, seen, block);
  const sources = [...merged('source_json'), ...merged('source_policy_documents')];
  let statements = mergeBySid(sources, own);
  const overrides = [...merged('override_policy_documents'), ...merged('override_json')];
  statements = mergeBySid(statements, overrides);
  const range = rangeOf(block);
  const entries: IacEntry[] = [];
  const version = attrs.get('version');
  entries.push(
    version
      ? entry('Version', version)
      : { key: 'Version', keyRange: range, value: computedString(linearText('2012-10-17', { start: range.start, end: range.start }), { start: range.start, end: range.start }) },
  );
  const id = attrs.get('policy_id');
  if (id) entries.push(entry('Id', id));
  const statementRange = own[0]?.range ?? range;
  entries.push({ key: 'Statement', keyRange: statementRange, value: { kind: 'seq', items: statements, range: statementRange } });
  return { kind: 'map', entries, range };
}

/** The local policy documents a document's `source_`/`override_policy_documents` (or `_json`) name. */
export function linkedDocumentNames(block: HclNode): string[] {
  const attrs = attributes(block);
  return LINKING_ATTRIBUTES.flatMap((name) => listItems(attrs.get(name)).flatMap((item) => localDocumentName(item) ?? []));
}

const LINKING_ATTRIBUTES = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];

function listItems(attribute: HclNode | undefined): HclNode[] {
  if (!attribute) return [];
  const list = unwrap(attributeValue(attribute));
  return list.type === 'tuple' ? list.namedChildren.filter((c): c is HclNode => c?.type === 'expression') : [list];
}

/** Statements of `over` replace those of `base` with the same Sid; the others (an unknown one too) are added. */
function mergeBySid(base: IacValue[], over: IacValue[]): IacValue[] {
  const result = [...base];
  for (const statement of over) {
    const sid = stringOf(entryValue(statement, 'Sid'));
    const at = sid ? result.findIndex((s) => stringOf(entryValue(s, 'Sid')) === sid) : -1;
    if (at >= 0) result[at] = statement;
    else result.push(statement);
  }
  return result;
}

/**
 * The statements of the documents a `source_`/`override_policy_documents` list names: another local policy
 * document, or JSON written in place (`jsonencode({...})`, a heredoc). Any other item (a module's output, a
 * variable, `file()`) is one statement known only at deployment: it may allow, deny or replace, so the
 * engine does not answer with certainty, and RG010 says it was not checked.
 */
function linked(attribute: HclNode | undefined, lookup: (name: string) => HclNode | undefined, notRead: ParseProblem[], seen: ReadonlySet<HclNode>, self: HclNode): IacValue[] {
  return listItems(attribute).flatMap((item) => {
    const name = localDocumentName(item);
    const target = name === undefined ? undefined : lookup(name);
    if (target && !seen.has(target) && target !== self) {
      const document = readPolicyDocument(target, lookup, notRead, new Set([...seen, self]));
      const statements = entryValue(document, 'Statement');
      return statements?.kind === 'seq' ? statements.items : [];
    }
    return writtenStatements(item) ?? [computedString(unknownText(rangeOf(item)), rangeOf(item))];
  });
}

/** The statements of a policy written in place as `jsonencode({...})` or a JSON string; undefined for anything else. */
function writtenStatements(item: HclNode): IacValue[] | undefined {
  const node = unwrap(item);
  const call = functionCall(node);
  let document: IacValue | undefined;
  if (call?.name === 'jsonencode' && call.args.length === 1) document = hclValue(call.args[0]);
  else if (isTemplateString(node) && !firstDirective(node)) document = mappedJsonValue(templateText(node));
  const statements = entryValue(document, 'Statement');
  if (statements?.kind === 'seq') return statements.items;
  return statements?.kind === 'map' ? [statements] : undefined;
}

