/** JSON with comments, parsed with offsets kept (jsonc-parser's tree), and small helpers over its tree. */
import { type Node, type ParseError, findNodeAtLocation, getNodeValue, printParseErrorCode } from 'jsonc-parser';
import type { ParseProblem } from './model';
import { type JsonTree, parseJsonTree } from '../text/jsonTree';
import { dropShadowedKeys } from '../text/shadowedKeys';

export interface ParsedJson {
  root: Node | undefined;
  errors: ParseProblem[];
  /** The text is plain JSON, as AWS parses it: no comments, trailing commas or errors. */
  plain: boolean;
  /** Properties a later one of the same name overrides, taken out of `root` (see dropShadowedKeys). */
  shadowed: Node[];
}

/** Where a too-deep file is reported: deeper than any policy or template, well within the parser's reach. */
export const MAX_NESTING = 256;

/**
 * Errors kept per file. The parser reports one per stray token, so `[` and 10 MB of commas made ten
 * million error objects (2 GB); RG001 reports the first one anyway, and says how many more were found.
 */
export const MAX_PARSE_ERRORS = 1_000;

/**
 * Parses JSONC (comments and trailing commas allowed); never throws. A file nested deeper than
 * MAX_NESTING is reported and yields no tree, so no rule ever walks it: where the parser itself would
 * overflow depends on the stack it runs on, and the verdict must not.
 */
export function parseJson(text: string): ParsedJson {
  const errors = cappedErrors();
  let tree: JsonTree = { root: undefined, plain: false };
  let overflowed = false;
  try {
    tree = parseJsonTree(text, errors, MAX_NESTING);
  } catch (err) {
    // The parser recurses once per level and overflows somewhere near 10,000 levels.
    if (!(err instanceof RangeError)) throw err;
    overflowed = true;
  }
  // A plain text was read to the end without going deeper than MAX_NESTING; only the others need counting.
  const tooDeep = tree.plain || fewerOpenersThan(text, MAX_NESTING + 1) ? undefined : firstOffsetDeeperThan(text, MAX_NESTING);
  if (tooDeep !== undefined || overflowed) {
    const offset = tooDeep ?? 0;
    return { root: undefined, plain: false, shadowed: [], errors: [{ message: `nesting deeper than ${MAX_NESTING} levels`, range: { start: offset, end: Math.min(offset + 1, text.length) } }] };
  }
  return {
    root: tree.root,
    plain: tree.plain,
    shadowed: dropShadowedKeys(tree.root),
    errors: errors.kept.map((e) => ({
      message: e.offset === 0 && text.charCodeAt(0) === 0xfeff ? BYTE_ORDER_MARK : describeParseError(printParseErrorCode(e.error)),
      // An error at the end of the text (a truncated file) gets an empty range there, never one past the end.
      range: { start: Math.min(e.offset, text.length), end: Math.min(e.offset + Math.max(e.length, 1), text.length) },
    })),
  };
}

/**
 * What jsonc-parser calls an "invalid symbol" when it is a byte order mark: one still in the text, as in a
 * policy Terraform reads with `file()` (a file the linter reads itself has it taken off; RG011 reports it).
 */
const BYTE_ORDER_MARK = 'a byte order mark (U+FEFF) before the JSON, which AWS receives as the first character of the policy; save the file as UTF-8 without a BOM';

/** An error list for the parser, which only ever pushes to it: keeps the first MAX_PARSE_ERRORS. */
function cappedErrors(): ParseError[] & { kept: ParseError[] } {
  const kept: ParseError[] = [];
  const push = (error: ParseError) => (kept.length < MAX_PARSE_ERRORS ? kept.push(error) : kept.length);
  return Object.assign([] as ParseError[], { kept, push });
}

/**
 * True when the text has fewer than `count` `[` and `{` characters in all, so that nothing in it can nest
 * that deep: true of nearly every policy, and indexOf finds them natively, far faster than the
 * character-by-character scan of firstOffsetDeeperThan.
 */
function fewerOpenersThan(text: string, count: number): boolean {
  let found = 0;
  for (const opener of ['[', '{']) {
    for (let i = text.indexOf(opener); i >= 0; i = text.indexOf(opener, i + 1)) {
      if (++found >= count) return false;
    }
  }
  return true;
}

/** The offset of the first `[` or `{` nested deeper than `limit`, skipping strings and comments. */
function firstOffsetDeeperThan(text: string, limit: number): number | undefined {
  const lineBreaks = new LineBreaks(text);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i, lineBreaks.after(i));
    else if (c === 47 && text.charCodeAt(i + 1) === 47) i = lineBreaks.after(i);
    else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** The next `\n` or `\r` at or after an offset, remembered so that a one-line (minified) file stays linear. */
class LineBreaks {
  private lf = -1;
  private cr = -1;
  constructor(private readonly text: string) {}

  after(offset: number): number {
    if (this.lf < offset) this.lf = this.next('\n', offset);
    if (this.cr < offset) this.cr = this.next('\r', offset);
    return Math.min(this.lf, this.cr);
  }

  private next(ch: string, offset: number): number {
    const found = this.text.indexOf(ch, offset);
    return found < 0 ? this.text.length : found;
  }
}

/**
 * The offset of the quote closing the string that opens at `start`, or of the line break that ends it
 * unterminated (as the parser's scanner does). Jumps with indexOf: strings are most of a policy's text.
 */
function stringEnd(text: string, start: number, lineEnd: number): number {
  for (let from = start + 1; ; ) {
    const quote = text.indexOf('"', from);
    if (quote < 0 || quote > lineEnd) return lineEnd;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

function describeParseError(code: string): string {
  // "PropertyNameExpected" -> "property name expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * The property node (`"key": value` pair) of an object whose key matches exactly. A plain loop, not
 * `find` with a closure: rules ask this for every element of every statement.
 */
export function property(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object' || !object.children) return undefined;
  for (const prop of object.children) if (prop.children?.[0]?.value === key) return prop;
  return undefined;
}

/** The value node of an object's property. */
export function propertyValue(object: Node | undefined, key: string): Node | undefined {
  return property(object, key)?.children?.[1];
}

/** The plain value of a node (objects and arrays become JS values). */
export function valueOf(node: Node): unknown {
  return getNodeValue(node);
}

export { findNodeAtLocation };
