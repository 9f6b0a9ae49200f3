/**
 * YAML files (CloudFormation templates) read into the IaC tree with the `yaml` package, which keeps the
 * source range of every node and the custom tags (`!Sub`, `!Ref`) CloudFormation uses for its short forms.
 * Anchors and aliases resolve to their value, which is read-only here (an edit would change both places).
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair, parseDocument, type YAMLMap } from 'yaml';
import type { OffsetRange, ParseProblem } from '../model';
import { alignedText, type IacEntry, type IacValue } from './sourceTree';

/** What the writer needs to edit a value or an entry in place. */
export interface YamlHandle {
  node: YamlNode;
  pair?: Pair;
  map?: YAMLMap;
}

export interface ParsedYaml {
  root: IacValue | undefined;
  errors: ParseProblem[];
}

/** Parses YAML text; never throws. Only the first document of a multi-document file is read. */
export function parseYaml(text: string): ParsedYaml {
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  } catch (err) {
    return { root: undefined, errors: [{ message: err instanceof Error ? err.message : String(err), range: { start: 0, end: Math.min(1, text.length) } }] };
  }
  const errors = document.errors.map((e) => ({
    message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
    range: { start: Math.min(e.pos[0], text.length), end: Math.min(Math.max(e.pos[1], e.pos[0] + 1), text.length) },
  }));
  const root = document.contents ? read(document.contents as YamlNode, text, document, true) : undefined;
  return { root, errors };
}

function read(node: YamlNode, text: string, document: Document.Parsed, editable: boolean): IacValue {
  if (isAlias(node)) {
    const target = node.resolve(document);
    if (target) return read(target as YamlNode, text, document, false);
  }
  const range = rangeOf(node);
  const tag = customTag(node);
  const handle: YamlHandle | undefined = editable ? { node } : undefined;
  if (isMap(node)) {
    const entries = node.items.flatMap((pair): IacEntry[] => {
      if (!isPair(pair)) return [];
      const key = pair.key as YamlNode | null;
      const valueRange = key ? rangeOf(key) : { start: range.start, end: range.start };
      // A plain key is its text: `Null:` is the IAM condition operator, not YAML's null.
      const keyText = isScalar(key) ? (key.type === 'PLAIN' ? text.slice(valueRange.start, valueRange.end) : String(key.value)) : '';
      // CloudFormation resolves intrinsic functions in values only: a key `!Ref Op` stays that text, tag and
      // all, and is read (and reported) as written.
      const keyTag = key ? customTag(key) : undefined;
      const tagStart = keyTag ? tagStartBefore(text, valueRange.start, keyTag) : undefined;
      const keyRange = tagStart === undefined ? valueRange : { start: tagStart, end: valueRange.end };
      const value = pair.value ? read(pair.value as YamlNode, text, document, editable) : nullAt(keyRange.end);
      const entryKey = tagStart === undefined ? keyText : `${keyTag} ${keyText}`;
      return [{ key: entryKey, keyRange, value, handle: editable && isScalar(key) && tagStart === undefined ? { node: key, pair, map: node } : undefined }];
    });
    return { kind: 'map', entries, range, tag, handle };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => (item && typeof item === 'object' && 'range' in item ? read(item as YamlNode, text, document, editable) : nullAt(range.end)));
    return { kind: 'seq', items, range, tag, handle };
  }
  if (isScalar(node)) {
    const value = node.value;
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : String(value);
    return {
      kind: 'scalar',
      value: scalar,
      mapped: typeof scalar === 'string' ? alignedText(scalar, text, range) : undefined,
      range,
      tag,
      handle,
    };
  }
  return nullAt(range.start);
}

/** A CloudFormation short form (`!Ref`, `!Sub`), not a YAML core tag (`!!str`). */
function customTag(node: YamlNode): string | undefined {
  return node.tag?.startsWith('!') && !node.tag.startsWith('!!') ? node.tag : undefined;
}

/** Where `tag` is written before the node starting at `valueStart`, blanks between; undefined when it is not. */
function tagStartBefore(text: string, valueStart: number, tag: string): number | undefined {
  let end = valueStart;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end < valueStart && text.startsWith(tag, end - tag.length) ? end - tag.length : undefined;
}

function rangeOf(node: YamlNode): OffsetRange {
  const [start, end] = node.range ?? [0, 0];
  return { start, end };
}

function nullAt(offset: number): IacValue {
  return { kind: 'scalar', value: null, range: { start: offset, end: offset } };
}
