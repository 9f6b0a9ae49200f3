/**
 * Terraform's `data "aws_iam_policy_document"` read as the policy JSON it renders: `statement` blocks
 * (sid, effect defaulting to Allow, actions / not_actions, resources / not_resources, `principals` /
 * `not_principals`, `condition` blocks grouped by `test` then `variable`), with `source_policy_documents`
 * and `override_policy_documents` merged by Sid (another local policy document, or JSON written in place).
 * Each part keeps its source range; handles tell the HCL writer which attribute or block wrote it.
 */
import type { ParseProblem } from '../model';
import type { HclNode } from './hclParser';
import { firstDirective, forEachScopes, functionCall, hclValue, isTemplateString, localDocumentName, NO_SCOPE, rangeOf, type Scope, templateText, unwrap } from './hclValues';
import { conditionalItems, conditionalValue, type ForEachTree, forEachTree, leavesOf, mapLeaves, presenceOf } from './dynamicBlocks';
import { mappedJsonValue } from './mappedJson';
import { computedString, entryValue, type IacEntry, type IacMap, type IacValue, linearText, readOnly, stringOf, unknownText } from './sourceTree';

/** What the writer knows about a map built from blocks. */
export type BlockHandle =
  | { kind: 'statement'; block: HclNode }
  | { kind: 'conditions'; statement: HclNode }
  | { kind: 'operator'; statement: HclNode; operator: string; blocks: HclNode[] };

/** What the writer knows about an entry built from an attribute or from condition blocks. */
export type AttributeHandle = { kind: 'attribute'; attribute: HclNode } | { kind: 'conditionBlocks'; blocks: HclNode[] };

const STATEMENT_LISTS: Array<[string, string]> = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/** The blocks a file writes at its top level (`resource`, `data`, `module`, `variable`, `locals`). */
export function topLevelBlocks(root: HclNode): HclNode[] {
  const body = root.namedChildren.find((c) => c?.type === 'body');
  return (body?.namedChildren ?? []).filter((c): c is HclNode => c?.type === 'block');
}

/** A block's labels, quoted or not: Terraform takes `resource aws_iam_policy p {` as `resource "aws_iam_policy" "p" {`. */
export function blockLabels(block: HclNode): string[] {
  return block.namedChildren.slice(1).flatMap((c) => (c?.type === 'string_lit' ? [templateText(c).text] : c?.type === 'identifier' ? [c.text] : []));
}

export function blockBody(block: HclNode): HclNode | undefined {
  return block.namedChildren.find((c) => c?.type === 'body') ?? undefined;
}

export function attributes(block: HclNode): Map<string, HclNode> {
  const found = new Map<string, HclNode>();
  for (const child of blockBody(block)?.namedChildren ?? []) {
    if (child?.type === 'attribute') found.set(child.namedChildren[0]!.text, child);
  }
  return found;
}

/**
 * The blocks named `name` in `block`, in source order, a `dynamic "name"` block's `content` among them:
 * Terraform writes one block of that shape per item of its for_each. It is read as one block, its
 * references to the iteration unknown, so the rules judge the shape every generated block has.
 */
export function innerBlocks(block: HclNode, name: string): HclNode[] {
  return (blockBody(block)?.namedChildren ?? []).flatMap((c): HclNode[] => {
    if (c?.type !== 'block') return [];
    const [identifier, label] = c.namedChildren;
    if (identifier?.text === name) return [c];
    return identifier?.text === 'dynamic' && label?.text === `"${name}"` ? innerBlocks(c, 'content') : [];
  });
}

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
function readStatements(block: HclNode, notRead: ParseProblem[]): IacValue[] {
  const makers = statementMakers(block);
  // A document whose only statements one variable gives is read with them: without any it is no policy AWS
  // takes (a module that makes it only when `length(var.statements) > 0`), not a reading worth an error.
  const alone = makers.length === 1 && !LINKING_ATTRIBUTES.some((name) => attributes(block).has(name));
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

export function attributeValue(attribute: HclNode): HclNode {
  return attribute.namedChildren[attribute.namedChildCount - 1]!;
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
  const own = readStatements(block, notRead);
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

function entry(key: string, attribute: HclNode, scope: Scope = NO_SCOPE): IacEntry {
  return { key, keyRange: rangeOf(attribute.namedChildren[0]!), value: hclValue(attributeValue(attribute), scope), handle: { kind: 'attribute', attribute } satisfies AttributeHandle };
}

/**
 * The most readings a statement's `dynamic "condition"` blocks that may make no block make together (each
 * doubles them): past it, the statement is not read.
 */
const MAX_CONDITION_READINGS = 64;

/**
 * A statement block as the statement it renders, its references to an iteration read in `scope`. A
 * `dynamic "condition"` whose `for_each` may make no block (`[]`, a conditional with an empty side, a
 * variable) is read on each side: with its condition and without (`Fn::If`s on what its `for_each` tests).
 */
function readStatement(block: HclNode, scope: Scope, notRead: ParseProblem[]): IacValue | undefined {
  const conditions = conditionBlocks(block, scope);
  const optional = conditions.filter(({ presence }) => !('leaf' in presence));
  const readings = optional.reduce((product, { presence }) => product * leavesOf(presence), 1);
  if (readings > MAX_CONDITION_READINGS) {
    notRead.push({
      message: `its ${optional.length} dynamic "condition" blocks that may make no block make ${readings} readings of the statement, more than the linter reads (${MAX_CONDITION_READINGS})`,
      range: rangeOf(optional[0].forEach!),
    });
    return undefined;
  }
  const read = (i: number, made: ReadonlySet<HclNode>): IacValue | undefined => {
    if (i === optional.length) return statementWith(block, scope, conditions.flatMap(({ content, presence }) => ('leaf' in presence ? presence.leaf : made.has(content)) ? [content] : []));
    const { content, presence } = optional[i];
    return conditionalValue(presence, (isMade) => read(i + 1, isMade ? new Set([...made, content]) : made));
  };
  return read(0, new Set());
}

/** A condition block, or a `dynamic "condition"`'s `content` with whether its `for_each` makes it. */
interface ConditionBlock {
  content: HclNode;
  presence: ForEachTree<boolean>;
  forEach?: HclNode;
}

/** A statement's `condition` blocks and the `content` of its `dynamic "condition"`s, each `for_each` read in the statement's `scope`. */
function conditionBlocks(statement: HclNode, scope: Scope): ConditionBlock[] {
  return (blockBody(statement)?.namedChildren ?? []).flatMap((c): ConditionBlock[] => {
    if (c?.type !== 'block') return [];
    const [identifier, label] = c.namedChildren;
    if (identifier?.text === 'condition') return [{ content: c, presence: { leaf: true } }];
    if (identifier?.text !== 'dynamic' || label?.text !== '"condition"') return [];
    const attribute = attributes(c).get('for_each');
    const forEach = attribute && attributeValue(attribute);
    const presence: ForEachTree<boolean> = forEach ? forEachTree(forEach, presenceOf, scope) : { leaf: true };
    return innerBlocks(c, 'content').map((content) => ({ content, presence, forEach }));
  });
}

/** A statement block with the condition blocks of one reading. */
function statementWith(block: HclNode, scope: Scope, conditions: HclNode[]): IacMap {
  const attrs = attributes(block);
  const range = rangeOf(block);
  const entries: IacEntry[] = [];
  const sid = attrs.get('sid');
  if (sid) entries.push(entry('Sid', sid, scope));
  const effect = attrs.get('effect');
  const name = block.namedChildren[0]!;
  entries.push(effect ? entry('Effect', effect, scope) : { key: 'Effect', keyRange: rangeOf(name), value: computedString(linearText('Allow', rangeOf(name)), rangeOf(name)) });
  for (const [attribute, element] of STATEMENT_LISTS) {
    const found = attrs.get(attribute);
    if (found) entries.push(entry(element, found, scope));
  }
  for (const [blockName, element] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
    const principals = innerBlocks(block, blockName);
    if (principals.length > 0) entries.push(readPrincipals(principals, element, scope));
  }
  if (conditions.length > 0) entries.push(readConditions(block, conditions, scope));
  return { kind: 'map', entries, range, handle: { kind: 'statement', block } satisfies BlockHandle };
}

function readPrincipals(blocks: HclNode[], element: string, scope: Scope): IacEntry {
  const first = blocks[0];
  const byType = new Map<string, IacValue[]>();
  const typeRanges = new Map<string, HclNode>();
  for (const block of blocks) {
    const attrs = attributes(block);
    const type = attrs.get('type');
    const identifiers = attrs.get('identifiers');
    const typeName = type ? stringOf(hclValue(attributeValue(type), scope)) ?? '' : '';
    const values = identifiers ? hclValue(attributeValue(identifiers), scope) : undefined;
    const list = values?.kind === 'seq' ? values.items : values ? [values] : [];
    byType.set(typeName, [...(byType.get(typeName) ?? []), ...list]);
    if (type) typeRanges.set(typeName, type);
  }
  const range = rangeOf(first);
  const star = byType.size === 1 && byType.has('*');
  const value: IacValue = star
    ? computedString(linearText('*', range), range)
    : {
        kind: 'map',
        range,
        entries: [...byType].map(([type, items]) => ({ key: type, keyRange: rangeOf(typeRanges.get(type) ?? first), value: { kind: 'seq', items, range } })),
      };
  return { key: element, keyRange: rangeOf(first.namedChildren[0]!), value };
}

/** `condition` blocks as the Condition object: grouped by `test`, then by `variable`. */
function readConditions(statement: HclNode, blocks: HclNode[], scope: Scope): IacEntry {
  const byOperator = new Map<string, { blocks: HclNode[]; entries: IacEntry[]; keyNode: HclNode }>();
  for (const block of blocks) {
    const attrs = attributes(block);
    const test = attrs.get('test');
    const variable = attrs.get('variable');
    const values = attrs.get('values');
    if (!test || !variable || !values) continue;
    const operator = stringOf(hclValue(attributeValue(test), scope)) ?? '';
    const group = byOperator.get(operator) ?? { blocks: [], entries: [], keyNode: attributeValue(test) };
    group.blocks.push(block);
    group.entries.push({
      key: stringOf(hclValue(attributeValue(variable), scope)) ?? '',
      keyRange: rangeOf(attributeValue(variable)),
      value: hclValue(attributeValue(values), scope),
      handle: { kind: 'conditionBlocks', blocks: [block] } satisfies AttributeHandle,
    });
    byOperator.set(operator, group);
  }
  const first = blocks[0];
  const range = rangeOf(first);
  const entries = [...byOperator].map(([operator, group]): IacEntry => ({
    key: operator,
    keyRange: rangeOf(group.keyNode),
    value: { kind: 'map', entries: group.entries, range: rangeOf(group.blocks[0]), handle: { kind: 'operator', statement, operator, blocks: group.blocks } satisfies BlockHandle },
    handle: { kind: 'conditionBlocks', blocks: group.blocks } satisfies AttributeHandle,
  }));
  return { key: 'Condition', keyRange: rangeOf(first.namedChildren[0]!), value: { kind: 'map', entries, range, handle: { kind: 'conditions', statement } satisfies BlockHandle } };
}
