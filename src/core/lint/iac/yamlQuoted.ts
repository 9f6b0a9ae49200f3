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
 * The value of the double-quoted scalar at `range` with each character's source offset; undefined when the
 * scalar spans lines (folded: left to alignedText) or its text does not decode to `value`.
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
    if (c === '\n' || c === '\r') return undefined;
    if (c !== '\\') {
      if (!put(c, i)) return undefined;
      i++;
      continue;
    }
    const escape = source[i + 1];
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
