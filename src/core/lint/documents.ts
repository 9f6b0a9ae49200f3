/**
 * Finds the policy documents in a parsed file. A plain policy file is one document; permission sets and
 * CloudFormation templates hold documents inside them (see embedded.ts).
 */
import type { Node } from 'jsonc-parser';
import { embeddedDocuments, notAContainer, policyRoot } from './embedded';
import { isTerraformPlan, planDocuments } from './iac/terraformPlan';
import type { AttachedPolicy, FileType, ParseProblem, PolicyDocument, PolicyType, SizeLimit } from './model';
import { propertyValue } from './parse';
import { readStatements } from './statements';

/**
 * The size limits AWS applies to each kind of document (design section 2, RG007). Organizations raised the
 * SCP limit from 5,120 to 10,240 characters in May 2026; the RCP limit stayed at 5,120.
 */
export const SIZE_LIMITS: Partial<Record<PolicyType, SizeLimit>> = {
  scp: { label: 'service control policy', limit: 10240, countWhitespace: true },
  rcp: { label: 'resource control policy', limit: 5120, countWhitespace: true },
  identity: { label: 'managed policy', limit: 6144, countWhitespace: false },
};

/** An Identity Center permission set's inline policy (design section 2, RG007). */
export const PERMISSION_SET_INLINE_LIMIT: SizeLimit = { label: 'permission set inline policy', limit: 10240, countWhitespace: false };

/** The parts of a document that say where it is; statements and Version are read from its root. */
export type DocumentPlacement = Omit<PolicyDocument, 'statements' | 'version'>;

/** A document from where it stands: reads its statements and Version. */
export function placedDocument(placement: DocumentPlacement): PolicyDocument {
  const version = propertyValue(placement.root, 'Version');
  return {
    ...placement,
    statements: readStatements(placement.root),
    version: version ? { value: version.value, node: version } : undefined,
  };
}

/** A document written as a JSON object inside the file: it shares the file's text and offsets. */
export function objectDocument(
  text: string,
  root: Node,
  type: PolicyType,
  origin: string,
  sizeLimit: SizeLimit | undefined = SIZE_LIMITS[type],
): PolicyDocument {
  return placedDocument({
    type,
    origin,
    sizeLimit,
    text,
    root,
    toFileOffset: (offset) => offset,
    encodeForFile: (replacement) => replacement,
  });
}

/**
 * A document written as a JSON string, or read from YAML or HCL, has a text of its own (what AWS receives);
 * one written as a JSON object shares its file's text, tree and offsets.
 */
export function hasOwnText(document: PolicyDocument, fileText: string): boolean {
  return document.text !== fileText;
}

/** Every policy document in a JSON file of the given type. */
export function findDocuments(text: string, root: Node | undefined, type: FileType): PolicyDocument[] {
  return readDocuments(text, root, type).documents;
}

/** The policy documents of a JSON file, and the policies in it that cannot be checked (with the reason). */
export function readDocuments(text: string, root: Node | undefined, type: FileType): { documents: PolicyDocument[]; unchecked: ParseProblem[]; attachedPolicies?: AttachedPolicy[] } {
  // A policy that is not an object is RG002's; a file that should hold policies and holds no object holds none.
  if (root?.type !== 'object') {
    const container = CONTAINERS[type];
    if (!root || !container) return { documents: [], unchecked: [] };
    const message = `Read as ${container}, but the file holds ${kindOf(root)}: nothing in it is checked.`;
    return { documents: [], unchecked: [{ message, range: { start: root.offset, end: root.offset + 1 } }] };
  }
  switch (type) {
    case 'permission-set':
    case 'cloudformation': {
      const notOne = notAContainer(root, type);
      return notOne ? { documents: [], unchecked: [{ message: notOne, range: { start: root.offset, end: root.offset + 1 } }] } : embeddedDocuments(text, root, type);
    }
    case 'terraform-plan':
      if (!isTerraformPlan(root)) {
        const message = 'Read as a Terraform plan, but it has no format_version with planned_values or resource_changes (what terraform show -json writes): nothing in it is checked.';
        return { documents: [], unchecked: [{ message, range: { start: root.offset, end: root.offset + 1 } }] };
      }
      return planDocuments(text, root);
    case 'terraform':
      // Terraform's JSON syntax (`*.tf.json`) is not read: say so rather than pass it in silence.
      return { documents: [], unchecked: [{ message: 'Terraform JSON syntax (*.tf.json) is not checked; lint the plan (terraform show -json) instead.', range: { start: 0, end: 0 } }] };
    default: {
      const policy = policyRoot(root);
      return { documents: [objectDocument(text, policy, type, policy === root ? '' : 'PolicyVersion.Document')], unchecked: [] };
    }
  }
}

/** The file types that hold policies inside them, as a finding names them. */
const CONTAINERS: Partial<Record<FileType, string>> = {
  'permission-set': 'a permission set',
  cloudformation: 'a CloudFormation template',
  'terraform-plan': 'a Terraform plan',
};

function kindOf(node: Node): string {
  return node.type === 'array' ? 'a list' : node.type === 'null' ? 'null' : `a ${node.type}`;
}
