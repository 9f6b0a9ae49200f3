/**
 * RG101's fixes for a statement that allows more than `sts:AssumeRoot`: a condition on `sts:TaskPolicyArn`
 * added to it would revoke every other action it allows (no other request carries the key). Where the
 * statement lists `sts:AssumeRoot` by name, the action moves to a statement of its own with the condition;
 * where a wildcard (`*`, `sts:*`) or `NotAction` grants it, no Allow can be narrowed without narrowing the
 * rest, so a Deny of the other task policies is added, which binds the principal's other policies too.
 * Both are written where the document's writer can add a statement (appendStatement).
 */
import type { Node } from 'jsonc-parser';
import { actionMatches } from '../match';
import type { Fix, PolicyDocument, Statement, TextEdit } from '../model';
import { valueOf } from '../parse';
import { TASK_POLICY_ARN_KEY } from './conditionEntries';
import { type Layout, renderJson, textLineBreak } from './jsonLayout';

const ASSUME_ROOT = 'sts:AssumeRoot';

/** How RG101 restricts a statement: a condition on it, a statement of its own, or a Deny beside it. */
export type AssumeRootShape = 'alone' | 'listed' | 'wildcard';

export function assumeRootShape(statement: Statement): AssumeRootShape {
  const action = statement.action;
  if (!action || action.negated) return 'wildcard';
  const named = (value: string) => value.toLowerCase() === ASSUME_ROOT.toLowerCase();
  if (action.values.every((v) => named(v.value))) return 'alone';
  // Listed once by name, and granted by nothing else in the list.
  const granting = action.values.filter((v) => actionMatches(v.value, ASSUME_ROOT));
  return granting.length === 1 && named(granting[0].value) && action.node.type === 'array' ? 'listed' : 'wildcard';
}

/**
 * Removes `sts:AssumeRoot` from the statement's `Action` list and adds, after the statement, a copy of it
 * for `sts:AssumeRoot` alone with `"ArnEquals": {"sts:TaskPolicyArn": arns}`. Undefined when the
 * statement is not in a `Statement` list.
 */
export function splitAssumeRootFix(document: PolicyDocument, statement: Statement, arns: readonly unknown[], title: string): Fix | undefined {
  const list = statement.node.parent;
  if (list?.type !== 'array') return undefined;
  const copy = valueOf(statement.node) as Record<string, unknown>;
  if (typeof copy.Sid === 'string') copy.Sid = unusedSid(document, `${copy.Sid}AssumeRoot`);
  else delete copy.Sid;
  copy.Action = ASSUME_ROOT;
  const condition = (isObject(copy.Condition) ? copy.Condition : {}) as Record<string, unknown>;
  const arnEquals = isObject(condition.ArnEquals) ? condition.ArnEquals : {};
  const others = Object.entries(arnEquals).filter(([key]) => key.toLowerCase() !== TASK_POLICY_ARN_KEY.toLowerCase());
  copy.Condition = { ...condition, ArnEquals: { ...Object.fromEntries(others), [TASK_POLICY_ARN_KEY]: arns } };
  const listed = statement.action!.node.children?.find((item) => String(item.value).toLowerCase() === ASSUME_ROOT.toLowerCase());
  const added = appendStatement(document, list, statement.node, copy);
  if (!listed || !added) return undefined;
  return { title, edits: [removeItem(listed), added] };
}

/** Adds, after the statement, a Deny of `sts:AssumeRoot` with any task policy but `arns`. */
export function denyOtherTasksFix(document: PolicyDocument, statement: Statement, arns: readonly unknown[], title: string): Fix | undefined {
  const list = statement.node.parent;
  if (list?.type !== 'array') return undefined;
  // On the statement's own resources: the Deny reaches no further than the grant it restricts.
  const granted = valueOf(statement.node) as Record<string, unknown>;
  const resource = 'NotResource' in granted ? { NotResource: granted.NotResource } : { Resource: granted.Resource ?? '*' };
  const deny = { Effect: 'Deny', Action: ASSUME_ROOT, ...resource, Condition: { ArnNotEquals: { [TASK_POLICY_ARN_KEY]: arns } } };
  const added = appendStatement(document, list, statement.node, deny);
  return added && { title, edits: [added] };
}

/** `wanted`, or it with the first number that makes it a Sid no statement has: IAM rejects a policy whose Sids repeat. */
export function unusedSid(document: PolicyDocument, wanted: string): string {
  // Compared without case, so that the new Sid cannot be mistaken for another either.
  const used = new Set(document.statements.flatMap((statement) => (statement.sid ? [statement.sid.value.toLowerCase()] : [])));
  let sid = wanted;
  for (let n = 2; used.has(sid.toLowerCase()); n++) sid = `${wanted}${n}`;
  return sid;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Removes an item from its array, with the comma that separated it from a neighbour. */
function removeItem(item: Node): TextEdit {
  const siblings = item.parent?.children ?? [item];
  const index = siblings.indexOf(item);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next) return { start: item.offset, end: next.offset, text: '' };
  if (previous) return { start: previous.offset + previous.length, end: item.offset + item.length, text: '' };
  return { start: item.offset, end: item.offset + item.length, text: '' };
}

/**
 * Adds `statement` after `after` in the Statement list, where the document's writer can: a JSON document, or
 * a YAML policy document; not a template's or Terraform's, whose writers edit properties, not statement lists
 * (a statement copied there would write as text what a function or variable gives).
 */
export function appendStatement(document: PolicyDocument, list: Node, after: Node, statement: Record<string, unknown>): TextEdit | undefined {
  const edit = { ...appendItem(document.text, list, after, (layout) => renderJson(statement, layout)), intent: { kind: 'insertItem', list, after, value: statement } as const };
  return !document.writeEdit || document.writeEdit(edit) ? edit : undefined;
}

/** Inserts an item after `after` in its array, laid out as `after` is (on its own line, at its indentation). */
function appendItem(text: string, list: Node, after: Node, render: (layout: Layout) => string): TextEdit {
  const lineStart = text.lastIndexOf('\n', after.offset) + 1;
  const before = text.slice(lineStart, after.offset);
  const multiline = /^[ \t]*$/.test(before) && lineStart > list.offset;
  const indent = multiline ? before : '';
  const unit = /\n([ \t]+)"/.exec(text.slice(after.offset, after.offset + after.length))?.[1].slice(indent.length) || '  ';
  const eol = textLineBreak(text);
  const at = after.offset + after.length;
  return { start: at, end: at, text: multiline ? `,${eol}${indent}${render({ multiline, indent, unit, eol })}` : `, ${render({ multiline, indent, unit, eol })}` };
}
