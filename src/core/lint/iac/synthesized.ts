/**
 * Policy documents read from another syntax. The policy is written out as compact JSON (what CloudFormation
 * and Terraform send to AWS), parsed like any policy, and every offset of that JSON maps back to the part
 * of the file it came from. Fixes are written back through the syntax's writer from each edit's intent,
 * never as JSON text; an edit the writer cannot write safely drops its fix.
 */
import { placedDocument } from '../documents';
import type { OffsetRange, PolicyDocument, PolicyType, SizeLimit, TextEdit } from '../model';
import { UNKNOWN_PART } from '../../policy';
import { parseJson } from '../parse';
import type { IacEntry, IacMap, IacSeq, IacValue, MappedText } from './sourceTree';

/** Edits a file in its own syntax; each method returns undefined where it cannot write safely. */
export interface SourceWriter {
  replaceValue(target: IacValue, value: unknown): TextEdit | undefined;
  replaceKey(map: IacMap, entry: IacEntry, key: string): TextEdit | undefined;
  removeEntry(map: IacMap, entry: IacEntry): TextEdit | undefined;
  insertEntry(map: IacMap, key: string, value: unknown, at: 'first' | 'last'): TextEdit | undefined;
  /** Adds an item after `after` in `list`; only a policy document's writer has it (a template's adds no statements). */
  insertItem?(list: IacSeq, after: IacValue, value: unknown): TextEdit | undefined;
}

export interface DocumentSite {
  type: PolicyType;
  origin: string;
  sizeLimit?: SizeLimit;
  /** See `PolicyDocument.definedIn`. */
  definedIn?: string;
  /** See `PolicyDocument.rendering`. */
  rendering?: 'indented' | 'compact';
  /** See `PolicyDocument.typeAssumed`. */
  typeAssumed?: true;
}

/** A document from a policy value read from YAML, HCL or a template with intrinsic functions. */
export function synthesizedDocument(value: IacValue, site: DocumentSite, writer: SourceWriter | undefined): PolicyDocument {
  const out = new JsonWriter();
  out.value(value);
  const text = out.parts.join('');
  // Built on the first question: a clean file never asks, nor does completion in the editor.
  let offsets: Int32Array | undefined;
  const parsed = parseJson(text);
  const root = parsed.root ?? { type: 'null', offset: 0, length: text.length, value: null };
  return placedDocument({
    ...site,
    text,
    root,
    toFileOffset: (offset) => (offsets ??= out.offsetMap(text.length, value.range))[Math.max(0, Math.min(offset, text.length))],
    encodeForFile: (replacement) => replacement,
    mayBeAnyJson: (offset) => isAnyJson(out.values.get(offset)),
    writeEdit: (edit) => (writer ? writeIntent(edit, out, writer) : undefined),
    asWritten: (node) => {
      const read = out.values.get(node.offset);
      if (!read) return undefined;
      if (read.kind !== 'map') return { chosen: read.chosen === true, sided: read.sided === true, members: 0, steadyMembers: 0 };
      const members = (read.written ?? read).entries.length;
      // Of the members this side reads, those no Fn::If chooses (the ones another side may leave out are chosen).
      const steadyMembers = read.entries.filter((entry) => !entry.value.chosen).length;
      return { chosen: read.chosen === true, sided: read.sided === true, members, steadyMembers };
    },
    // A key the author gave twice (YAML and Terraform's objects keep the last, as the JSON does).
    shadowed: parsed.shadowed,
  });
}

function isAnyJson(part: IacValue | undefined): boolean {
  return part?.kind === 'scalar' && part.anyJson === true;
}

/**
 * A document written as a JSON string in the file (YAML `Content: |`, an HCL heredoc, `Fn::Sub` text).
 * `writeEdit` writes an edit when `verbatim` can, else the fix is not offered. No statement is added there: the
 * string is a template's or Terraform's, whose values a function or variable may give.
 */
export function mappedStringDocument(
  written: MappedText,
  site: DocumentSite,
  verbatim?: (edit: TextEdit, mapped: MappedText) => TextEdit | undefined,
): PolicyDocument {
  const mapped = unknownValuesQuoted(written);
  const { text, offsets } = mapped;
  const parsed = parseJson(text);
  const root = parsed.root ?? { type: 'null', offset: 0, length: text.length, value: null };
  return placedDocument({
    ...site,
    text,
    root,
    toFileOffset: (offset) => offsets[Math.max(0, Math.min(offset, text.length))],
    encodeForFile: (replacement) => replacement,
    writeEdit: (edit) => (edit.intent?.kind === 'insertItem' ? undefined : verbatim?.(edit, mapped)),
    parseErrors: parsed.errors,
    shadowed: parsed.shadowed,
  });
}

/**
 * A fix's edit written in the source's own syntax. No edit gives a map a key it has already: the source may
 * hold one the document read leaves out (a `Condition: !If [IsProd, {...}, !Ref AWS::NoValue]` on the side
 * without it), and a second key would replace the first, or make the YAML invalid.
 */
function writeIntent(edit: TextEdit, out: JsonWriter, writer: SourceWriter): TextEdit | undefined {
  const intent = edit.intent;
  if (!intent) return undefined;
  const has = (map: IacMap, key: string, except?: IacEntry) => (map.written ?? map).entries.some((entry) => entry !== except && entry.key !== except?.key && entry.key === key);
  switch (intent.kind) {
    case 'replace': {
      const { node } = intent;
      const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
      if (isKey) {
        const found = out.entries.get(node.offset);
        return found && typeof intent.value === 'string' && !has(found.map, intent.value, found.entry) ? writer.replaceKey(found.map, found.entry, intent.value) : undefined;
      }
      const target = out.values.get(node.offset);
      return target ? writer.replaceValue(target, intent.value) : undefined;
    }
    case 'removeProperty': {
      const found = out.entries.get(intent.property.offset);
      return found ? writer.removeEntry(found.map, found.entry) : undefined;
    }
    case 'insertProperty': {
      const target = out.values.get(intent.object.offset);
      return target?.kind === 'map' && !has(target, intent.key) ? writer.insertEntry(target, intent.key, intent.value, intent.at) : undefined;
    }
    case 'insertItem': {
      const [list, after] = [out.values.get(intent.list.offset), out.values.get(intent.after.offset)];
      return list?.kind === 'seq' && after ? writer.insertItem?.(list, after, intent.value) : undefined;
    }
  }
}

/** Writes compact JSON and remembers, for each emitted part, where it came from. */
class JsonWriter {
  readonly parts: string[] = [];
  /** Value parts by their offset in the JSON text. */
  readonly values = new Map<number, IacValue>();
  /** Map entries by the offset of their key in the JSON text. */
  readonly entries = new Map<number, { map: IacMap; entry: IacEntry }>();
  private length = 0;
  /** Spans of the JSON text and the file offsets of their characters, outermost first. */
  private readonly spans: Array<{ start: number; end: number; sourceStart: number; sourceEnd: number; mapped?: MappedText; key?: true }> = [];

  value(value: IacValue): void {
    const start = this.length;
    this.values.set(start, value);
    if (value.kind === 'scalar') {
      this.emit(JSON.stringify(value.value));
      this.spans.push({ start, end: this.length, sourceStart: value.range.start, sourceEnd: value.range.end, mapped: value.mapped });
      return;
    }
    this.spans.push({ start, end: -1, sourceStart: value.range.start, sourceEnd: value.range.end });
    const span = this.spans[this.spans.length - 1];
    if (value.kind === 'map') {
      this.emit('{');
      value.entries.forEach((entry, i) => {
        if (i > 0) this.emit(',');
        const keyStart = this.length;
        this.entries.set(keyStart, { map: value, entry });
        this.emit(JSON.stringify(entry.key));
        this.spans.push({ start: keyStart, end: this.length, sourceStart: entry.keyRange.start, sourceEnd: entry.keyRange.end, key: true });
        this.emit(':');
        this.value(entry.value);
      });
      this.emit('}');
    } else {
      this.emit('[');
      value.items.forEach((item, i) => {
        if (i > 0) this.emit(',');
        this.value(item);
      });
      this.emit(']');
    }
    span.end = this.length;
  }

  private emit(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  /** For each offset of the JSON text (and its end), the file offset it stands for. */
  offsetMap(length: number, whole: OffsetRange): Int32Array {
    const offsets = new Int32Array(length + 1).fill(whole.start);
    offsets[length] = whole.end;
    // Outer spans first, so that inner ones overwrite them.
    for (const span of this.spans) {
      for (let i = span.start; i < span.end; i++) offsets[i] = span.sourceStart;
      offsets[span.end] = span.sourceEnd;
      if (span.mapped) this.mapString(offsets, span.start, span.end, span.mapped);
      else if (span.end - span.start > 1) {
        const width = span.sourceEnd - span.sourceStart;
        // A key written bare (`Effect:`) gains quotes in the JSON: its characters map one to one after the first.
        const shift = span.key && width === span.end - span.start - 2 ? 1 : 0;
        for (let i = span.start + 1; i < span.end; i++) offsets[i] = span.sourceStart + Math.min(i - span.start - shift, width);
      }
    }
    return offsets;
  }

  /**
   * Inside a JSON string token: each character (or its escape) maps to where the value's character was.
   * Measured a code point at a time: JSON.stringify writes a surrogate pair as it is (two units, each mapping
   * to its own), but half of one alone as a six-character `\uXXXX` escape, as it does a lone surrogate.
   */
  private mapString(offsets: Int32Array, start: number, end: number, mapped: MappedText): void {
    let at = start + 1;
    let k = 0;
    for (const char of mapped.text) {
      const width = JSON.stringify(char).length - 2;
      // Bounded by the closing quote, so that no offset of what follows the token is overwritten.
      for (let w = 0; w < width && at < end - 1; w++) offsets[at++] = mapped.offsets[k + Math.min(w, char.length - 1)];
      k += char.length;
    }
    offsets[end - 1] = mapped.offsets[mapped.text.length];
  }
}

/**
 * The text with each unknown part that stands outside a JSON string quoted: there it is a whole value
 * (`"Resource": ${jsonencode(var.buckets)}` in a heredoc), which the policy reads as one value known only at
 * deployment, as it reads `"Resource": "${var.bucket}"`. Left bare, it made valid Terraform invalid JSON.
 * The opening quote maps to where the unknown part starts, the closing one to where it ends, so that
 * messages can quote it as written (unknownParts.ts).
 */
function unknownValuesQuoted(mapped: MappedText): MappedText {
  const { text, offsets } = mapped;
  if (!text.includes(UNKNOWN_PART)) return mapped;
  let out = '';
  const outOffsets: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString && c === '\\') {
      // An escape and the character it escapes, which may be a quote.
      out += text.slice(i, i + 2);
      outOffsets.push(offsets[i], offsets[Math.min(i + 1, text.length)]);
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    else if (c === UNKNOWN_PART && !inString) {
      out += `"${c}"`;
      outOffsets.push(offsets[i], offsets[i], offsets[i + 1]);
      continue;
    }
    out += c;
    outOffsets.push(offsets[i]);
  }
  outOffsets.push(offsets[text.length]);
  return { text: out, offsets: Int32Array.from(outOffsets) };
}
