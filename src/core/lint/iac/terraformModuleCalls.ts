/**
 * Policies passed to a module: `module "scp" { source = "./scp", content = data.aws_iam_policy_document.x.json }`,
 * whose folder creates `aws_organizations_policy` with `content = var.content`. Read alone, the argument is
 * no resource's policy: a document would be linted as an identity policy, and the SCP rules never see it.
 * A module whose source is a folder of the repository (`./scp`, `../modules/scp`) is read for the
 * resources that take a variable as their policy, and each argument given to such a variable is linted in
 * the calling file, where the policy is written, as that resource's type. The module's folder is read with
 * the variables' defaults (`policy_type = "RESOURCE_CONTROL_POLICY"`) and the call's own arguments.
 */
import { SIZE_LIMITS } from '../documents';
import type { PolicyType, SizeLimit } from '../model';
import type { HclNode, HclParser } from './hclParser';
import { describeExpression, functionCall, hclValue, isTemplateString, traversal, unwrap } from './hclValues';
import { attributes, attributeValue, blockLabels, topLevelBlocks } from './hclBlocks';
import type { ModuleFile } from './terraformModule';

/** The `.tf` files of a module's folder, relative to the calling file: its files, or why they cannot be read. */
export type ReadModuleFolder = (relativeFolder: string) => readonly ModuleFile[] | { unreadable: string };

/** A module's resource that takes one of its variables as its policy. */
export interface PolicyVariable {
  /** The variable, named as the call gives it. */
  variable: string;
  /** `aws_organizations_policy.this.content`. */
  slot: string;
  /** The policy's type; null for an Organizations policy that is no IAM policy (a tag policy); `unknown`, what gives it. */
  type: PolicyType | null | { unknown: string };
  sizeLimit?: SizeLimit;
}

/** Where each resource type holds a policy, as terraform.ts reads it in place. */
export type PolicySlots = (resourceType: string) => readonly { attribute: string; type: PolicyType; sizeLimit?: SizeLimit }[];

/** Terraform reads a source that starts with `./` or `../` as a folder, anything else as a registry or remote address. */
export function isLocalSource(source: string): boolean {
  return /^\.\.?[\\/]/.test(source);
}

/** A module's resources whose policy is one of its variables, with the call's arguments read for the types they give. */
export function policyVariables(files: readonly ModuleFile[], parser: HclParser, slots: PolicySlots, passed: ReadonlyMap<string, HclNode>): PolicyVariable[] {
  const { takers, defaults } = moduleShape(files, parser, slots);
  return takers.map(({ organizationsType, ...taker }) => {
    if (organizationsType === undefined) return taker;
    const type = typeGiven(organizationsType, passed, defaults);
    const sizeLimit = typeof type === 'string' ? SIZE_LIMITS[type] : undefined;
    return { ...taker, type, ...(sizeLimit ? { sizeLimit } : {}) };
  });
}

/** What a module's folder says of its policies, whatever the call: read once per folder a run reads. */
interface ModuleShape {
  /** Its resources that take a variable as their policy; an Organizations policy's type is read with the call. */
  takers: (PolicyVariable & { organizationsType?: HclNode | null })[];
  /** Its variables' defaults. */
  defaults: ReadonlyMap<string, HclNode>;
}

const shapes = new WeakMap<readonly ModuleFile[], ModuleShape>();

function moduleShape(files: readonly ModuleFile[], parser: HclParser, slots: PolicySlots): ModuleShape {
  const known = shapes.get(files);
  if (known) return known;
  const defaults = new Map<string, HclNode>();
  const takers = files.flatMap((file) =>
    parser.parse(file.text, (root): ModuleShape['takers'] => {
      if (root.hasError || root.tooDeep) return [];
      const blocks = topLevelBlocks(root);
      for (const block of blocks) {
        const [name] = blockLabels(block);
        const value = block.namedChildren[0]?.text === 'variable' ? attributes(block).get('default') : undefined;
        if (name && value) defaults.set(name, attributeValue(value));
      }
      return blocks.flatMap((block) => {
        const [type, name] = blockLabels(block);
        if (block.namedChildren[0]?.text !== 'resource' || !type || !name) return [];
        const attrs = attributes(block);
        const variableOf = (attribute: string) => {
          const found = attrs.get(attribute);
          const path = found && traversal(unwrap(attributeValue(found)));
          return path?.length === 2 && path[0] === 'var' ? path[1] : undefined;
        };
        if (type === 'aws_organizations_policy') {
          const variable = variableOf('content');
          const typeAttribute = attrs.get('type');
          // SERVICE_CONTROL_POLICY when `type` is not written: the provider's default.
          return variable ? [{ variable, slot: `${type}.${name}.content`, type: 'scp' as const, organizationsType: typeAttribute ? attributeValue(typeAttribute) : null }] : [];
        }
        return slots(type).flatMap((slot) => {
          const variable = variableOf(slot.attribute);
          return variable ? [{ variable, slot: `${type}.${name}.${slot.attribute}`, type: slot.type, ...(slot.sizeLimit ? { sizeLimit: slot.sizeLimit } : {}) }] : [];
        });
      });
    }),
  );
  const shape = { takers, defaults };
  shapes.set(files, shape);
  return shape;
}

/** An `aws_organizations_policy`'s type (null: not written, the provider's default), given in the module, by the call, or by its variable's default. */
function typeGiven(written: HclNode | null, passed: ReadonlyMap<string, HclNode>, defaults: ReadonlyMap<string, HclNode>): PolicyVariable['type'] {
  if (!written) return 'scp';
  const path = traversal(unwrap(written));
  const variable = path?.length === 2 && path[0] === 'var' ? path[1] : undefined;
  const value = variable === undefined ? written : passed.get(variable) ?? defaults.get(variable);
  const type = value && organizationsPolicyType(value);
  return type === undefined ? { unknown: describeExpression(value ?? written) } : type;
}

/**
 * SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY written as a string; null for the other kinds;
 * undefined when the type is not written in place.
 */
export function organizationsPolicyType(value: HclNode): PolicyType | undefined | null {
  const read = hclValue(value);
  if (read.kind !== 'scalar' || typeof read.value !== 'string' || unwrap(value).type !== 'string_lit') return undefined;
  if (read.value === 'SERVICE_CONTROL_POLICY') return 'scp';
  if (read.value === 'RESOURCE_CONTROL_POLICY') return 'rcp';
  // Tag, backup, AI opt-out and declarative policies are not IAM policy documents.
  return null;
}

/**
 * Whether a module's argument is a policy written in place (`jsonencode({... Statement ...})`, a JSON
 * heredoc): one the module's resources are not known to take is not checked, and says so.
 */
export function writtenAsPolicy(expression: HclNode): boolean {
  const node = unwrap(expression);
  const call = functionCall(node);
  const written = (call?.name === 'jsonencode' && call.args.length === 1) || isTemplateString(node);
  return written && /\bStatement\b/.test(node.text);
}

/** Whether a policy written in place names a `Principal` or `NotPrincipal`: a resource policy's mark, as for a document. */
export function namesPrincipalInText(expression: HclNode): boolean {
  return /\b(?:Not)?Principal\b/.test(expression.text);
}

/** Why a module's argument is not followed to the resource that takes it: the policy's type is then not known. */
export function notFollowedReason(source: HclNode | undefined, sourceText: string | undefined, files: readonly ModuleFile[] | { unreadable: string } | undefined): string {
  if (sourceText === undefined || !isLocalSource(sourceText)) {
    return `it is passed to the module at ${source ? describeExpression(source) : 'no source'}, which the linter does not read (only a folder of the repository), so the policy's type is not known`;
  }
  if (!files) return `the module's folder (${sourceText}) is not read here, so the policy's type is not known`;
  return 'unreadable' in files ? `the module's folder (${sourceText}) cannot be read: ${files.unreadable}` : `no resource of the module in ${sourceText} takes it as its policy`;
}
