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

/**
 * The statements, each with its position in `Statement`: the engine's index too (policy/read.ts), so that a
 * rule finds the engine's answer for a statement even after a member that is no statement (RG002's error,
 * or a Terraform `var.statement` the engine reads as unknown).
 */
export function readStatements(document: Node): Statement[] {
  const value = propertyValue(document, 'Statement');
  if (value?.type === 'object') return [readStatement(value, 0)];
  const statements: Statement[] = [];
  if (value?.type === 'array') (value.children ?? []).forEach((member, index) => member.type === 'object' && statements.push(readStatement(member, index)));
  return statements;
}

/** The property nodes of a statement's elements, by exact name; the first of a repeated name counts. */
export type StatementElements = Record<(typeof STATEMENT_ELEMENTS)[number], Node | undefined>;

/** The elements a statement may have (IAM's names are case-sensitive). */
export const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'] as const;

/**
 * A statement's element properties in one pass over its members: the model and RG002 each need most of
 * them, and a search per element compared every member's key again for each. The key is compared in a
 * switch and stored by name into an object of fixed shape: indexing by the key itself would hash a fresh
 * parser string for every member of every statement.
 */
export function statementElements(statement: Node): StatementElements {
  const found: StatementElements = {
    Sid: undefined,
    Effect: undefined,
    Principal: undefined,
    NotPrincipal: undefined,
    Action: undefined,
    NotAction: undefined,
    Resource: undefined,
    NotResource: undefined,
    Condition: undefined,
  };
  for (const prop of statement.children ?? []) {
    switch (prop.children?.[0]?.value) {
      case 'Sid':
        found.Sid ??= prop;
        break;
      case 'Effect':
        found.Effect ??= prop;
        break;
      case 'Principal':
        found.Principal ??= prop;
        break;
      case 'NotPrincipal':
        found.NotPrincipal ??= prop;
        break;
      case 'Action':
        found.Action ??= prop;
        break;
      case 'NotAction':
        found.NotAction ??= prop;
        break;
      case 'Resource':
        found.Resource ??= prop;
        break;
      case 'NotResource':
        found.NotResource ??= prop;
        break;
      case 'Condition':
        found.Condition ??= prop;
        break;
    }
  }
  return found;
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
