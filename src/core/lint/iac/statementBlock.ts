/**
 * A `statement` block of a `data "aws_iam_policy_document"` as the statement it renders: sid, effect
 * (Allow when not written), the action and resource lists, `principals` / `not_principals` grouped by type,
 * `condition` blocks grouped by `test` then `variable`, each read on the sides of the `dynamic` blocks'
 * `for_each` that make it. Each part keeps its source range; handles tell the HCL writer what wrote it.
 */
import type { ParseProblem } from '../model';
import type { HclNode } from './hclParser';
import { hclValue, NO_SCOPE, rangeOf, type Scope } from './hclValues';
import { attributes, attributeValue, type MadeBlock, madeBlocks } from './hclBlocks';
import { conditionalValue, leavesOf, presenceOf, presentUnlessWrittenEmpty } from './dynamicBlocks';
import { computedString, type IacEntry, type IacMap, type IacValue, linearText, stringOf } from './sourceTree';

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

export function entry(key: string, attribute: HclNode, scope: Scope = NO_SCOPE): IacEntry {
  return { key, keyRange: rangeOf(attribute.namedChildren[0]!), value: hclValue(attributeValue(attribute), scope), handle: { kind: 'attribute', attribute } satisfies AttributeHandle };
}

/**
 * The most readings a statement's `dynamic` blocks that may make no block make together (each doubles
 * them): past it, the statement is not read.
 */
const MAX_CONDITION_READINGS = 64;

/**
 * A statement block as the statement it renders, its references to an iteration read in `scope`. A
 * `dynamic "condition"` whose `for_each` may make no block (`[]`, a conditional with an empty side, a
 * variable) is read on each side: with its condition and without (`Fn::If`s on what its `for_each` tests);
 * a `dynamic "principals"` or `"not_principals"` is too, except over a variable: read as present, a
 * statement without the principals a module is given being no reading worth one of its own.
 */
export function readStatement(block: HclNode, scope: Scope, notRead: ParseProblem[]): IacValue | undefined {
  const blocks = [...madeBlocks(block, ['condition'], presenceOf, scope), ...madeBlocks(block, ['principals', 'not_principals'], presentUnlessWrittenEmpty, scope)];
  const optional = blocks.filter(({ presence }) => !('leaf' in presence));
  const readings = optional.reduce((product, { presence }) => product * leavesOf(presence), 1);
  if (readings > MAX_CONDITION_READINGS) {
    const names = [...new Set(optional.map(({ name }) => `"${name}"`))].join(' and ');
    notRead.push({
      message: `its ${optional.length} dynamic ${names} blocks that may make no block make ${readings} readings of the statement, more than the linter reads (${MAX_CONDITION_READINGS})`,
      range: rangeOf(optional[0].forEach!),
    });
    return undefined;
  }
  const read = (i: number, made: ReadonlySet<HclNode>): IacValue | undefined => {
    if (i === optional.length) return statementWith(block, scope, blocks.filter(({ content, presence }) => ('leaf' in presence ? presence.leaf : made.has(content))));
    const { content, presence } = optional[i];
    return conditionalValue(presence, (isMade) => read(i + 1, isMade ? new Set([...made, content]) : made));
  };
  return read(0, new Set());
}

/** A statement block with the condition and principals blocks of one reading. */
function statementWith(block: HclNode, scope: Scope, made: readonly MadeBlock[]): IacMap {
  const contents = (name: string) => made.filter((b) => b.name === name).map(({ content }) => content);
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
    const principals = contents(blockName);
    if (principals.length > 0) entries.push(readPrincipals(principals, element, scope));
  }
  const conditions = contents('condition');
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
