/**
 * Reads policy documents for evaluation, from text or from a parsed JSON tree (the linter hands its own
 * tree, so offsets stay those of its document). Reading is tolerant: an element of the wrong type is left
 * out, which makes the statement match less, never more (the linter reports the grammar); a statement whose
 * Condition could only be read by leaving tests out is left out whole, and `problems` says what AWS would
 * refuse.
 */
import { type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { ConditionEntry, Policy, PolicyStatement, PrincipalElement, ValueList } from './model';
import { parseJsonTree } from '../text/jsonTree';
import { dropShadowedKeys } from '../text/shadowedKeys';
import { lineStarts, positionAt } from '../text/lines';
import { parseConditionOperator } from './operators';
import { isPolicyVariable } from './patterns';
import { statementName } from './statementName';
import { UNKNOWN_PART, isWhollyUnknown } from './unknown';

export class PolicyReadError extends Error {}

/** Why AWS refuses a policy text with comments or trailing commas. */
export const NOT_PLAIN_JSON = 'it is not plain JSON (comments or trailing commas)';

/** Reads a policy from JSON text; throws PolicyReadError when the text is not a policy document. */
export function readPolicy(text: string, name: string): Policy {
  const errors: ParseError[] = [];
  const { root, plain } = parseJsonTree(text, errors);
  if (errors.length > 0 || !root) {
    const first = errors[0];
    if (!first) throw new PolicyReadError('empty document');
    const { line, column } = positionAt(lineStarts(text), first.offset);
    throw new PolicyReadError(`not valid JSON: ${printParseErrorCode(first.error)} at line ${line}, column ${column}`);
  }
  if (root.type !== 'object' || !member(root, 'Statement')) throw new PolicyReadError('no Statement: not a policy document');
  // A key given twice counts once, the last, as the common JSON parsers read it (the linter's RG016 reports it).
  dropShadowedKeys(root);
  const policy = policyFromNode(root, text, name);
  if (!plain) policy.problems = [NOT_PLAIN_JSON, ...(policy.problems ?? [])];
  return policy;
}

/** Reads a policy from a parsed document object (the node that has `Statement`). */
export function policyFromNode(root: Node, text: string, name: string): Policy {
  const statementValue = member(root, 'Statement');
  const nodes = statementValue?.type === 'array' ? (statementValue.children ?? []) : statementValue ? [statementValue] : [];
  // Policy variables need the 2012-10-17 language; a Version known only at deployment is taken to be it.
  const version = member(root, 'Version')?.value;
  const variablesAsText = version !== '2012-10-17' && !isWhollyUnknown(version);
  const statements: PolicyStatement[] = [];
  const problems: string[] = [];
  const rejected: Record<number, string[]> = {};
  nodes.forEach((node, index) => {
    if (node.type === 'object') {
      const refused = readStatement(node, index, variablesAsText, statements);
      if (refused.problems.length) rejected[index] = refused.problems;
      problems.push(...refused.problems.map((problem) => `${refused.named}: ${problem}`));
    }
    // A statement known only at deployment (or, at index 0, the whole list) could be any statement.
    else if (isWhollyUnknown(node.value)) statements.push(...unknownStatement(node, index));
  });
  return problems.length ? { name, text, statements, problems, rejected } : { name, text, statements };
}

/**
 * A policy as AWS stores and evaluates it (read back from Organizations or IAM): a `${...}` that is no IAM
 * policy variable, a template's `${AWS::Partition}` left unsubstituted by a pipeline, is text there, never
 * the partition or account a template would put in its place. Written as IAM's own escape of `$`, `${$}`,
 * so that it compares as the characters it is: a root deny on `arn:${AWS::Partition}:iam::*:root` denies no one.
 */
export function asDeployed(policy: Policy): Policy {
  const literal = (value: string) => (value.includes('${') ? value.replace(/\$\{([^}]*)\}/g, (whole, body: string) => (isPolicyVariable(body) ? whole : `\${$}{${body}}`)) : value);
  const list = (element: ValueList | undefined) => element && { ...element, values: element.values.map(literal) };
  const statements = policy.statements.map((statement) => ({
    ...statement,
    action: list(statement.action),
    resource: list(statement.resource),
    principal: statement.principal && { ...statement.principal, byType: Object.fromEntries(Object.entries(statement.principal.byType).map(([type, values]) => [type, values.map(literal)])) },
    conditions: statement.conditions.map((entry) => ({ ...entry, values: entry.values.map(literal) })),
  }));
  return { ...policy, statements };
}

function member(object: Node, key: string): Node | undefined {
  for (const prop of object.children ?? []) if (prop.children?.[0]?.value === key) return prop.children[1];
  return undefined;
}

/**
 * The statement as IAM reads it: none without a valid `Effect` (IAM rejects it, and it decides nothing),
 * two when the effect is known only at deployment (see `PolicyStatement.undetermined`); with how it is named
 * and what AWS would refuse it for.
 */
function readStatement(node: Node, index: number, variablesAsText: boolean, into: PolicyStatement[]): { named: string; problems: string[] } {
  const effect = member(node, 'Effect')?.value;
  const effectUnknown = isWhollyUnknown(effect);
  const sid = member(node, 'Sid');
  const named = statementName(index, sid?.type === 'string' ? String(sid.value) : undefined);
  if (effect !== 'Allow' && effect !== 'Deny' && !effectUnknown) {
    return { named, problems: [`its Effect is ${effect === undefined ? 'missing' : JSON.stringify(effect)}, not Allow or Deny`] };
  }
  const principal = principalElement(node);
  const conditions = conditionEntries(member(node, 'Condition'));
  const problems = [...conditions.problems];
  if (!member(node, 'Action') && !member(node, 'NotAction')) problems.push('it names no Action or NotAction');
  // A Condition read without some of its tests would match more than written: such a statement decides nothing.
  if (conditions.malformed) return { named, problems };
  // One literal for the usual statement, so that every statement the engine reads has the same shape.
  const statement: PolicyStatement = {
    index,
    sid: sid?.type === 'string' ? (sid.value as string) : undefined,
    effect: effectUnknown ? 'Allow' : (effect as 'Allow' | 'Deny'),
    action: valueList(node, 'Action', 'NotAction'),
    resource: valueList(node, 'Resource', 'NotResource'),
    principal: principal?.element,
    conditions: conditions.entries,
    range: { start: node.offset, end: node.offset + node.length },
  };
  if (variablesAsText) statement.variablesAsText = true;
  // A template's AWS::Include snippet beside the elements (`Fn::Transform`, read as a value known only at
  // deployment) may bring any of them, a Condition say: the statement may apply, never surely.
  const included = isWhollyUnknown(member(node, 'Fn::Transform')?.value);
  if (effectUnknown || principal?.unknown || conditions.unknown || included) statement.undetermined = true;
  into.push(statement);
  if (effectUnknown) into.push({ ...statement, effect: 'Deny' });
  return { named, problems };
}

/** A statement given whole by a value known only at deployment: any action, resource, principal and condition. */
function unknownStatement(node: Node, index: number): PolicyStatement[] {
  const anything = { negated: false, values: [UNKNOWN_PART] };
  const range = { start: node.offset, end: node.offset + node.length };
  return (['Allow', 'Deny'] as const).map((effect) => ({
    index,
    effect,
    action: anything,
    resource: anything,
    principal: { negated: false, any: true, byType: {} },
    conditions: [],
    range,
    undetermined: true,
  }));
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

/** `unknown`: the whole element is known only at deployment, so it may name the caller or spare it. */
function principalElement(node: Node): { element: PrincipalElement; unknown: boolean } | undefined {
  const value = member(node, 'Principal');
  const negatedValue = value ? undefined : member(node, 'NotPrincipal');
  const chosen = value ?? negatedValue;
  if (!chosen) return undefined;
  if (isWhollyUnknown(chosen.value)) return { element: { negated: !value, any: Boolean(value), byType: {} }, unknown: true };
  const element: PrincipalElement = { negated: !value, any: chosen.type === 'string' && chosen.value === '*', byType: {} };
  if (chosen.type === 'object') {
    for (const prop of chosen.children ?? []) {
      const [key, values] = prop.children ?? [];
      if (key && values) element.byType[key.value as string] = strings(values);
    }
  }
  return { element, unknown: false };
}

/** `unknown`: the whole `Condition`, or one operator's block, is known only at deployment. */
/**
 * The condition entries of a statement's Condition; `malformed` where AWS would refuse its shape (no object of
 * operators, each an object of keys), and `problems` saying what, an unknown operator's included.
 */
function conditionEntries(condition: Node | undefined): { entries: ConditionEntry[]; unknown: boolean; malformed: boolean; problems: string[] } {
  const problems: string[] = [];
  if (condition?.type !== 'object') {
    const unknown = isWhollyUnknown(condition?.value);
    const malformed = condition !== undefined && !unknown;
    if (malformed) problems.push('its Condition is not an object of condition operators');
    return { entries: [], unknown, malformed, problems };
  }
  const entries: ConditionEntry[] = [];
  let unknown = false;
  let malformed = false;
  for (const operatorProp of condition.children ?? []) {
    const [operatorNode, block] = operatorProp.children ?? [];
    if (!operatorNode || block?.type !== 'object') {
      const blockUnknown = isWhollyUnknown(block?.value);
      unknown ||= blockUnknown;
      if (operatorNode && !blockUnknown) {
        malformed = true;
        problems.push(`its ${String(operatorNode.value)} is not an object of condition keys`);
      }
      continue;
    }
    const operator = operatorNode.value as string;
    const parsed = parseConditionOperator(operator);
    if (!parsed && !isWhollyUnknown(operator)) problems.push(`${operator} is not a condition operator`);
    // IAM reads operator names as written: `stringEquals` is refused ("Invalid Condition type").
    else if (parsed && parsed.canonical !== operator) problems.push(`${operator} is written ${parsed.canonical}`);
    for (const keyProp of block.children ?? []) {
      const [keyNode, valueNode] = keyProp.children ?? [];
      if (!keyNode || !valueNode) continue;
      const members = valueNode.type === 'array' ? (valueNode.children ?? []) : [valueNode];
      const values = members.filter((m) => m.type === 'string' || m.type === 'boolean' || m.type === 'number').map((m) => String(m.value));
      entries.push({ operator, key: keyNode.value as string, values });
    }
  }
  return { entries, unknown, malformed, problems };
}

/** 1-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  return positionAt(lineStarts(text), offset).line;
}
