/**
 * A policy as written in any infrastructure-as-code syntax (YAML, HCL, JSON with intrinsic functions),
 * reduced to JSON's shape with the source range of every part. Strings carry a map from each character to
 * its offset in the file, so that a finding inside a value lands where the user wrote it, even after
 * `Fn::Sub` replaced parts of it. `handle` is what the syntax's writer needs to edit that part in place;
 * parts computed from intrinsic functions have none and are never edited.
 */
import type { OffsetRange } from '../model';
import { UNKNOWN_PART } from '../../policy';

/** A string with, for each code unit, its offset in the file; `offsets[text.length]` is where it ends. */
export interface MappedText {
  text: string;
  offsets: Int32Array;
}

interface IacBase {
  range: OffsetRange;
  /** A YAML tag such as `!Sub` (CloudFormation's short form of an intrinsic function). */
  tag?: string;
  handle?: unknown;
  /**
   * On a value read on one side of the choices a file writes (`Fn::If`, a Terraform conditional): `chosen`
   * when a choice is written in its place (another side reads another value there, or none); `sided` when
   * it is chosen, holds a chosen part, or leaves a part out on this side (`AWS::NoValue`). A fix edits what
   * is written, on every side at once, so it may rely only on what every side reads alike.
   */
  chosen?: true;
  sided?: true;
}

export interface IacScalar extends IacBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** For strings: the value with its offsets. */
  mapped?: MappedText;
  /**
   * A value known only at deployment that may be any JSON, an object too: what an `AWS::Include` snippet
   * (`Fn::Transform`) inserts, where CloudFormation's other functions give strings.
   */
  anyJson?: true;
}

export interface IacEntry {
  key: string;
  keyRange: OffsetRange;
  value: IacValue;
  handle?: unknown;
}

export interface IacMap extends IacBase {
  kind: 'map';
  entries: IacEntry[];
  /** The map as written, when reading it on one side of its `Fn::If`s left some entries out (`AWS::NoValue`). */
  written?: IacMap;
}

export interface IacSeq extends IacBase {
  kind: 'seq';
  items: IacValue[];
}

export type IacValue = IacScalar | IacMap | IacSeq;

/** The value of a map's entry. */
export function entryValue(map: IacValue | undefined, key: string): IacValue | undefined {
  if (map?.kind !== 'map') return undefined;
  for (const entry of map.entries) if (entry.key === key) return entry.value;
  return undefined;
}

/** The string of a scalar, when it is one. */
export function stringOf(value: IacValue | undefined): string | undefined {
  return value?.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
}

/** A text whose characters all map linearly into `range` (clamped at its end): for values written as is. */
export function linearText(text: string, range: OffsetRange, firstOffset = range.start): MappedText {
  const offsets = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) offsets[i] = Math.min(firstOffset + i, range.end);
  offsets[text.length] = range.end;
  return { text, offsets };
}

/**
 * Maps a value onto the source text it was read from, which writes it with quotes, escapes, indentation or
 * folding: each character of the value is matched with the next equal character of the source (looking a
 * short way ahead), so plain runs map exactly and what the syntax added is skipped. A line feed written as
 * `\r\n` maps to its `\r`, where the line ends: a finding that ends at a line's end stops there.
 */
export function alignedText(value: string, source: string, range: OffsetRange): MappedText {
  const offsets = new Int32Array(value.length + 1);
  let at = range.start;
  for (let i = 0; i < value.length; i++) {
    const limit = Math.min(range.end, at + 64);
    let found = -1;
    for (let j = at; j < limit; j++) {
      if (source.charCodeAt(j) === value.charCodeAt(i)) {
        found = j;
        break;
      }
    }
    const lineEnd = found > at && value[i] === '\n' && source[found - 1] === '\r';
    offsets[i] = found >= 0 ? (lineEnd ? found - 1 : found) : Math.min(at, range.end);
    if (found >= 0) at = found + 1;
  }
  offsets[value.length] = range.end;
  return { text: value, offsets };
}

/** One unknown part standing for the whole range (a `Ref`, an expression). */
export function unknownText(range: OffsetRange): MappedText {
  return { text: UNKNOWN_PART, offsets: Int32Array.of(range.start, range.end) };
}

/** Texts one after the other, each keeping its offsets. */
export function concatTexts(parts: readonly MappedText[], end: number): MappedText {
  const text = parts.map((p) => p.text).join('');
  const offsets = new Int32Array(text.length + 1);
  let at = 0;
  for (const part of parts) {
    offsets.set(part.offsets.subarray(0, part.text.length), at);
    at += part.text.length;
  }
  offsets[text.length] = end;
  return { text, offsets };
}

/** A string scalar with no handle (computed, so never edited in place). */
export function computedString(mapped: MappedText, range: OffsetRange): IacScalar {
  return { kind: 'scalar', value: mapped.text, mapped, range };
}

/**
 * The value as a plain object, which a spread copies whole. A JSON template's values (jsonSource.ts) read
 * their parts (`entries`, `items`, a string's `mapped`) in getters on their prototype, which a spread leaves
 * out: a copy that keeps them must be made of this.
 */
function plainValue(value: IacValue): IacValue {
  switch (value.kind) {
    case 'scalar':
      return value.mapped ? { ...value, mapped: value.mapped } : { ...value };
    case 'seq':
      return { ...value, items: value.items };
    case 'map':
      return { ...value, entries: value.entries };
  }
}

/**
 * The value as read elsewhere (a local another file of the module writes, a YAML anchor an alias reads),
 * placed wholly on `range` where it is used: every part's findings land on the use, and no part can be
 * edited from here (no handles). What else the value carries (tags, sides) it keeps.
 */
export function placedAt(value: IacValue, range: OffsetRange): IacValue {
  const { handle: _handle, ...rest } = plainValue(value);
  switch (rest.kind) {
    case 'scalar': {
      const mapped = rest.mapped && { text: rest.mapped.text, offsets: new Int32Array(rest.mapped.text.length + 1).fill(range.start) };
      if (mapped) mapped.offsets[mapped.text.length] = range.end;
      return { ...rest, range, ...(mapped ? { mapped } : {}) };
    }
    case 'seq':
      return { ...rest, range, items: rest.items.map((item) => placedAt(item, range)) };
    case 'map':
      return {
        ...rest,
        range,
        entries: rest.entries.map((entry) => ({ key: entry.key, keyRange: range, value: placedAt(entry.value, range) })),
        ...(rest.written ? { written: placedAt(rest.written, range) as IacMap } : {}),
      };
  }
}

/**
 * The value with no handles: text read more than once (a loop body read per iteration, a YAML anchor an
 * alias or merge key reads again) must not be edited for one reader, since the edit changes every reader,
 * and a fix right for one may widen another.
 */
export function readOnly(value: IacValue): IacValue {
  const { handle: _handle, ...rest } = plainValue(value);
  switch (rest.kind) {
    case 'scalar':
      return rest;
    case 'seq':
      return { ...rest, items: rest.items.map(readOnly) };
    case 'map':
      return { ...rest, entries: rest.entries.map(({ handle: _entryHandle, ...entry }) => ({ ...entry, value: readOnly(entry.value) })), ...(rest.written ? { written: readOnly(rest.written) as IacMap } : {}) };
  }
}
