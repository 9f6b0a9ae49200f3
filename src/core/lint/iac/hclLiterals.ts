/**
 * The literal text of HCL strings, each character mapped to where it is written: a quoted string with its
 * escapes decoded, a heredoc as written but for the `$${` and `%%{` escapes.
 */
import type { HclNode } from './hclParser';
import { linearText, type MappedText } from './sourceTree';

/** A heredoc's literal text: as written, except the `$${` and `%%{` escapes. */
export function heredocLiteral(node: HclNode): MappedText {
  const raw = linearText(node.text, { start: node.startIndex, end: node.endIndex });
  return node.text.includes('$${') || node.text.includes('%%{') ? unescapeTemplate(raw) : raw;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** A quoted string's literal text with HCL's escapes decoded (`\"`, `\\`, `\n`, `\uNNNN`, `$${`, `%%{`). */
export function decodeQuoted(node: HclNode): MappedText {
  const text = node.text;
  const base = node.startIndex;
  const chars: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      if (next in ESCAPES) {
        chars.push(ESCAPES[next]);
        offsets.push(base + i);
        i++;
        continue;
      }
      const hex = next === 'u' ? text.slice(i + 2, i + 6) : next === 'U' ? text.slice(i + 2, i + 10) : '';
      if (/^[0-9a-fA-F]+$/.test(hex) && (hex.length === 4 || hex.length === 8)) {
        for (const unit of String.fromCodePoint(parseInt(hex, 16))) {
          chars.push(...unit);
          for (let k = 0; k < unit.length; k++) offsets.push(base + i);
        }
        i += 1 + hex.length;
        continue;
      }
    }
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      chars.push(c);
      offsets.push(base + i);
      i++;
      continue;
    }
    chars.push(c);
    offsets.push(base + i);
  }
  offsets.push(node.endIndex);
  return { text: chars.join(''), offsets: Int32Array.from(offsets) };
}

function unescapeTemplate(raw: MappedText): MappedText {
  const chars: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < raw.text.length; i++) {
    const c = raw.text[i];
    chars.push(c);
    offsets.push(raw.offsets[i]);
    if ((c === '$' || c === '%') && raw.text[i + 1] === c && raw.text[i + 2] === '{') i++;
  }
  offsets.push(raw.offsets[raw.text.length]);
  return { text: chars.join(''), offsets: Int32Array.from(offsets) };
}
