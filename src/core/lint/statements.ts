/**
 * Reads a policy document's statements into the model, tolerantly: a wrongly typed element is left out
 * (RG002 reports it) so that every rule can trust the shapes it gets.
 */
import type { Node } from 'jsonc-parser';
import type { ConditionEntry, ElementList, Located, Statement } from './model';
import { propertyValue } from './parse';

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

/** The property nodes of a statement's elements, by exact name; the first of a repeated name counts. */
export type StatementElements = Partial<Record<(typeof STATEMENT_ELEMENTS)[number], Node>>;

/** The elements a statement may have (IAM's names are case-sensitive). */
export const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'] as const;

/**
 * A statement's element properties in one pass over its members: the model and RG002 each need most of
 * them, and a search per element compared every member's key again for each.
 */
export function statementElements(statement: Node): StatementElements {
  const found: StatementElements = {};
  for (const prop of statement.children ?? []) {
    const key = prop.children?.[0]?.value;
    if (isStatementElement(key)) found[key] ??= prop;
  }
  return found;
}

/** A switch rather than a set lookup: keys are fresh strings from the parser, cheaper to compare than to hash. */
function isStatementElement(key: unknown): key is (typeof STATEMENT_ELEMENTS)[number] {
  switch (key) {
    case 'Sid':
    case 'Effect':
    case 'Principal':
    case 'NotPrincipal':
    case 'Action':
    case 'NotAction':
    case 'Resource':
    case 'NotResource':
    case 'Condition':
      return true;
    default:
      return false;
  }
}

function readStatement(node: Node, index: number): Statement {
  const elements = statementElements(node);
  const conditionNode = elements.Condition?.children?.[1];
  const principalKey = elements.Principal ?? elements.NotPrincipal;
  return {
    node,
    index,
    sid: stringValue(elements.Sid),
    effect: effectValue(elements.Effect),
    // The positive form wins when both are written.
    action: elementList(elements.Action ?? elements.NotAction, 'NotAction'),
    resource: elementList(elements.Resource ?? elements.NotResource, 'NotResource'),
    principal:
      principalKey?.children?.[1] && principalKey.children[0]
        ? { negated: principalKey.children[0].value === 'NotPrincipal', node: principalKey.children[1], keyNode: principalKey.children[0] }
        : undefined,
    conditionNode: conditionNode?.type === 'object' ? conditionNode : undefined,
    conditions: conditionNode?.type === 'object' ? readConditions(conditionNode) : [],
  };
}

function stringValue(prop: Node | undefined): Located<string> | undefined {
  const node = prop?.children?.[1];
  return node?.type === 'string' ? { value: node.value as string, node } : undefined;
}

function effectValue(prop: Node | undefined): Located<'Allow' | 'Deny'> | undefined {
  const effect = stringValue(prop);
  return effect && (effect.value === 'Allow' || effect.value === 'Deny') ? (effect as Located<'Allow' | 'Deny'>) : undefined;
}

/** An `Action`/`NotAction` (or `Resource`/`NotResource`) property as a list; `negative` names the negated form. */
function elementList(prop: Node | undefined, negative: string): ElementList | undefined {
  const [keyNode, node] = prop?.children ?? [];
  if (!keyNode || !node) return undefined;
  // Built in one loop: filter-then-map made two arrays for every element of every statement.
  const values: Located<string>[] = [];
  if (node.type === 'string') values.push({ value: node.value as string, node });
  else if (node.type === 'array') for (const m of node.children ?? []) if (m.type === 'string') values.push({ value: m.value as string, node: m });
  return { negated: keyNode.value === negative, keyNode, node, values };
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
