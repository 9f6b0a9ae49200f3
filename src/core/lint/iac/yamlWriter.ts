/**
 * Writes fix edits into a YAML file in its own style: a scalar keeps its plain or quoted form when it can,
 * a block mapping gets a new `key: value` line at its members' indentation, a flow mapping `key: value`
 * between its braces, and a value replacing a block collection is written as a block at the same place. A
 * policy document's writer also adds a statement after another: a `- ` item at its place, or `, {...}` in a
 * flow sequence. Nothing computed from an intrinsic function or reached through an alias is ever edited.
 */
import { isMap, isScalar, isSeq, type Pair, type Scalar, stringify, type YAMLMap } from 'yaml';
import type { TextEdit } from '../model';
import type { SourceWriter } from './synthesized';
import type { IacEntry, IacMap, IacSeq, IacValue } from './sourceTree';
import type { YamlHandle } from './yamlSource';
import { lineBreakOf } from '../../text/lines';

export function yamlWriter(text: string): SourceWriter {
  const eol = lineBreakOf(text);
  return {
    replaceValue(target, value) {
      const handle = target.handle as YamlHandle | undefined;
      if (!handle || target.tag) return undefined;
      const { node } = handle;
      const [start, end] = node.range ?? [0, 0];
      // A block scalar's range runs past its last line break: replacing it whole would join the next line.
      if (isScalar(node) && isScalarValue(value)) return { start, end: trimEnd(text, start, end), text: scalarText(value, node) };
      const blockCollection = !isScalar(node) && !(node as { flow?: boolean }).flow;
      const written = blockCollection ? blockText(value, columnOf(text, start), eol) : flowText(value);
      return written === undefined ? undefined : { start, end: trimEnd(text, start, end), text: written };
    },
    replaceKey(_map, entry, key) {
      const handle = entry.handle as YamlHandle | undefined;
      if (!handle || !isScalar(handle.node)) return undefined;
      const [start, end] = handle.node.range ?? [0, 0];
      return { start, end, text: scalarText(key, handle.node) };
    },
    removeEntry(map, entry) {
      const mapNode = (map.handle as YamlHandle | undefined)?.node;
      const handle = entry.handle as YamlHandle | undefined;
      if (!isMap(mapNode) || !handle?.pair || mapNode.items.length < 2) return undefined;
      return mapNode.flow ? removeFlowPair(text, mapNode, entry) : removeBlockPair(text, entry, handle.pair);
    },
    insertEntry(map, key, value, at) {
      const mapNode = (map.handle as YamlHandle | undefined)?.node;
      if (!isMap(mapNode) || map.tag) return undefined;
      return mapNode.flow || mapNode.items.length === 0 ? insertFlow(map, mapNode, key, value, at) : insertBlock(text, mapNode, key, value, at, eol);
    },
  };
}

/** The writer of a YAML policy document (not a template: its statements may hold what functions give). */
export function yamlPolicyWriter(text: string): SourceWriter {
  const eol = lineBreakOf(text);
  return { ...yamlWriter(text), insertItem: (list, after, value) => insertItem(text, list, after, value, eol) };
}

/**
 * `value` after the item `after` as written in the sequence: in a block sequence on lines of its own, with
 * the `- ` and indentation `after` has; in a flow sequence after it, in flow style.
 */
function insertItem(text: string, list: IacSeq, after: IacValue, value: unknown, eol: string): TextEdit | undefined {
  const seqNode = (list.handle as YamlHandle | undefined)?.node;
  const itemNode = (after.handle as YamlHandle | undefined)?.node;
  if (!isSeq(seqNode) || list.tag || !itemNode?.range || !seqNode.items.includes(itemNode as never) || isScalarValue(value)) return undefined;
  const [start, valueEnd] = itemNode.range;
  const end = trimEnd(text, start, valueEnd);
  if (seqNode.flow) return { start: end, end, text: `, ${flowText(value)}` };
  // Only a `- ` (after indentation) before the item on its line: an anchor, a tag or another item is not handled.
  const marker = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
  if (!/^[ ]*-[ ]+$/.test(marker)) return undefined;
  const at = afterTrailingComment(text, end);
  return { start: at, end: at, text: `${eol}${marker}${blockText(value, marker.length, eol)}` };
}

function isScalarValue(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** A scalar in the style of the one it replaces: plain when the old one was and the new one can be. */
function scalarText(value: string | number | boolean | null, old: Scalar): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const plain = stringify(value, { lineWidth: 0 }).trimEnd();
  if (old.type === 'PLAIN' && plain === value) return value;
  if (old.type === 'QUOTE_SINGLE' && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** A collection in flow style on one line: JSON, which YAML reads as is. */
function flowText(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']').replace(/\{ /g, '{ ');
}

/** A collection in block style whose first line starts at `column` (the place it replaces). */
function blockText(value: unknown, column: number, eol: string): string | undefined {
  if (isScalarValue(value)) return undefined;
  const lines = stringify(value, { lineWidth: 0 }).trimEnd().split('\n');
  return lines.join(`${eol}${' '.repeat(column)}`);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The end of a range without the line breaks and spaces a block node's range takes after its content. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/**
 * Removes an entry's lines with the line break before them, not the one after: a fix that moves the entry
 * inserts it at the end of the map, that is where the removed lines end, and an editor refuses edits
 * that overlap there (VS Code's "Overlapping ranges are not allowed!").
 */
function removeBlockPair(text: string, entry: IacEntry, pair: Pair): TextEdit | undefined {
  const lineStart = text.lastIndexOf('\n', entry.keyRange.start - 1) + 1;
  if (text.slice(lineStart, entry.keyRange.start).trim() !== '') return undefined;
  const valueEnd = trimEnd(text, entry.keyRange.end, pairEnd(pair));
  const lineBreak = text.indexOf('\n', valueEnd);
  if (lineStart === 0) return { start: 0, end: lineBreak < 0 ? text.length : lineBreak + 1, text: '' };
  const breakBefore = text[lineStart - 2] === '\r' ? 2 : 1;
  const lineEnd = lineBreak < 0 ? text.length : text[lineBreak - 1] === '\r' ? lineBreak - 1 : lineBreak;
  return { start: lineStart - breakBefore, end: lineEnd, text: '' };
}

function removeFlowPair(text: string, map: YAMLMap, entry: IacEntry): TextEdit | undefined {
  const pair = (entry.handle as YamlHandle).pair as Pair;
  const index = map.items.indexOf(pair as never);
  const end = pairEnd(pair);
  const next = map.items[index + 1];
  if (next && isScalar(next.key) && next.key.range) return { start: entry.keyRange.start, end: next.key.range[0], text: '' };
  const previous = map.items[index - 1];
  const previousEnd = (previous?.value as { range?: number[] } | null)?.range?.[1];
  return previousEnd === undefined ? undefined : { start: trimEnd(text, 0, previousEnd), end: trimEnd(text, 0, end), text: '' };
}

function keyText(key: string): string {
  const plain = stringify(key, { lineWidth: 0 }).trimEnd();
  return plain === key ? key : JSON.stringify(key);
}

/**
 * Where a pair ends as written: after its value node, or its key when it has no value. Not the end of the
 * value as read: an alias's value (`Resource: *everything`) is read where its anchor is, earlier in the file,
 * and a merge key's entries are its anchor's.
 */
function pairEnd(pair: Pair): number {
  const key = (pair.key as { range?: number[] } | null)?.range?.[1] ?? 0;
  const value = (pair.value as { range?: number[] } | null)?.range?.[1] ?? 0;
  return Math.max(key, value);
}

/** Where a pair starts as written; undefined for a key with a tag before it (`!Ref Op:`), whose start is not its node's. */
function pairStart(pair: Pair): number | undefined {
  const key = pair.key as { range?: number[]; tag?: string } | null;
  return key?.range && !key.tag ? key.range[0] : undefined;
}

/**
 * Entries go before the first pair or after the last pair written in the map (`mapNode`), not the first or
 * last entry read (`map`): that may be an alias's or merge key's, read where its anchor is.
 */
function insertFlow(map: IacMap, mapNode: YAMLMap, key: string, value: unknown, at: 'first' | 'last'): TextEdit | undefined {
  const member = `${keyText(key)}: ${isScalarValue(value) ? JSON.stringify(value) : flowText(value)}`;
  if (mapNode.items.length === 0) return { start: map.range.start, end: map.range.end, text: `{ ${member} }` };
  if (at === 'first') {
    const start = pairStart(mapNode.items[0]);
    return start === undefined ? undefined : { start, end: start, text: `${member}, ` };
  }
  const end = pairEnd(mapNode.items[mapNode.items.length - 1]);
  return { start: end, end, text: `, ${member}` };
}

function insertBlock(text: string, mapNode: YAMLMap, key: string, value: unknown, at: 'first' | 'last', eol: string): TextEdit | undefined {
  const firstStart = pairStart(mapNode.items[0]);
  if (firstStart === undefined) return undefined;
  const column = columnOf(text, firstStart);
  // The first key may follow a sequence's `- `; anything else before it on its line is a layout not handled.
  if (!/^[ ]*(-[ ]+)*$/.test(text.slice(firstStart - column, firstStart))) return undefined;
  const indent = ' '.repeat(column);
  const written = isScalarValue(value) ? ` ${JSON.stringify(value)}` : `${eol}${indent}  ${blockText(value, column + 2, eol)}`;
  const member = `${keyText(key)}:${written}`;
  if (at === 'first') return { start: firstStart, end: firstStart, text: `${member}${eol}${indent}` };
  const end = afterTrailingComment(text, trimEnd(text, 0, pairEnd(mapNode.items[mapNode.items.length - 1])));
  return { start: end, end, text: `${eol}${indent}${member}` };
}

/** The end of a comment that follows `end` on its line (`Resource: "*"   # everything`), else `end`: it stays with its value. */
function afterTrailingComment(text: string, end: number): number {
  const lineBreak = text.indexOf('\n', end);
  const rest = text.slice(end, lineBreak < 0 ? text.length : lineBreak);
  return /^[ \t]*#/.test(rest) ? end + rest.trimEnd().length : end;
}

