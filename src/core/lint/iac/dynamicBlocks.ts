/**
 * How many blocks a `dynamic` block makes: Terraform writes one per item of its `for_each`, so `[]` makes
 * none, and a conditional (`var.on ? [1] : []`) as many as the side its condition takes. The count is read
 * as a tree of those conditionals, each side then read as the file's other conditionals are: as
 * CloudFormation's `Fn::If` on the condition as written, so that a finding only one side has starts
 * "When condition var.on is false:", and every conditional on one condition takes the same side.
 */
import type { OffsetRange } from '../model';
import { boundTest, decidedTest } from './hclConditions';
import type { HclNode } from './hclParser';
import { functionCall, NO_SCOPE, rangeOf, type Scope, unwrap } from './hclValues';
import { noValue } from './intrinsics';
import type { IacScalar, IacValue } from './sourceTree';

/** What a `for_each` makes on each side of the conditionals that choose its collection. */
export type ForEachTree<T> = { leaf: T } | { condition: IacScalar; range: OffsetRange; whenTrue: ForEachTree<T>; whenFalse: ForEachTree<T> };

/**
 * A `for_each` as the tree of its conditionals, each collection they choose read by `leaf`. Inside an
 * iteration (a `dynamic "condition"` of one generated statement), a test of the iteration's value is that
 * item's (`statement.value == "Deny"` is `"Allow" == "Deny"` for the "Allow" statement): decided when it
 * compares values written in place, else a test of its own for each item, so that every generated block
 * takes its own side, never one side for all.
 */
export function forEachTree<T>(forEach: HclNode, leaf: (collection: HclNode) => ForEachTree<T>, scope: Scope = NO_SCOPE): ForEachTree<T> {
  const node = unwrap(forEach);
  const [test, whenTrue, whenFalse] = node.type === 'conditional' ? node.namedChildren.filter((c) => c.type === 'expression') : [];
  if (!test || !whenTrue || !whenFalse) return leaf(forEach);
  const decided = decidedTest(test.text, scope);
  if (decided !== undefined) return forEachTree(decided ? whenTrue : whenFalse, leaf, scope);
  return { condition: conditionText(boundTest(test.text, scope), test), range: rangeOf(node), whenTrue: forEachTree(whenTrue, leaf, scope), whenFalse: forEachTree(whenFalse, leaf, scope) };
}

/** The condition a conditional tests, as its text is written (blanks folded), where it is written. */
function conditionText(text: string, at: HclNode): IacScalar {
  return { kind: 'scalar', value: text.replace(/\s+/g, ' ').trim(), range: rangeOf(at) };
}

/**
 * Whether a collection makes blocks: none for one written empty (`[]`, `{}`, `toset([])`), some for one
 * written with items, and for any other (`var.networks`) either: a tree on `length(var.networks) > 0`, so
 * that the reading without the block is checked too.
 */
export function presenceOf(collection: HclNode): ForEachTree<boolean> {
  const items = writtenItems(collection);
  if (items !== undefined) return { leaf: items > 0 };
  const range = rangeOf(collection);
  return { condition: conditionText(`length(${collection.text}) > 0`, collection), range, whenTrue: { leaf: true }, whenFalse: { leaf: false } };
}

/**
 * Whether a collection makes blocks where a block's absence is no reading worth one of its own (principals a
 * module is given, an inline policy): none for one written empty, some for any other, a variable included.
 */
export function presentUnlessWrittenEmpty(collection: HclNode): { leaf: boolean } {
  return { leaf: writtenItems(collection) !== 0 };
}

/** How many items a collection written in place has (`[...]`, `{...}`, or `toset` / `tolist` / `tomap` of one); undefined for any other. */
function writtenItems(collection: HclNode): number | undefined {
  const node = unwrap(collection);
  if (node.type === 'tuple') return node.namedChildren.filter((c) => c?.type === 'expression').length;
  if (node.type === 'object') return node.namedChildren.filter((c) => c?.type === 'object_elem').length;
  const call = functionCall(node);
  return (call?.name === 'toset' || call?.name === 'tolist' || call?.name === 'tomap') && call.args.length === 1 ? writtenItems(call.args[0]) : undefined;
}

/** The same tree of conditionals, each leaf read by `read`. */
export function mapLeaves<T, U>(tree: ForEachTree<T>, read: (leaf: T) => U): ForEachTree<U> {
  if ('leaf' in tree) return { leaf: read(tree.leaf) };
  return { ...tree, whenTrue: mapLeaves(tree.whenTrue, read), whenFalse: mapLeaves(tree.whenFalse, read) };
}

/** How many ways a tree can go: the readings it makes. */
export function leavesOf(tree: ForEachTree<unknown>): number {
  return 'leaf' in tree ? 1 : leavesOf(tree.whenTrue) + leavesOf(tree.whenFalse);
}

/** A value per side of a tree's conditionals, as `Fn::If`s: what `read` gives for each leaf (undefined: none). */
export function conditionalValue<T>(tree: ForEachTree<T>, read: (leaf: T) => IacValue | undefined): IacValue | undefined {
  if ('leaf' in tree) return read(tree.leaf);
  const whenTrue = conditionalValue(tree.whenTrue, read);
  const whenFalse = conditionalValue(tree.whenFalse, read);
  if (!whenTrue && !whenFalse) return undefined;
  const { condition, range } = tree;
  const sides: IacValue = { kind: 'seq', items: [condition, whenTrue ?? noValue(range), whenFalse ?? noValue(range)], range };
  return { kind: 'map', entries: [{ key: 'Fn::If', keyRange: range, value: sides }], range };
}

/**
 * The items a tree of lists makes, as a list: item `i` is, on each side, that side's item `i` or none, so
 * that each reading has its side's items (`var.on ? ["a", "b"] : []`: two items on one side, none on the other).
 */
export function conditionalItems(tree: ForEachTree<IacValue[]>): IacValue[] {
  const most = (t: ForEachTree<IacValue[]>): number => ('leaf' in t ? t.leaf.length : Math.max(most(t.whenTrue), most(t.whenFalse)));
  return Array.from({ length: most(tree) }, (_, i) => conditionalValue(tree, (items) => items[i])).filter((item): item is IacValue => item !== undefined);
}
