/**
 * Messages quote policy values, and a value read from a template or HCL holds UNKNOWN_PART where a part is
 * only known at deployment (`${AWS::Partition}`, `!Ref Stage`, `${var.partition}`). That character is
 * invisible in a terminal (`"arn::iam::*:root"`), so before a message is shown each quoted value with
 * unknown parts is written back with those parts as the author wrote them.
 */
import type { Node } from 'jsonc-parser';
import { UNKNOWN_PART } from '../policy';
import type { PolicyDocument } from './model';

/** Shown for an unknown part whose written text cannot be recovered (the message derived the value). */
const UNRECOVERED = '<unknown>';

/**
 * The message with every unknown part of the document's values shown as written in `fileText`. Values that
 * read alike may be written differently (every `!Ref` reads as one unknown part): the reported node's own
 * value is written back first, and a value written in several ways elsewhere is not guessed at. A value the
 * message derived from the reported one (a suggestion in its partition) shows the unknown part the way the
 * reported value writes it, when it writes all of them one way.
 */
export function showUnknownParts(message: string, document: PolicyDocument | undefined, fileText: string, node?: Node): string {
  if (!message.includes(UNKNOWN_PART)) return message;
  const written = document ? writtenValues(document, fileText) : [];
  let shown = message;
  const own = node && written.find((w) => w.node === node);
  if (own) shown = shown.split(own.value).join(own.asWritten);
  const ways = new Map<string, Set<string>>();
  for (const { value, asWritten } of written) ways.set(value, (ways.get(value) ?? new Set()).add(asWritten));
  // Longest first, so that a value is not half-replaced through a shorter one inside it.
  const unambiguous = [...ways].filter(([, texts]) => texts.size === 1).sort(([a], [b]) => b.length - a.length);
  for (const [value, [asWritten]] of unambiguous) shown = shown.split(value).join(asWritten);
  // A derived value (a suggestion) is shown as one could write it in a `!Sub`: `${AWS::Partition}`, not `!Ref ...`.
  const ownParts = new Set(own?.parts.map((part) => (cloudFormationReference(part) ? `\${${cloudFormationReference(part)}}` : part)));
  return shown.split(UNKNOWN_PART).join(ownParts.size === 1 ? [...ownParts][0] : UNRECOVERED);
}

/**
 * The parameter or pseudo parameter an unknown part written in a CloudFormation template refers to:
 * `${AWS::Partition}` in a `Fn::Sub` text, `!Ref AWS::Partition`, `Ref: AWS::Partition`, `{"Ref": "AWS::Partition"}`,
 * quoted or not; undefined for any other part (`!GetAtt`, a Terraform reference).
 */
export function cloudFormationReference(part: string): string | undefined {
  const reference = /^(?:\$\{([A-Za-z0-9:]+)\}|(?:!Ref\s+|\{?\s*"?Ref"?\s*:\s*)['"]?([A-Za-z0-9:]+)['"]?\s*\}?)$/.exec(part.trim());
  return reference?.[1] ?? reference?.[2];
}

/** Each unknown part of a string node, as written in `fileText` (`${AWS::Partition}`, `!Ref Stage`), in order. */
export function writtenUnknownParts(document: PolicyDocument, fileText: string, node: Node): string[] {
  if (node.type !== 'string' || typeof node.value !== 'string' || !node.value.includes(UNKNOWN_PART)) return [];
  // UNKNOWN_PART is never escaped in the document's JSON, so its n-th occurrence in the token is the
  // value's n-th unknown part.
  const token = document.text.slice(node.offset, node.offset + node.length);
  const parts: string[] = [];
  for (let at = token.indexOf(UNKNOWN_PART); at !== -1; at = token.indexOf(UNKNOWN_PART, at + 1)) {
    const offset = node.offset + at;
    parts.push(writtenPart(fileText, document.toFileOffset(offset), document.toFileOffset(offset + 1)));
  }
  return parts;
}

/** Each string of the document that holds unknown parts: its node, its unknown parts and the string as written. */
function writtenValues(document: PolicyDocument, fileText: string): Array<{ node: Node; value: string; parts: string[]; asWritten: string }> {
  const found: Array<{ node: Node; value: string; parts: string[]; asWritten: string }> = [];
  const visit = (node: Node) => {
    const parts = writtenUnknownParts(document, fileText, node);
    if (parts.length) {
      const known = (node.value as string).split(UNKNOWN_PART);
      found.push({ node, value: node.value, parts, asWritten: known.map((text, i) => (i === 0 ? text : parts[i - 1] + text)).join('') });
    }
    node.children?.forEach(visit);
  };
  visit(document.root);
  return found;
}

/**
 * The text of an unknown part: from where it starts in the file up to where the next known character is.
 * Between the two there may be more than the part (the `", "` before a `Fn::Join`'s next item), so a
 * part written as an object or list (`{"Ref": "AWS::Partition"}`) ends where its brackets close, and any
 * other (`${AWS::Partition}`, `!Ref Stage`, `var.partition`) at the end of its line or before a separator.
 * `${...}` ends at its closing brace.
 */
function writtenPart(fileText: string, start: number, end: number): string {
  let text = fileText.slice(start, Math.max(start, end));
  if (text.startsWith('${')) text = text.slice(0, closingBracket(text.slice(1)) + 2);
  else if (text.startsWith('{') || text.startsWith('[')) text = text.slice(0, closingBracket(text) + 1);
  else text = withoutTrailingSeparators(text.split(/\r?\n/)[0]);
  // A YAML short form's value starts after its tag (`!Ref Stage`): the tag is part of what was written.
  const tag = /![A-Za-z]+[ \t]+$/.exec(fileText.slice(fileText.lastIndexOf('\n', start - 1) + 1, start))?.[0] ?? '';
  const compact = `${tag}${text}`.replace(/\s+/g, ' ').trim();
  return compact || UNRECOVERED;
}

/**
 * A part written to the end of its line, without the separators that follow it there (`var.partition }`,
 * `!Ref Stage",`): a closing bracket goes only when the part did not open it (`var.on ? {...} : {}` keeps it).
 */
function withoutTrailingSeparators(line: string): string {
  let text = line.replace(/[\s,]*["']?$/, '');
  for (;;) {
    const last = text[text.length - 1];
    const opener = last === '}' ? '{' : last === ']' ? '[' : undefined;
    if (!opener || count(text, opener) >= count(text, last)) return text;
    text = text.slice(0, -1).replace(/[\s,]*["']?$/, '');
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The index of the bracket that closes the one `text` starts with (quoted brackets skipped); the end when none. */
function closingBracket(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i;
  }
  return text.length - 1;
}
