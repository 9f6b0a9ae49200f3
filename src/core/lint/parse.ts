/** JSON with comments, parsed with offsets kept (jsonc-parser), and small helpers over its tree. */
import { type Node, type ParseError, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ParseProblem } from './model';

export interface ParsedJson {
  root: Node | undefined;
  errors: ParseProblem[];
}

/** Parses JSONC (comments and trailing commas allowed); never throws. */
export function parseJson(text: string): ParsedJson {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return {
    root,
    errors: errors.map((e) => ({
      message: describeParseError(printParseErrorCode(e.error)),
      range: { start: e.offset, end: e.offset + Math.max(e.length, 1) },
    })),
  };
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
