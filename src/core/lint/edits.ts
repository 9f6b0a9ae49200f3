/** Text edits that rules build their fixes from, in the offsets of a document's text. */
import type { Node } from 'jsonc-parser';
import type { TextEdit } from './model';

/** Replaces a node (a value or a key) with new JSON text. */
export function replaceNode(node: Node, text: string): TextEdit {
  const value = jsonValue(text);
  return { start: node.offset, end: node.offset + node.length, text, intent: value.ok ? { kind: 'replace', node, value: value.value } : undefined };
}

/** The value a JSON text writes; not ok for text that is no plain JSON (a comment in it, say). */
export function jsonValue(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Removes a property (`"key": value`) from its object, with the comma that separated it from a neighbour. */
export function removeProperty(property: Node): TextEdit {
  const siblings = property.parent?.children ?? [property];
  const index = siblings.indexOf(property);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  const intent = { kind: 'removeProperty', property } as const;
  if (next) return { start: property.offset, end: next.offset, text: '', intent };
  if (previous) return { start: previous.offset + previous.length, end: property.offset + property.length, text: '', intent };
  return { start: property.offset, end: property.offset + property.length, text: '', intent };
}

/**
 * Inserts `"key": value` as the first property of an object, copying the layout between `{` and the
 * current first property so that the result reads as if written by hand.
 */
export function insertFirstProperty(text: string, object: Node, key: string, valueJson: string): TextEdit {
  const member = `${JSON.stringify(key)}: ${valueJson}`;
  const value = jsonValue(valueJson);
  const intent = value.ok ? ({ kind: 'insertProperty', object, key, value: value.value, at: 'first' } as const) : undefined;
  const first = object.children?.[0];
  if (!first) return { start: object.offset + 1, end: object.offset + 1, text: member, intent };
  const gap = text.slice(object.offset + 1, first.offset);
  const layout = /^\s*$/.test(gap) ? gap : ' ';
  return { start: first.offset, end: first.offset, text: `${member},${layout || ' '}`, intent };
}

/**
 * The text after the edits (offsets in the original text; edits do not overlap). Inserts at one place appear
 * in the order of the array, as an editor applies them (LSP's TextEdit[]): a fix adding a key to a statement
 * that ends the file and a statement after it inserts both where the file ends.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // From the end of the text back; at one place a replacement first, then the inserts last to first.
  const order = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index);
  return order.reduce((result, { edit }) => result.slice(0, edit.start) + edit.text + result.slice(edit.end), text);
}
