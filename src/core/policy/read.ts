/**
 * Reads policy documents for evaluation, from text or from a parsed JSON tree (the linter hands its own
 * tree, so offsets stay those of its document). Reading is tolerant: an element of the wrong type is left
 * out, which makes the statement match less, never more (the linter reports the grammar).
 */
import { type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { ConditionEntry, Policy, PolicyStatement, PrincipalElement, ValueList } from './model';
import { parseJsonTree } from '../text/jsonTree';
import { dropShadowedKeys } from '../text/shadowedKeys';
import { lineStarts, positionAt } from '../text/lines';

export class PolicyReadError extends Error {}

/** Reads a policy from JSON text; throws PolicyReadError when the text is not a policy document. */
export function readPolicy(text: string, name: string): Policy {
  const errors: ParseError[] = [];
  const { root } = parseJsonTree(text, errors);
  if (errors.length > 0 || !root) {
    const first = errors[0];
    if (!first) throw new PolicyReadError('empty document');
    const { line, column } = positionAt(lineStarts(text), first.offset);
    throw new PolicyReadError(`not valid JSON: ${printParseErrorCode(first.error)} at line ${line}, column ${column}`);
  }
  if (root.type !== 'object' || !member(root, 'Statement')) throw new PolicyReadError('no Statement: not a policy document');
  // A key given twice counts once, the last, as the common JSON parsers read it (the linter's RG016 reports it).
  dropShadowedKeys(root);
  return policyFromNode(root, text, name);
}

/** Reads a policy from a parsed document object (the node that has `Statement`). */
export function policyFromNode(root: Node, text: string, name: string): Policy {
  const statementValue = member(root, 'Statement');
  const nodes =
    statementValue?.type === 'object' ? [statementValue] : statementValue?.type === 'array' ? (statementValue.children ?? []).filter((n) => n.type === 'object') : [];
  const statements: PolicyStatement[] = [];
  nodes.forEach((node, index) => {
    const statement = readStatement(node, index);
    if (statement) statements.push(statement);
  });
  return { name, text, statements };
}

function member(object: Node, key: string): Node | undefined {
  for (const prop of object.children ?? []) if (prop.children?.[0]?.value === key) return prop.children[1];
  return undefined;
}

/** Undefined for a statement without a valid `Effect`: IAM rejects it, and it decides nothing. */
function readStatement(node: Node, index: number): PolicyStatement | undefined {
  const effect = member(node, 'Effect')?.value;
  if (effect !== 'Allow' && effect !== 'Deny') return undefined;
  const sid = member(node, 'Sid');
  return {
    index,
    sid: sid?.type === 'string' ? (sid.value as string) : undefined,
    effect,
    action: valueList(node, 'Action', 'NotAction'),
    resource: valueList(node, 'Resource', 'NotResource'),
    principal: principalElement(node),
    conditions: conditionEntries(member(node, 'Condition')),
    range: { start: node.offset, end: node.offset + node.length },
  };
}

function valueList(node: Node, positive: string, negative: string): ValueList | undefined {
  const value = member(node, positive);
  const negatedValue = value ? undefined : member(node, negative);
  const chosen = value ?? negatedValue;
  if (!chosen) return undefined;
  return { negated: !value, values: strings(chosen) };
}

function strings(node: Node): string[] {
  if (node.type === 'string') return [node.value as string];
  if (node.type === 'array') return (node.children ?? []).filter((m) => m.type === 'string').map((m) => m.value as string);
  return [];
}

function principalElement(node: Node): PrincipalElement | undefined {
  const value = member(node, 'Principal');
  const negatedValue = value ? undefined : member(node, 'NotPrincipal');
  const chosen = value ?? negatedValue;
  if (!chosen) return undefined;
  const element: PrincipalElement = { negated: !value, any: chosen.type === 'string' && chosen.value === '*', byType: {} };
  if (chosen.type === 'object') {
    for (const prop of chosen.children ?? []) {
      const [key, values] = prop.children ?? [];
      if (key && values) element.byType[key.value as string] = strings(values);
    }
  }
  return element;
}

function conditionEntries(condition: Node | undefined): ConditionEntry[] {
  if (condition?.type !== 'object') return [];
  const entries: ConditionEntry[] = [];
  for (const operatorProp of condition.children ?? []) {
    const [operatorNode, block] = operatorProp.children ?? [];
    if (!operatorNode || block?.type !== 'object') continue;
    for (const keyProp of block.children ?? []) {
      const [keyNode, valueNode] = keyProp.children ?? [];
      if (!keyNode || !valueNode) continue;
      const members = valueNode.type === 'array' ? (valueNode.children ?? []) : [valueNode];
      const values = members.filter((m) => m.type === 'string' || m.type === 'boolean' || m.type === 'number').map((m) => String(m.value));
      entries.push({ operator: operatorNode.value as string, key: keyNode.value as string, values });
    }
  }
  return entries;
}

/** 1-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  return positionAt(lineStarts(text), offset).line;
}
