/**
 * A JSON template's tree (jsonc-parser nodes, file offsets) as the IaC tree, so that a CloudFormation JSON
 * policy built with intrinsic functions is resolved like a YAML one; edits are written back as JSON with
 * the same helpers the JSON rules use.
 */
import type { Node } from 'jsonc-parser';
import { insertFirstProperty, removeProperty, replaceNode } from '../edits';
import { appendProperty, renderJson } from '../rules/jsonLayout';
import type { OffsetRange } from '../model';
import type { IacEntry, IacMap, IacScalar, IacSeq, IacValue, MappedText } from './sourceTree';
import { hasDynamicReference } from './dynamicReferences';
import type { SourceWriter } from './synthesized';
import { isFunctionKey } from './intrinsics';
import { unescapeJsonString } from '../embedded';

/**
 * The IaC view of a JSON node. It is read on demand: a template's policies are a small part of it, and
 * building the whole tree up front, every string with its offsets, cost a 2 MB template about 50 MB and
 * a tenth of its lint (the tree is read twice, for the documents and for RG002's slots).
 */
export function fromJsonNode(node: Node, text: string): IacValue {
  if (node.type === 'object') return new JsonMap(node, text);
  if (node.type === 'array') return new JsonSeq(node, text);
  if (node.type === 'string') return new JsonString(node, text);
  const value = node.type === 'number' || node.type === 'boolean' ? (node.value as number | boolean) : null;
  return { kind: 'scalar', value, range: rangeOf(node), handle: node };
}

/**
 * What the lazy views share: their node, its range, and the file's text their parts are read from. The
 * lazy parts are getters on the prototype and private fields, so that a copy made by spreading
 * (`{ ...map, entries }`, as intrinsics.ts resolves a map) carries only the plain properties it replaces.
 */
abstract class JsonView {
  readonly range: OffsetRange;
  readonly #text: string;
  constructor(
    readonly handle: Node,
    text: string,
  ) {
    this.range = rangeOf(handle);
    this.#text = text;
  }

  protected view(node: Node): IacValue {
    return fromJsonNode(node, this.#text);
  }

  protected unescaped(): MappedText {
    return unescapeJsonString(this.#text, this.handle);
  }
}

class JsonMap extends JsonView implements IacMap {
  readonly kind = 'map';
  #entries?: IacEntry[];

  get entries(): IacEntry[] {
    return (this.#entries ??= writtenProperties(this.handle).map(({ property, key, value }) => ({ key: String(key.value), keyRange: rangeOf(key), value: this.view(value), handle: property })));
  }
}

class JsonSeq extends JsonView implements IacSeq {
  readonly kind = 'seq';
  #items?: IacValue[];

  get items(): IacValue[] {
    return (this.#items ??= (this.handle.children ?? []).map((item) => this.view(item)));
  }
}

class JsonString extends JsonView implements IacScalar {
  readonly kind = 'scalar';
  readonly value = this.handle.value as string;
  #mapped?: MappedText;

  get mapped(): MappedText {
    return (this.#mapped ??= this.unescaped());
  }
}

/** An object's properties with both a key and a value (a text with errors may leave one out). */
function writtenProperties(object: Node): { property: Node; key: Node; value: Node }[] {
  return (object.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return key && value ? [{ property, key, value }] : [];
  });
}

/**
 * Whether an intrinsic function is called anywhere in a JSON value, as `intrinsicCall` reads the IaC view:
 * an object of one written property whose key names a function; or a dynamic reference is written in a
 * string (`"{{resolve:ssm:/res}}"`), which the IaC view reads as unknown too. Read off the tree, since most
 * of a template's policies call none and need no IaC view.
 */
export function callsIntrinsic(node: Node): boolean {
  if (node.type === 'string') return hasDynamicReference(node.value as string);
  if (node.type === 'object') {
    const properties = writtenProperties(node);
    if (properties.length === 1 && isFunctionKey(String(properties[0].key.value))) return true;
  }
  return (node.children ?? []).some(callsIntrinsic);
}

function rangeOf(node: Node): OffsetRange {
  return { start: node.offset, end: node.offset + node.length };
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
