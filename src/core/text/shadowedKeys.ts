/**
 * A key given twice in one JSON object. JSON leaves the meaning open; JSON.parse, Go's encoding/json,
 * Python's json and Jackson's defaults all keep the last one, so a policy with two `StringEquals` blocks
 * in its `Condition` is sent, stored and evaluated with the second alone. The linter and the engine read
 * it the same way: the earlier properties are taken out of the tree, and returned for RG016 to report.
 */
import type { Node } from 'jsonc-parser';

/** An object's properties up to this many are compared pairwise; a larger one goes through a map. */
const PAIRWISE_LIMIT = 16;

/**
 * Takes out of every object of the tree each property that a later one of the same name overrides, and
 * returns those, in the order of the text. Walks with a stack: a jsonc-parser tree may nest deeper than
 * recursion goes.
 */
export function dropShadowedKeys(root: Node | undefined): Node[] {
  const shadowed: Node[] = [];
  const stack: Node[] = root?.children ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object' && node.children!.length > 1) (node as { children: Node[] }).children = withoutShadowed(node.children!, shadowed);
    for (const child of node.children!) if (child.children) stack.push(child);
  }
  return shadowed.sort((a, b) => a.offset - b.offset);
}

/** The property that overrides a property `dropShadowedKeys` took out: the one its object kept. */
export function overridingProperty(shadowed: Node): Node | undefined {
  const key = keyOf(shadowed);
  return shadowed.parent?.children?.find((other) => keyOf(other) === key);
}

function withoutShadowed(properties: Node[], shadowed: Node[]): Node[] {
  let dropped: Set<Node> | undefined;
  if (properties.length <= PAIRWISE_LIMIT) {
    for (let i = 0; i < properties.length - 1; i++) {
      const key = keyOf(properties[i]);
      if (key === undefined) continue;
      for (let j = i + 1; j < properties.length; j++) {
        if (keyOf(properties[j]) === key) {
          (dropped ??= new Set()).add(properties[i]);
          break;
        }
      }
    }
  } else {
    const last = new Map<string, Node>();
    for (const property of properties) {
      const key = keyOf(property);
      if (key !== undefined) last.set(key, property);
    }
    for (const property of properties) {
      const key = keyOf(property);
      if (key !== undefined && last.get(key) !== property) (dropped ??= new Set()).add(property);
    }
  }
  if (!dropped) return properties;
  shadowed.push(...dropped);
  return properties.filter((property) => !dropped.has(property));
}

/** A property's key; undefined for one a broken text left without a string key. */
function keyOf(property: Node): string | undefined {
  const key = property.children?.[0];
  return key?.type === 'string' ? (key.value as string) : undefined;
}
