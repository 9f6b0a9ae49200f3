/**
 * A JSON template's tree (jsonc-parser nodes, file offsets) as the IaC tree, so that a CloudFormation JSON
 * policy built with intrinsic functions is resolved like a YAML one; edits are written back as JSON with
 * the same helpers the JSON rules use.
 */
import type { Node } from 'jsonc-parser';
import { insertFirstProperty, removeProperty, replaceNode } from '../edits';
import { appendProperty, renderJson } from '../rules/jsonLayout';
import type { IacValue } from './sourceTree';
import type { SourceWriter } from './synthesized';
import { unescapeJsonString } from '../embedded';

export function fromJsonNode(node: Node, text: string): IacValue {
  const range = { start: node.offset, end: node.offset + node.length };
  if (node.type === 'object') {
    const entries = (node.children ?? []).flatMap((property) => {
      const [key, value] = property.children ?? [];
      if (!key || !value) return [];
      return [{ key: String(key.value), keyRange: { start: key.offset, end: key.offset + key.length }, value: fromJsonNode(value, text), handle: property }];
    });
    return { kind: 'map', entries, range, handle: node };
  }
  if (node.type === 'array') return { kind: 'seq', items: (node.children ?? []).map((item) => fromJsonNode(item, text)), range, handle: node };
  if (node.type === 'string') return { kind: 'scalar', value: node.value as string, mapped: unescapeJsonString(text, node), range, handle: node };
  const value = node.type === 'number' || node.type === 'boolean' ? (node.value as number | boolean) : null;
  return { kind: 'scalar', value, range, handle: node };
}

/** Edits a JSON file at the nodes the tree was read from. */
export function jsonWriter(text: string): SourceWriter {
  return {
    replaceValue: (target, value) => (target.handle ? withoutIntent(replaceNode(target.handle as Node, JSON.stringify(value))) : undefined),
    replaceKey: (_map, entry, key) => {
      const keyNode = (entry.handle as Node | undefined)?.children?.[0];
      return keyNode ? withoutIntent(replaceNode(keyNode, JSON.stringify(key))) : undefined;
    },
    removeEntry: (_map, entry) => (entry.handle ? withoutIntent(removeProperty(entry.handle as Node)) : undefined),
    insertEntry: (map, key, value, at) => {
      const object = map.handle as Node | undefined;
      if (!object) return undefined;
      const edit = at === 'first' ? insertFirstProperty(text, object, key, JSON.stringify(value)) : appendProperty(text, object, key, (layout) => renderJson(value, layout));
      return withoutIntent(edit);
    },
  };
}

function withoutIntent(edit: { start: number; end: number; text: string }) {
  return { start: edit.start, end: edit.end, text: edit.text };
}
