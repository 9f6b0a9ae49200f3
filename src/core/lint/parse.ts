/** JSON with comments, parsed with offsets kept (jsonc-parser), and small helpers over its tree. */
import { type Node, type ParseError, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ParseProblem } from './model';

export interface ParsedJson {
  root: Node | undefined;
  errors: ParseProblem[];
}

/** Deeper than any policy or template; the parser recurses per level and would overflow the stack near 10,000. */
export const MAX_NESTING = 256;

/** Parses JSONC (comments and trailing commas allowed); never throws. */
export function parseJson(text: string): ParsedJson {
  const tooDeep = firstOffsetDeeperThan(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    return { root: undefined, errors: [{ message: `nesting deeper than ${MAX_NESTING} levels`, range: { start: tooDeep, end: tooDeep + 1 } }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return {
    root,
    errors: errors.map((e) => ({
      message: describeParseError(printParseErrorCode(e.error)),
      // An error at the end of the text (a truncated file) gets an empty range there, never one past the end.
      range: { start: Math.min(e.offset, text.length), end: Math.min(e.offset + Math.max(e.length, 1), text.length) },
    })),
  };
}

/** The offset of the first `[` or `{` nested deeper than `limit`, skipping strings and comments. */
function firstOffsetDeeperThan(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: skip to its closing quote (an unterminated one runs to the end of the line).
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return undefined;
}

function describeParseError(code: string): string {
  // "PropertyNameExpected" -> "property name expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The property node (`"key": value` pair) of an object whose key matches exactly. */
export function property(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  return object.children?.find((p) => p.children?.[0]?.value === key);
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
