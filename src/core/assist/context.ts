/**
 * Where a cursor stands in a policy document, for completion and hover: inside which element of which
 * statement, and on what text. Read with jsonc-parser's `getLocation`, which scans the text up to the cursor
 * and so also understands the half-typed JSON an editor holds while someone writes.
 */
import { type Node, getLocation } from 'jsonc-parser';
import type { OffsetRange } from '../lint/model';
import { findNodeAtLocation, parseJson } from '../lint/parse';

/** The parts of a statement that completion and hover know about. */
export type AssistSlot =
  | { kind: 'action'; negated: boolean }
  | { kind: 'resource'; negated: boolean }
  | { kind: 'operator' }
  | { kind: 'conditionKey'; operator: string }
  | { kind: 'conditionValue'; operator: string; key: string }
  | { kind: 'statement'; element: 'Sid' | 'Effect' };

export interface AssistContext {
  slot: AssistSlot;
  /** The string under the cursor, without its quotes, and its content range; absent between tokens. */
  word?: { text: string; range: OffsetRange; /** the text from the string's start to the cursor */ typed: string };
  /** Where a completion is written: the string's content, or the cursor when it is in no string (then quoted). */
  replace: OffsetRange;
  inString: boolean;
  /** The word is written between quotes in the file (always so in JSON; a YAML scalar or an HCL key may be bare). */
  quotedInFile?: boolean;
  /** The statement's sentence, for a policy read from another syntax (JSON's is found from the text itself). */
  sentence?: () => string | undefined;
  /** The statement object (from a tolerant parse of the whole text). */
  statement: Node;
  /** The document's object node (the one with `Statement`), for the policy engine. */
  documentRoot: Node;
  /** The whole text's parse tree. */
  root: Node;
}

const ACTION_ELEMENTS: Record<string, AssistSlot> = {
  Action: { kind: 'action', negated: false },
  NotAction: { kind: 'action', negated: true },
  Resource: { kind: 'resource', negated: false },
  NotResource: { kind: 'resource', negated: true },
};

/** The context at `offset`, or undefined when the cursor is in no statement element completion knows. */
export function contextAt(text: string, offset: number): AssistContext | undefined {
  const location = getLocation(text, offset);
  const path = location.path;
  const at = statementPath(path);
  if (!at) return undefined;
  const slot = slotOf(path.slice(at.end), location.isAtPropertyKey);
  if (!slot) return undefined;
  const root = parseJson(text).root;
  const statement = root && findNodeAtLocation(root, path.slice(0, at.end));
  const documentRoot = root && findNodeAtLocation(root, path.slice(0, at.statement));
  if (statement?.type !== 'object' || documentRoot?.type !== 'object' || !root) return undefined;
  const word = wordAt(text, offset, location.previousNode);
  return { slot, word, replace: word?.range ?? { start: offset, end: offset }, inString: word !== undefined, statement, documentRoot, root };
}

/**
 * Where `Statement` stands in the path, and the index just past the statement (its index when Statement is a list),
 * taking the innermost `Statement` that is followed by a statement element: a CloudFormation template nests
 * documents in resources, and a condition key or resource could itself be named "Statement".
 */
function statementPath(path: readonly (string | number)[]): { statement: number; end: number } | undefined {
  for (let i = path.lastIndexOf('Statement'); i >= 0; i = path.lastIndexOf('Statement', i - 1)) {
    const next = typeof path[i + 1] === 'number' ? i + 2 : i + 1;
    if (typeof path[next] === 'string' && path[next] !== 'Statement') return { statement: i, end: next };
    if (i === 0) break;
  }
  return undefined;
}

/** What the path inside a statement (`["Condition", "StringEquals", "aws:x", 1]`) points at. */
function slotOf(inside: readonly (string | number)[], atKey: boolean): AssistSlot | undefined {
  const [element, operator, key, ...rest] = inside;
  if (element === 'Condition') {
    if (inside.length === 2 && atKey) return { kind: 'operator' };
    if (inside.length === 3 && atKey && typeof operator === 'string') return { kind: 'conditionKey', operator };
    const valuePath = inside.length === 3 || (inside.length === 4 && typeof rest[0] === 'number');
    if (valuePath && !atKey && typeof operator === 'string' && typeof key === 'string') return { kind: 'conditionValue', operator, key };
    return undefined;
  }
  if (atKey) return inside.length === 1 && (element === 'Sid' || element === 'Effect') ? { kind: 'statement', element } : undefined;
  if (typeof element !== 'string') return undefined;
  const list = ACTION_ELEMENTS[element];
  if (list && (inside.length === 1 || (inside.length === 2 && typeof operator === 'number'))) return list;
  if ((element === 'Sid' || element === 'Effect') && inside.length === 1) return { kind: 'statement', element };
  return undefined;
}

/** The string (value or property key) the cursor is inside, with its content range; undefined outside one. */
function wordAt(text: string, offset: number, node: Node | undefined): AssistContext['word'] {
  if (!node || (node.type !== 'string' && node.type !== 'property')) return undefined;
  const closed = node.length >= 2 && text.charCodeAt(node.offset + node.length - 1) === 34;
  const contentEnd = closed ? node.offset + node.length - 1 : node.offset + node.length;
  if (offset <= node.offset || offset > contentEnd) return undefined;
  const range = { start: node.offset + 1, end: contentEnd };
  return { text: text.slice(range.start, range.end), range, typed: text.slice(range.start, offset) };
}
