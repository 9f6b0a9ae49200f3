/**
 * A double-quoted YAML scalar mapped exactly onto its source. Templates write a whole policy as one quoted
 * string (`Content: "{\"Version\": ...}"`), where alignedText's matching of equal characters drifts: a `"`
 * maps to the quote after its backslash, and `\u0041` to whatever `A` comes next. Decoding the escapes
 * instead maps each character of the value to the start of what writes it.
 */
import type { OffsetRange } from '../model';
import type { MappedText } from './sourceTree';

/** YAML 1.2's one-character escapes of double-quoted scalars. */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** Hex digits after `\x`, `\u` and `\U`. */
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The value of the double-quoted scalar at `range` with each character's source offset; undefined when its
 * text does not decode to `value`. A scalar over several lines folds as YAML folds it: the blanks around a
 * line break go, and the break becomes a space (a line feed per empty line after it, if any); an escaped line
 * break (`\` at the end of a line) and the next line's leading blanks go.
 */
export function doubleQuotedText(value: string, source: string, range: OffsetRange): MappedText | undefined {
  if (source.charCodeAt(range.start) !== 34 /* " */) return undefined;
  const offsets = new Int32Array(value.length + 1);
  let decoded = 0;
  let i = range.start + 1;
  const put = (text: string, at: number): boolean => {
    for (let k = 0; k < text.length; k++) {
      if (decoded >= value.length || value.charCodeAt(decoded) !== text.charCodeAt(k)) return false;
      offsets[decoded++] = at;
    }
    return true;
  };
  while (i < range.end) {
    const c = source[i];
    if (c === '"') break;
    if (isBlank(c) || isBreak(c)) {
      const blanksEnd = skipBlanks(source, i);
      if (!isBreak(source[blanksEnd])) {
        if (!put(source.slice(i, blanksEnd), i)) return undefined;
        i = blanksEnd;
        continue;
      }
      let next = skipBlanks(source, afterBreak(source, blanksEnd));
      let emptyLines = 0;
      for (; isBreak(source[next]); emptyLines++) next = skipBlanks(source, afterBreak(source, next));
      if (!put(emptyLines ? '\n'.repeat(emptyLines) : ' ', blanksEnd)) return undefined;
      i = next;
      continue;
    }
    if (c !== '\\') {
      if (!put(c, i)) return undefined;
      i++;
      continue;
    }
    const escape = source[i + 1];
    if (isBreak(escape)) {
      i = skipBlanks(source, afterBreak(source, i + 1));
      continue;
    }
    const digits = HEX_DIGITS[escape];
    const hex = digits ? source.slice(i + 2, i + 2 + digits) : '';
    const text = digits ? (/^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? String.fromCodePoint(parseInt(hex, 16)) : undefined) : ESCAPES[escape];
    if (text === undefined || !put(text, i)) return undefined;
    i += 2 + (digits ?? 0);
  }
  if (decoded !== value.length || source[i] !== '"') return undefined;
  offsets[value.length] = i;
  return { text: value, offsets };
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

function skipBlanks(source: string, at: number): number {
  let i = at;
  while (isBlank(source[i])) i++;
  return i;
}

/** Past the line break (`\n`, `\r\n` or `\r`) at `at`. */
function afterBreak(source: string, at: number): number {
  return source[at] === '\r' && source[at + 1] === '\n' ? at + 2 : at + 1;
}
