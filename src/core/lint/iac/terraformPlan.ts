/**
 * The policies of a Terraform plan (`terraform show -json`): the same resources as in HCL, read from
 * `planned_values` (every module, recursively), or from `resource_changes` when the plan has no planned
 * values. A policy is a JSON string there, linted in place with findings on the plan's line; its origin
 * names the resource address. A policy only known after apply is reported as not checked.
 */
import type { Node } from 'jsonc-parser';
import { SIZE_LIMITS } from '../documents';
import { stringDocument } from '../embedded';
import type { AttachedPolicy, ParseProblem, PolicyDocument, PolicyType } from '../model';
import { propertyValue } from '../parse';
import { ATTACHMENT_ATTRIBUTES, policyAttributes } from './terraformPolicyAttributes';

export function isTerraformPlan(root: Node | undefined): boolean {
  return !!propertyValue(root, 'format_version') && !!(propertyValue(root, 'planned_values') ?? propertyValue(root, 'resource_changes'));
}

export function planDocuments(text: string, root: Node): { documents: PolicyDocument[]; unchecked: ParseProblem[]; attachedPolicies: AttachedPolicy[] } {
  const documents: PolicyDocument[] = [];
  const unchecked: ParseProblem[] = [];
  const attachedPolicies: AttachedPolicy[] = [];
  const resources: Array<{ resource: Node; values: Node | undefined; unknown: Node | undefined }> = [];
  // What is only known after apply is in resource_changes alone: planned_values leaves such a value out.
  const changes = (propertyValue(root, 'resource_changes')?.children ?? []).map((change) => ({ change, after: propertyValue(change, 'change') }));
  const unknownByAddress = new Map(changes.map(({ change, after }) => [propertyValue(change, 'address')?.value, propertyValue(after, 'after_unknown')]));
  const walkModule = (module: Node | undefined) => {
    for (const resource of propertyValue(module, 'resources')?.children ?? []) {
      resources.push({ resource, values: propertyValue(resource, 'values'), unknown: unknownByAddress.get(propertyValue(resource, 'address')?.value) });
    }
    for (const child of propertyValue(module, 'child_modules')?.children ?? []) walkModule(child);
  };
  walkModule(propertyValue(propertyValue(root, 'planned_values'), 'root_module'));
  if (resources.length === 0) {
    for (const { change, after } of changes) resources.push({ resource: change, values: propertyValue(after, 'after'), unknown: propertyValue(after, 'after_unknown') });
  }
  for (const { resource, values, unknown } of resources) {
    if (propertyValue(resource, 'mode')?.value === 'data') continue;
    const type = propertyValue(resource, 'type')?.value as string | undefined;
    const address = (propertyValue(resource, 'address')?.value as string | undefined) ?? type ?? '';
    const slot = (attribute: string, policyType: PolicyType, sizeLimit = undefined as PolicyDocument['sizeLimit'], holder = values, origin = `${address}.${attribute}`, unknownHolder = unknown) => {
      const node = propertyValue(holder, attribute);
      // The plan is generated: its findings name the resource address the author wrote.
      if (node?.type === 'string' && (node.value as string).trim() !== '') documents.push({ ...stringDocument(text, node, policyType, origin, sizeLimit), definedIn: address });
      else if (propertyValue(unknownHolder, attribute)?.value === true) {
        unchecked.push({ message: `${origin} is not checked: it is only known after apply.`, range: { start: resource.offset, end: resource.offset + 1 } });
      }
    };
    if (type === 'aws_organizations_policy') {
      const policyType = propertyValue(values, 'type')?.value ?? 'SERVICE_CONTROL_POLICY';
      if (policyType === 'SERVICE_CONTROL_POLICY') slot('content', 'scp', SIZE_LIMITS.scp);
      else if (policyType === 'RESOURCE_CONTROL_POLICY') slot('content', 'rcp', SIZE_LIMITS.rcp);
      continue;
    }
    for (const policy of policyAttributes(type ?? '')) slot(policy.attribute, policy.type, policy.sizeLimit);
    // Managed policies attached by ARN: one, or a list.
    const arns = propertyValue(values, ATTACHMENT_ATTRIBUTES[type ?? ''] ?? '');
    for (const arn of arns?.type === 'array' ? (arns.children ?? []) : arns ? [arns] : []) {
      if (arn.type === 'string') attachedPolicies.push({ arn: arn.value as string, range: { start: arn.offset, end: arn.offset + arn.length }, definedIn: address });
    }
    if (type === 'aws_iam_role') {
      // Each inline policy's unknowns are in its own block of after_unknown (`inline_policy[0].policy`).
      const known = propertyValue(values, 'inline_policy')?.children ?? [];
      const unknownBlocks = propertyValue(unknown, 'inline_policy')?.children ?? [];
      for (let i = 0; i < Math.max(known.length, unknownBlocks.length); i++) slot('policy', 'identity', undefined, known[i], `${address}.inline_policy[${i}].policy`, unknownBlocks[i]);
    }
  }
  return { documents, unchecked, attachedPolicies };
}
