/** Terraform's blocks as written: a file's top-level blocks, a block's labels, attributes and inner blocks. */
import type { HclNode } from './hclParser';
import { type ForEachTree, forEachTree } from './dynamicBlocks';
import { NO_SCOPE, type Scope, templateText } from './hclValues';

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
export function attributeValue(attribute: HclNode): HclNode {
  return attribute.namedChildren[attribute.namedChildCount - 1]!;
}

/** A block written as is, or a `dynamic` block's `content`, with where its `for_each` makes it. */
export interface MadeBlock {
  name: string;
  content: HclNode;
  presence: ForEachTree<boolean>;
  forEach?: HclNode;
}

/**
 * The blocks named one of `names` in `block`, in source order, each with where it is made: everywhere for
 * one written as is, and for a `dynamic` one where its `for_each`, read in `scope` as the tree of its
 * conditionals (dynamicBlocks.ts), has a collection `presence` says makes blocks.
 */
export function madeBlocks(block: HclNode, names: readonly string[], presence: (collection: HclNode) => ForEachTree<boolean>, scope: Scope = NO_SCOPE): MadeBlock[] {
  return (blockBody(block)?.namedChildren ?? []).flatMap((c): MadeBlock[] => {
    if (c?.type !== 'block') return [];
    const [identifier, label] = c.namedChildren;
    if (identifier && names.includes(identifier.text)) return [{ name: identifier.text, content: c, presence: { leaf: true } }];
    const name = identifier?.text === 'dynamic' ? names.find((n) => label?.text === `"${n}"`) : undefined;
    if (name === undefined) return [];
    const attribute = attributes(c).get('for_each');
    const forEach = attribute && attributeValue(attribute);
    const made: ForEachTree<boolean> = forEach ? forEachTree(forEach, presence, scope) : { leaf: true };
    return innerBlocks(c, 'content').map((content) => ({ name, content, presence: made, forEach }));
  });
}
