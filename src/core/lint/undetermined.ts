/**
 * Parts of a policy's structure given whole by a value known only at deployment: Terraform's
 * `Statement = var.statements` or `Condition = var.condition`, a template's `Effect: !Ref Mode`. Terraform's
 * values can be any JSON, a list of statements or a condition block included, so such a part is not checked
 * (RG010 says so) rather than wrong. CloudFormation's functions give strings or lists of strings, never an
 * object: there a statement, `Condition` or operator block given by one is a policy IAM rejects (RG002),
 * while an `Effect` or `Principal` given by one is a string like any other. The policy engine reads every such
 * part as "may apply, never surely" (PolicyStatement.undetermined).
 */
import type { Node } from 'jsonc-parser';
import { UNKNOWN_PART, actionServiceUnknown, isWhollyUnknown } from '../policy';
import type { PolicyDocument } from './model';
import { property } from './parse';

/** Which part is unknown: the whole `Statement`, one of its statements, or one element of a statement. */
export type UndeterminedKind = 'Statement' | 'statement' | 'Effect' | 'Action' | 'Principal' | 'Condition' | 'operator block' | 'included elements';

export interface UndeterminedPart {
  kind: UndeterminedKind;
  /** The unknown value's node. */
  node: Node;
  /** For an operator block: its operator (`StringEquals`). */
  operator?: string;
}

/** The kinds CloudFormation can never fill: its functions give no JSON object. */
const OBJECTS_ONLY: ReadonlySet<UndeterminedKind> = new Set(['Statement', 'statement', 'Condition', 'operator block']);

/** A document of a CloudFormation template (JSON, YAML or a CDK `cdk.out` template). */
export function isCloudFormation(document: PolicyDocument): boolean {
  return document.origin.startsWith('Resources.');
}

/**
 * Whether a part unknown at lint time (`node`) can be valid once deployed (else RG002 reports it): an
 * `AWS::Include` snippet may hold an object where CloudFormation's other functions cannot.
 */
export function canBeValid(document: PolicyDocument, kind: UndeterminedKind, node: Node): boolean {
  const anyJson = document.mayBeAnyJson?.(node.offset) === true;
  // A statement's elements beside `Fn::Transform` come from an AWS::Include snippet, and nothing else brings any.
  if (kind === 'included elements') return anyJson;
  return !(isCloudFormation(document) && OBJECTS_ONLY.has(kind)) || anyJson;
}

/** The key an `AWS::Include` snippet is written under, beside a statement's elements. */
export const INCLUDE_KEY = 'Fn::Transform';

export function isUndetermined(node: Node | undefined): boolean {
  return node?.type === 'string' && isWhollyUnknown(node.value);
}

/** Every part of the document's structure given whole by an unknown value, in document order. */
export function undeterminedParts(document: PolicyDocument): UndeterminedPart[] {
  // Only a document read from a template or HCL holds unknown values: a policy file is done in one scan.
  if (!document.text.includes(UNKNOWN_PART)) return [];
  const statements = property(document.root, 'Statement')?.children?.[1];
  if (isUndetermined(statements)) return [{ kind: 'Statement', node: statements! }];
  const parts: UndeterminedPart[] = [];
  for (const member of statements?.type === 'array' ? (statements.children ?? []) : statements ? [statements] : []) {
    if (isUndetermined(member)) parts.push({ kind: 'statement', node: member });
    else if (member.type === 'object') parts.push(...statementParts(member));
  }
  return parts;
}

function statementParts(statement: Node): UndeterminedPart[] {
  const parts: UndeterminedPart[] = [];
  const effect = property(statement, 'Effect')?.children?.[1];
  if (isUndetermined(effect)) parts.push({ kind: 'Effect', node: effect! });
  parts.push(...unknownActions(statement));
  const principal = (property(statement, 'Principal') ?? property(statement, 'NotPrincipal'))?.children?.[1];
  if (isUndetermined(principal)) parts.push({ kind: 'Principal', node: principal! });
  const included = property(statement, INCLUDE_KEY)?.children?.[1];
  if (isUndetermined(included)) parts.push({ kind: 'included elements', node: included! });
  const condition = property(statement, 'Condition')?.children?.[1];
  if (isUndetermined(condition)) parts.push({ kind: 'Condition', node: condition! });
  for (const operator of condition?.type === 'object' ? (condition.children ?? []) : []) {
    const [name, block] = operator.children ?? [];
    if (isUndetermined(block)) parts.push({ kind: 'operator block', node: block!, operator: String(name?.value) });
  }
  return parts;
}

/**
 * `Action` values of an Allow whose service is known only at deployment (`Action: !Ref Actions`,
 * `actions = var.actions`, `!Sub ${Service}:*`): any grant may be among them, `sts:AssumeRoot` included, and
 * no rule can say which. A Deny's are left to the rules, which read such a Deny as one that may apply (a
 * region guardrail's `NotAction = var.global_services` still blocks root sessions, RG107), and an Allow's
 * `NotAction` grants nearly everything whatever it lists (RG203). A value of a known service
 * (`s3:${Operation}`) is read as a pattern of that service, as the rules read it.
 */
function unknownActions(statement: Node): UndeterminedPart[] {
  if (property(statement, 'Effect')?.children?.[1]?.value === 'Deny') return [];
  const value = property(statement, 'Action')?.children?.[1];
  const values = value?.type === 'array' ? (value.children ?? []) : value ? [value] : [];
  return values.filter((node) => node.type === 'string' && actionServiceUnknown(String(node.value))).map((node) => ({ kind: 'Action', node }));
}
