/**
 * Policy documents that live inside other files: IAM Identity Center permission sets and CloudFormation
 * JSON templates. A document may be a JSON object in place or a JSON *string* holding the policy
 * (`"InlinePolicy": "{\"Version\": ...}"`); a string document is parsed on its own, with a map from each
 * offset of its unescaped text back to the file so that findings and fixes land where the user sees them.
 */
import type { Node } from 'jsonc-parser';
import { objectDocument, PERMISSION_SET_INLINE_LIMIT, placedDocument } from './documents';
import { templateDocuments, type TemplateDocuments, type TemplateSlot, templateSlots } from './iac/cloudFormation';
import { callsIntrinsic, fromJsonNode, jsonWriter } from './iac/jsonSource';
import { isFunctionKey } from './iac/intrinsics';
import { isTerraformPlan } from './iac/terraformPlan';
import type { FileType, PolicyDocument, PolicyType, SizeLimit } from './model';
import { parseJson, property, propertyValue } from './parse';
import { statementNodes } from './statements';

/** The keys that make an object an Identity Center permission set (`CustomPolicy` is the pipelines' name for the inline policy). */
const PERMISSION_SET_KEYS = [
  'InlinePolicy',
  'CustomPolicy',
  'ManagedPolicies',
  'AwsManagedPolicies',
  'CustomerManagedPolicyReferences',
  'PermissionsBoundary',
];

/**
 * Why a file given the type of a container (a permission set, a template) is not one, so that nothing in it
 * would be checked: a policy linted as a permission set had passed as "no problems". Undefined when it is.
 */
export function notAContainer(root: Node, type: 'permission-set' | 'cloudformation'): string | undefined {
  const detected = detectFileType(root);
  const reads = detected && detected !== type ? ` Its content reads as ${detected === 'identity' ? 'an identity' : `a ${detected}`} policy: give that type instead.` : '';
  if (type === 'permission-set' && !PERMISSION_SET_KEYS.some((key) => property(root, key))) {
    return `Read as a permission set, but it has none of ${PERMISSION_SET_KEYS.join(', ')}: nothing in it is checked.${reads}`;
  }
  if (type === 'cloudformation' && propertyValue(root, 'Resources')?.type !== 'object') return `Read as a CloudFormation template, but it has no Resources: nothing in it is checked.${reads}`;
  return undefined;
}

/** A place in a file where a policy document is expected, whatever its value turned out to be. */
export interface PolicySlot {
  /** The value written there: a policy object, a JSON string, or something wrong (RG002 reports it). */
  node: Node;
  type: PolicyType;
  origin: string;
  sizeLimit?: SizeLimit;
  /** See `PolicyDocument.definedIn`. */
  definedIn?: string;
}

/**
 * What a parsed file holds when no type is given: a CloudFormation template, a permission set, a policy
 * (`resource` when a statement names a `Principal`, since only resource policies have one, else `identity`),
 * or undefined when it is no policy at all (a package.json, a tsconfig).
 */
export function detectFileType(root: Node | undefined): FileType | undefined {
  if (root?.type !== 'object') return undefined;
  if (property(root, 'AWSTemplateFormatVersion') || hasAwsResource(root)) return 'cloudformation';
  if (isTerraformPlan(root)) return 'terraform-plan';
  const policy = policyRoot(root);
  if (propertyValue(policy, 'Statement')) {
    const hasPrincipal = (statement: Node) => property(statement, 'Principal') || property(statement, 'NotPrincipal');
    return statementNodes(policy).some(hasPrincipal) ? 'resource' : 'identity';
  }
  if (PERMISSION_SET_KEYS.some((key) => property(root, key))) return 'permission-set';
  return undefined;
}

/** A resource of an AWS type, or an `Fn::ForEach` loop making resources (as cloudFormation.ts's isTemplate). */
function hasAwsResource(root: Node): boolean {
  const resources = propertyValue(root, 'Resources');
  return (resources?.children ?? []).some((resource) => {
    if (String(resource.children?.[0]?.value).startsWith('Fn::ForEach::')) return true;
    const type = propertyValue(resource.children?.[1], 'Type');
    return type?.type === 'string' && (type.value as string).startsWith('AWS::');
  });
}

/**
 * The node holding a policy file's statements: the file itself, or the `PolicyVersion.Document` of a saved
 * `aws iam get-policy-version` answer.
 */
export function policyRoot(root: Node): Node {
  if (property(root, 'Statement')) return root;
  const wrapped = propertyValue(propertyValue(root, 'PolicyVersion'), 'Document');
  return wrapped?.type === 'object' ? wrapped : root;
}

/** The places where a permission set or a CloudFormation template holds policy documents. */
export function policySlots(text: string, root: Node | undefined, type: 'permission-set' | 'cloudformation'): PolicySlot[] {
  if (root?.type !== 'object') return [];
  return type === 'permission-set' ? permissionSetSlots(root, '') : cloudFormationSlots(text, root);
}

function permissionSetSlots(object: Node, prefix: string): PolicySlot[] {
  const key = property(object, 'InlinePolicy') ? 'InlinePolicy' : 'CustomPolicy';
  const node = propertyValue(object, key);
  if (!node || isEmptyPolicy(node)) return [];
  return [{ node, type: 'identity', origin: `${prefix}${key}`, sizeLimit: PERMISSION_SET_INLINE_LIMIT }];
}

/** No inline policy written: `""`, `{}` or `null` mean the permission set has none. */
function isEmptyPolicy(node: Node): boolean {
  if (node.type === 'null') return true;
  if (node.type === 'string') return (node.value as string).trim() === '';
  return node.type === 'object' && (node.children ?? []).length === 0;
}

function cloudFormationSlots(text: string, root: Node): PolicySlot[] {
  // A slot that is no one value of the file (a policy under an item's `Fn::If`, read per side) has no node:
  // each side's policy is checked as a document. A list of statements a service makes a policy of (an API's
  // custom statements) is no policy of the wrong type: its statements are checked as that policy's.
  const isStatementList = (slot: TemplateSlot) => slot.statementOnly && slot.value.kind === 'seq';
  return templateSlots(fromJsonNode(root, text)).slots.flatMap((slot) => (slot.value.handle && !isStatementList(slot) ? [{ ...slot, node: slot.value.handle as Node }] : []));
}

/** A CloudFormation intrinsic function (`{"Fn::Sub": ...}`, `{"Ref": ...}`): its value is only known at deploy time. */
export function isIntrinsic(node: Node): boolean {
  if (node.type !== 'object' || node.children?.length !== 1) return false;
  const key = node.children[0].children?.[0]?.value;
  return typeof key === 'string' && (isFunctionKey(key) || key === 'Condition');
}

/** The documents a permission set or template holds; slots with a value of the wrong type are left to RG002. */
export function embeddedDocuments(fileText: string, root: Node | undefined, type: 'permission-set' | 'cloudformation'): TemplateDocuments {
  if (type === 'permission-set') return { documents: policySlots(fileText, root, type).flatMap((slot) => slotDocuments(fileText, slot)), unchecked: [] };
  if (root?.type !== 'object') return { documents: [], unchecked: [] };
  // A policy without intrinsic functions is read in place, so its fixes are the JSON rules' own; one
  // with them is resolved symbolically (iac/intrinsics.ts) and written back through the JSON writer.
  return templateDocuments(fromJsonNode(root, fileText), jsonWriter(fileText), {
    readString: (value, site) => stringDocument(fileText, value.handle as Node, site.type, site.origin, site.sizeLimit),
    // As a string policy's edits are written (stringDocument): on the escapes each character is read from.
    stringEdit: (value, edit) => ({ start: value.mapped!.offsets[edit.start], end: value.mapped!.offsets[edit.end], text: JSON.stringify(edit.text).slice(1, -1) }),
    readPlain: (slot) => {
      const node = slot.value.handle as Node | undefined;
      return !node || callsIntrinsic(node) ? undefined : slotDocuments(fileText, { ...slot, node });
    },
  });
}

function slotDocuments(fileText: string, slot: PolicySlot): PolicyDocument[] {
  // Spread so that a slot without a limit keeps none (objectDocument would default to its type's limit).
  if (slot.node.type === 'object') return [{ ...objectDocument(fileText, slot.node, slot.type, slot.origin), sizeLimit: slot.sizeLimit }];
  if (slot.node.type === 'string') return [stringDocument(fileText, slot.node, slot.type, slot.origin, slot.sizeLimit)];
  return [];
}

/** A document written as a JSON string in the file: parsed from the unescaped text, mapped back escape-aware. */
export function stringDocument(fileText: string, node: Node, type: PolicyType, origin: string, sizeLimit?: SizeLimit): PolicyDocument {
  const { text, offsets } = unescapeJsonString(fileText, node);
  const parsed = parseJson(text);
  // A string that holds no JSON value at all still gets a document, so that RG001 can report it.
  const root = parsed.root ?? { type: 'null', offset: 0, length: text.length, value: null };
  return placedDocument({
    type,
    origin,
    sizeLimit,
    text,
    root,
    toFileOffset: (offset) => offsets[Math.max(0, Math.min(offset, text.length))],
    encodeForFile: (replacement) => JSON.stringify(replacement).slice(1, -1),
    parseErrors: parsed.errors,
    plainJson: parsed.plain,
    shadowed: parsed.shadowed,
  });
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes a JSON string literal of the file. `offsets[i]` is the file offset of the escape sequence (or
 * character) that produced unescaped code unit `i`; `offsets[text.length]` is where the literal's content
 * ends, so that a half-open range maps onto whole escapes. A `\uD83D\uDE00` pair gives two code units, each
 * mapped to its own escape. Malformed escapes are kept verbatim (the parser has already reported them).
 */
export function unescapeJsonString(fileText: string, node: Node): { text: string; offsets: Int32Array } {
  const start = node.offset + 1;
  const last = node.offset + node.length - 1;
  const end = last >= start && fileText.charCodeAt(last) === 34 ? last : node.offset + node.length;
  const offsets = new Int32Array(Math.max(0, end - start) + 1);
  const parts: string[] = [];
  let length = 0;
  let runStart = start;
  const flushRun = (upTo: number) => {
    if (upTo <= runStart) return;
    parts.push(fileText.slice(runStart, upTo));
    for (let k = runStart; k < upTo; k++) offsets[length++] = k;
  };
  for (let i = start; i < end; i++) {
    if (fileText.charCodeAt(i) !== 92) continue;
    flushRun(i);
    const next = fileText[i + 1];
    const hex = next === 'u' ? fileText.slice(i + 2, i + 6) : '';
    let decoded: string;
    let width: number;
    if (next !== undefined && next in SIMPLE_ESCAPES && i + 1 < end) [decoded, width] = [SIMPLE_ESCAPES[next], 2];
    else if (/^[0-9a-fA-F]{4}$/.test(hex) && i + 5 < end) [decoded, width] = [String.fromCharCode(parseInt(hex, 16)), 6];
    else [decoded, width] = ['\\', 1];
    parts.push(decoded);
    offsets[length++] = i;
    i += width - 1;
    runStart = i + 1;
  }
  flushRun(end);
  offsets[length] = end;
  return { text: parts.join(''), offsets: offsets.subarray(0, length + 1) };
}
