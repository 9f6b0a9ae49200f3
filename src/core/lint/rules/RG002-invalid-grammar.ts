/**
 * RG002 invalid-grammar: the policy language's shape. Wrong element types at any depth, unknown or
 * miscased element names, an `Effect` other than Allow/Deny, both forms of one element (`Action` and
 * `NotAction`), and elements the policy type requires but the statement lacks. The statement reader
 * skips what is malformed; this rule is where it gets reported. Where the type is only assumed, what only
 * that type requires is no certain rejection: RG010 says it instead, as a warning.
 */
import type { Node } from 'jsonc-parser';
import { replaceNode } from '../edits';
import { isIntrinsic, policySlots } from '../embedded';
import type { FileContext, PolicyDocument, PolicyType, Problem, Rule } from '../model';
import { property } from '../parse';
import { STATEMENT_ELEMENTS, type StatementElements, statementElements } from '../statements';
import { UNKNOWN_PART } from '../../policy';
import { INCLUDE_KEY, canBeValid, isCloudFormation, isUndetermined } from '../undetermined';

type StatementElement = keyof StatementElements;

const TOP_LEVEL = ['Version', 'Id', 'Statement'];
/** The elements whose value is a string or a list of them, in the order their problems are reported. */
const STRING_LIST_ELEMENTS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;
const EXCLUSIVE_PAIRS = [['Action', 'NotAction'], ['Resource', 'NotResource'], ['Principal', 'NotPrincipal']] as const;
const PRINCIPAL_KINDS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Which element pairs each policy type requires (one of the two forms). */
const REQUIRED: Record<PolicyType, ReadonlyArray<readonly [StatementElement, StatementElement]>> = {
  identity: [['Action', 'NotAction'], ['Resource', 'NotResource']],
  // SCPs may leave out Resource: it then defaults to "*".
  scp: [['Action', 'NotAction']],
  rcp: [['Action', 'NotAction'], ['Resource', 'NotResource'], ['Principal', 'NotPrincipal']],
  // Trust policies have no Resource, so resource policies only require a principal.
  resource: [['Action', 'NotAction'], ['Principal', 'NotPrincipal']],
};

type Report = (node: Node, message: string, fix?: Problem['fixes']) => void;

export const invalidGrammar: Rule = {
  meta: {
    id: 'RG002',
    name: 'invalid-grammar',
    defaultSeverity: 'error',
    description: 'The policy does not follow the IAM policy grammar: wrong types, unknown elements, bad Effect, conflicting or missing elements.',
  },
  checkFile(context) {
    checkContainer(context);
    for (const document of context.documents) {
      const report: Report = (node, message, fixes) => context.report({ document, node, message, fixes });
      checkDocument(document, report);
    }
  },
};

/** Around the documents: a whole file that is no object, or a permission set / template slot of the wrong type. */
function checkContainer(context: FileContext): void {
  const { type, root } = context;
  if (!root || context.parseErrors.length > 0) return;
  if (type === 'permission-set' || type === 'cloudformation') {
    for (const slot of policySlots(context.text, root, type)) {
      if (slot.node.type === 'object' || slot.node.type === 'string') continue;
      const where = slot.definedIn ? `${slot.definedIn}: ${slot.origin}` : slot.origin;
      context.report({ node: slot.node, message: `${where} must be a policy: a JSON object, or a string holding one; found ${describeType(slot.node)}.` });
    }
  } else if (root.type !== 'object') {
    context.report({ node: root, message: `A policy must be a JSON object with a Statement; this file holds ${describeType(root)}.` });
  }
}

function checkDocument(document: PolicyDocument, report: Report): void {
  const { root } = document;
  if (root.type !== 'object') {
    // A string that does not parse is RG001's; one that parses to a non-object is ours.
    if (!document.parseErrors?.length) report(root, `A policy must be a JSON object with a Statement; found ${describeType(root)}.`);
    return;
  }
  checkKeys(root, TOP_LEVEL, 'a policy', report);
  const id = property(root, 'Id')?.children?.[1];
  if (id && id.type !== 'string') report(id, `Id must be a string; found ${describeType(id)}.`);
  const value = propertyIgnoringCase(root, 'Statement')?.children?.[1];
  if (!value) {
    report(openingBrace(root), 'The policy has no Statement. Add "Statement": [ { "Effect": ..., "Action": ..., ... } ].');
    return;
  }
  // A statement given whole by a value known only at deployment: Terraform's can be any (RG010 says it is
  // not checked); CloudFormation's is a string, which IAM rejects, unless an AWS::Include snippet gives it.
  if (isUndetermined(value)) {
    if (!canBeValid(document, 'Statement', value)) report(value, `Statement must be a statement or a list of them; found ${UNKNOWN_PART}, ${NEVER_AN_OBJECT}.`);
    return;
  }
  const members = value.type === 'array' ? (value.children ?? []) : [value];
  if (value.type === 'array' && members.length === 0) report(value, 'Statement is empty: a policy needs at least one statement.');
  for (const member of members) {
    if (member.type === 'object') for (const problem of statementGrammar(document, member).certain) report(problem.node, problem.message, problem.fixes);
    else if (!isUndetermined(member)) report(member, `A statement must be a JSON object; found ${describeType(member)}.`);
    else if (!canBeValid(document, 'statement', member)) report(member, `A statement must be a JSON object; found ${UNKNOWN_PART}, ${NEVER_AN_OBJECT}.`);
  }
}

/** One problem RG002 finds in a statement: where, what, and its fix. */
export interface GrammarProblem {
  node: Node;
  message: string;
  fixes?: Problem['fixes'];
}

/**
 * The grammar AWS rejects one statement of a document for (RG002 reports it; the editor's hover says so):
 * `certain`, whatever the policy's type; `assumedOnly`, only as the type the linter assumed where the file
 * does not say it (see `PolicyDocument.typeAssumed`): a Deny without Resource is a valid SCP statement.
 */
export function statementGrammar(document: PolicyDocument, statement: Node): { certain: GrammarProblem[]; assumedOnly: GrammarProblem[] } {
  const problems = grammarProblemsAs(document, statement);
  if (!document.typeAssumed) return { certain: problems, assumedOnly: [] };
  // Naming no principal, such a document is no resource policy or RCP; what else it may be is an SCP.
  const asScp = new Set(grammarProblemsAs({ ...document, type: 'scp' }, statement).map((p) => p.message));
  return { certain: problems.filter((p) => asScp.has(p.message)), assumedOnly: problems.filter((p) => !asScp.has(p.message)) };
}

function grammarProblemsAs(document: PolicyDocument, statement: Node): GrammarProblem[] {
  const problems: GrammarProblem[] = [];
  checkStatement(document, statement, (node, message, fixes) => problems.push({ node, message, fixes }));
  return problems;
}

/** What CloudFormation's functions give, where IAM wants an object: why a statement given by one is wrong. */
const NEVER_AN_OBJECT = 'which CloudFormation resolves to a string or a list of strings, never to an object';

function checkStatement(document: PolicyDocument, statement: Node, report: Report): void {
  // An AWS::Include snippet's elements, not checked (RG010), are no unknown element.
  const included = property(statement, INCLUDE_KEY)?.children?.[1];
  const ignored = included && isUndetermined(included) && canBeValid(document, 'included elements', included) ? INCLUDE_KEY : undefined;
  checkKeys(statement, STATEMENT_ELEMENTS, 'a statement', report, ignored);
  const elements = statementElements(statement);
  const allowIntrinsic = isCloudFormation(document);
  const sid = elements.Sid?.children?.[1];
  if (sid && sid.type !== 'string') report(sid, `Sid must be a string; found ${describeType(sid)}.`);
  checkEffect(statement, elements, report);
  for (const key of STRING_LIST_ELEMENTS) {
    const node = elements[key]?.children?.[1];
    if (node) checkStringList(node, key, allowIntrinsic, report);
  }
  for (const [positive, negative] of EXCLUSIVE_PAIRS) {
    const negativeKey = elements[negative]?.children?.[0];
    if (elements[positive] && negativeKey) report(negativeKey, `A statement may have ${positive} or ${negative}, not both: remove one of them.`);
  }
  for (const [positive, negative] of REQUIRED[document.type]) {
    if (!elementIgnoringCase(statement, elements, positive) && !elementIgnoringCase(statement, elements, negative)) {
      report(openingBrace(statement), `The statement has no ${positive} (or ${negative}), which ${typeWithArticle(document.type)} requires. Add one.`);
    }
  }
  if (document.type === 'resource' || document.type === 'rcp') checkPrincipal(elements, allowIntrinsic, report);
  if (document.type === 'rcp') checkRcpElements(elements, report);
  const condition = elements.Condition?.children?.[1];
  if (condition) checkCondition(document, condition, allowIntrinsic, report);
}

function checkEffect(statement: Node, elements: StatementElements, report: Report): void {
  const effect = elementIgnoringCase(statement, elements, 'Effect')?.children?.[1];
  if (!effect) {
    report(openingBrace(statement), 'The statement has no Effect. Add "Effect": "Allow" or "Effect": "Deny".');
    return;
  }
  // A parameter's value (`!Ref Mode`, `var.effect`) may well be either: RG010 says the statement's effect is unknown.
  if ((effect.type === 'string' && (effect.value === 'Allow' || effect.value === 'Deny')) || isUndetermined(effect)) return;
  const spelled = effect.type === 'string' ? ['Allow', 'Deny'].find((e) => e.toLowerCase() === String(effect.value).toLowerCase()) : undefined;
  if (spelled) {
    report(effect, `Effect is case-sensitive: write "${spelled}".`, [{ title: `Write "${spelled}"`, edits: [replaceNode(effect, `"${spelled}"`)], preferred: true }]);
  } else {
    report(effect, `Effect must be "Allow" or "Deny"; found ${effect.type === 'string' ? JSON.stringify(effect.value) : describeType(effect)}.`);
  }
}

/** Action, Resource and principal ids: a string, or a non-empty array of strings. */
function checkStringList(node: Node, label: string, allowIntrinsic: boolean, report: Report): void {
  if (node.type === 'string' || (allowIntrinsic && isIntrinsic(node))) return;
  if (node.type !== 'array') {
    report(node, `${label} must be a string or an array of strings; found ${describeType(node)}.`);
    return;
  }
  if ((node.children ?? []).length === 0) report(node, `${label} is empty: list at least one value, or remove the element.`);
  for (const member of node.children ?? []) {
    if (member.type !== 'string' && !(allowIntrinsic && isIntrinsic(member))) {
      report(member, `${label} must contain only strings; found ${describeType(member)}.`);
    }
  }
}

/**
 * What Organizations accepts in an RCP beyond a resource policy's grammar (AWS Organizations User Guide,
 * "RCP syntax"): no NotAction or NotPrincipal, and a Principal of "*", narrowed by conditions.
 */
function checkRcpElements(elements: StatementElements, report: Report): void {
  for (const [key, instead] of [['NotAction', 'list the actions in Action'], ['NotPrincipal', 'write "Principal": "*" and a condition on aws:PrincipalArn']] as const) {
    const node = elements[key]?.children?.[0];
    if (node) report(node, `RCPs do not support ${key}: Organizations rejects the policy. Instead, ${instead}.`);
  }
  const principal = elements.Principal?.children?.[1];
  if (principal && !(principal.type === 'string' && principal.value === '*') && !isUndetermined(principal)) {
    report(principal, 'An RCP\'s Principal must be "*": Organizations rejects any other. Name the principals in a condition (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID).');
  }
}

function checkPrincipal(elements: StatementElements, allowIntrinsic: boolean, report: Report): void {
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    const node = elements[key]?.children?.[1];
    if (!node) continue;
    if (node.type === 'string') {
      if (node.value !== '*' && !isUndetermined(node)) report(node, `${key} must be "*" or an object such as { "AWS": "arn:aws:iam::123456789012:root" }.`);
      continue;
    }
    if (node.type !== 'object') {
      report(node, `${key} must be "*" or an object keyed by AWS, Service, Federated or CanonicalUser; found ${describeType(node)}.`);
      continue;
    }
    checkKeys(node, PRINCIPAL_KINDS, `a ${key}`, report);
    for (const kind of node.children ?? []) {
      const value = kind.children?.[1];
      if (value) checkStringList(value, `${key}.${String(kind.children?.[0]?.value)}`, allowIntrinsic, report);
    }
  }
}

/** Condition: { operator: { key: scalar | [scalars] } }. Operator names themselves are RG005's. */
function checkCondition(document: PolicyDocument, condition: Node, allowIntrinsic: boolean, report: Report): void {
  if (condition.type !== 'object') {
    // Terraform's `Condition = var.condition` may be any object (RG010); CloudFormation's functions give
    // none, but for an AWS::Include snippet's.
    if (isUndetermined(condition) && canBeValid(document, 'Condition', condition)) return;
    const found = isUndetermined(condition) ? `${UNKNOWN_PART}, ${NEVER_AN_OBJECT}` : describeType(condition);
    report(condition, `Condition must be an object of operators, e.g. { "StringEquals": { "aws:PrincipalOrgID": "o-..." } }; found ${found}.`);
    return;
  }
  for (const operator of condition.children ?? []) {
    const [name, block] = operator.children ?? [];
    if (!name || !block) continue;
    if (block.type !== 'object') {
      if (isUndetermined(block) && canBeValid(document, 'operator block', block)) continue;
      const computed = typeof block.value === 'string' && block.value.includes(UNKNOWN_PART);
      // `StringEquals: {Fn::Sub: {"${Provider}:sub": ...}}`: a function written where the keys go.
      const why = computed ? 'an intrinsic function, but CloudFormation resolves them in values only, never to write keys' : describeType(block);
      report(block, `The ${String(name.value)} block must be an object of condition keys to values; found ${why}.`);
      continue;
    }
    for (const entry of block.children ?? []) {
      const [key, value] = entry.children ?? [];
      if (key && value) checkConditionValue(value, String(key.value), allowIntrinsic, report);
    }
  }
}

function checkConditionValue(value: Node, key: string, allowIntrinsic: boolean, report: Report): void {
  const scalar = (n: Node) => n.type === 'string' || n.type === 'number' || n.type === 'boolean' || (allowIntrinsic && isIntrinsic(n));
  if (scalar(value)) return;
  if (value.type !== 'array') {
    report(value, `The value of ${key} must be a string, number, boolean or an array of them; found ${describeType(value)}.`);
    return;
  }
  if ((value.children ?? []).length === 0) report(value, `The value list of ${key} is empty: a condition needs at least one value.`);
  for (const member of value.children ?? []) {
    if (!scalar(member)) report(member, `The values of ${key} must be strings, numbers or booleans; found ${describeType(member)}.`);
  }
}

/** Unknown member names; a known name in the wrong case gets a fix, since IAM's element names are case-sensitive. */
function checkKeys(object: Node, known: readonly string[], what: string, report: Report, ignored?: string): void {
  for (const prop of object.children ?? []) {
    const keyNode = prop.children?.[0];
    const key = keyNode?.value;
    if (!keyNode || typeof key !== 'string' || known.includes(key) || key === ignored) continue;
    const spelled = known.find((k) => k.toLowerCase() === key.toLowerCase());
    // Renamed beside a "${spelled}" the object has already, it would replace that one: merging is the author's.
    if (spelled && property(object, spelled)) {
      report(keyNode, `Element names are case-sensitive: "${key}" is not "${spelled}", and this ${what.replace(/^an? /, '')} has "${spelled}" already. Merge the two.`);
    } else if (spelled) {
      report(keyNode, `Element names are case-sensitive: write "${spelled}".`, [{ title: `Rename to "${spelled}"`, edits: [replaceNode(keyNode, JSON.stringify(spelled))], preferred: true }]);
    } else {
      report(keyNode, `"${key}" is not an element of ${what}; it may have ${known.join(', ')}. Remove or rename it.`);
    }
  }
}

/** A miscased element is reported once, as miscased (with a fix), not again as missing. */
function propertyIgnoringCase(object: Node, key: string): Node | undefined {
  return property(object, key) ?? miscasedProperty(object, key);
}

/** propertyIgnoringCase for a statement whose elements were already read. */
function elementIgnoringCase(statement: Node, elements: StatementElements, key: StatementElement): Node | undefined {
  return elements[key] ?? miscasedProperty(statement, key);
}

function miscasedProperty(object: Node, key: string): Node | undefined {
  const lower = key.toLowerCase();
  return object.children?.find((p) => String(p.children?.[0]?.value).toLowerCase() === lower);
}

function openingBrace(object: Node): Node {
  return { type: 'object', offset: object.offset, length: 1 };
}

function describeType(node: Node): string {
  if (node.type === 'string') return 'a string';
  if (node.type === 'array') return 'an array';
  if (node.type === 'object') return 'an object';
  if (node.type === 'null') return 'null';
  return `a ${node.type}`;
}

/** "an identity policy", "an SCP": a policy type as a sentence names it. */
export function typeWithArticle(type: PolicyType): string {
  return { identity: 'an identity policy', scp: 'an SCP', rcp: 'an RCP', resource: 'a resource policy' }[type];
}
