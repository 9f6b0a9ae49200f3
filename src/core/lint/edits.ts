/** Text edits that rules build their fixes from, in the offsets of a document's text. */
import type { Node } from 'jsonc-parser';
import type { TextEdit } from './model';

/** Replaces a node (a value or a key) with new JSON text. */
export function replaceNode(node: Node, text: string): TextEdit {
  return { start: node.offset, end: node.offset + node.length, text };
}

/** Removes a property (`"key": value`) from its object, with the comma that separated it from a neighbour. */
export function removeProperty(property: Node): TextEdit {
  const siblings = property.parent?.children ?? [property];
  const index = siblings.indexOf(property);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next) return { start: property.offset, end: next.offset, text: '' };
  if (previous) return { start: previous.offset + previous.length, end: property.offset + property.length, text: '' };
  return { start: property.offset, end: property.offset + property.length, text: '' };
}

/**
 * Inserts `"key": value` as the first property of an object, copying the layout between `{` and the
 * current first property so that the result reads as if written by hand.
 */
export function insertFirstProperty(text: string, object: Node, key: string, valueJson: string): TextEdit {
  const member = `${JSON.stringify(key)}: ${valueJson}`;
  const first = object.children?.[0];
  if (!first) return { start: object.offset + 1, end: object.offset + 1, text: member };
  const gap = text.slice(object.offset + 1, first.offset);
  const layout = /^\s*$/.test(gap) ? gap : ' ';
  return { start: first.offset, end: first.offset, text: `${member},${layout || ' '}` };
}
