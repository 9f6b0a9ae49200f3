/**
 * Reads a policy document's statements into the model, tolerantly: a wrongly typed element is left out
 * (RG002 reports it) so that every rule can trust the shapes it gets.
 */
import type { Node } from 'jsonc-parser';
import type { ConditionEntry, ElementList, Located, Statement } from './model';
import { property, propertyValue } from './parse';

/** The statement nodes of a document: `Statement` may be one object or an array of them. */
export function statementNodes(document: Node): Node[] {
  const value = propertyValue(document, 'Statement');
  if (value?.type === 'object') return [value];
  if (value?.type === 'array') return (value.children ?? []).filter((n) => n.type === 'object');
  return [];
}

export function readStatements(document: Node): Statement[] {
  return statementNodes(document).map(readStatement);
}

function readStatement(node: Node, index: number): Statement {
  const conditionNode = propertyValue(node, 'Condition');
  const principalKey = property(node, 'Principal') ?? property(node, 'NotPrincipal');
  return {
    node,
    index,
    sid: stringAt(node, 'Sid'),
    effect: effectAt(node),
    action: elementList(node, 'Action', 'NotAction'),
    resource: elementList(node, 'Resource', 'NotResource'),
    principal:
      principalKey?.children?.[1] && principalKey.children[0]
        ? { negated: principalKey.children[0].value === 'NotPrincipal', node: principalKey.children[1], keyNode: principalKey.children[0] }
        : undefined,
    conditionNode: conditionNode?.type === 'object' ? conditionNode : undefined,
    conditions: conditionNode?.type === 'object' ? readConditions(conditionNode) : [],
  };
}

function stringAt(object: Node, key: string): Located<string> | undefined {
  const node = propertyValue(object, key);
  return node?.type === 'string' ? { value: node.value as string, node } : undefined;
}

function effectAt(object: Node): Located<'Allow' | 'Deny'> | undefined {
  const effect = stringAt(object, 'Effect');
  return effect && (effect.value === 'Allow' || effect.value === 'Deny') ? (effect as Located<'Allow' | 'Deny'>) : undefined;
}

/** `Action`/`NotAction` (or `Resource`/`NotResource`): the positive form wins when both are written. */
function elementList(object: Node, positive: string, negative: string): ElementList | undefined {
  const prop = property(object, positive) ?? property(object, negative);
  const [keyNode, node] = prop?.children ?? [];
  if (!keyNode || !node) return undefined;
  const members = node.type === 'array' ? (node.children ?? []) : [node];
  return {
    negated: keyNode.value === negative,
    keyNode,
    node,
    values: members.filter((m) => m.type === 'string').map((m) => ({ value: m.value as string, node: m })),
  };
}

function readConditions(condition: Node): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const operatorProp of condition.children ?? []) {
    const [operatorNode, block] = operatorProp.children ?? [];
    if (!operatorNode || block?.type !== 'object') continue;
    for (const keyProp of block.children ?? []) {
      const [keyNode, valueNode] = keyProp.children ?? [];
      if (!keyNode || !valueNode) continue;
      entries.push({
        operator: { value: operatorNode.value as string, node: operatorNode },
        key: { value: keyNode.value as string, node: keyNode },
        values: scalarValues(valueNode),
        valueNode,
      });
    }
  }
  return entries;
}

function scalarValues(node: Node): Located<string>[] {
  const members = node.type === 'array' ? (node.children ?? []) : [node];
  return members
    .filter((m) => m.type === 'string' || m.type === 'boolean' || m.type === 'number')
    .map((m) => ({ value: String(m.value), node: m }));
}
