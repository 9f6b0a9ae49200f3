/**
 * A Terraform `data "aws_iam_policy"` finds a managed policy by its `arn`, or by its `name`; an attachment
 * that names it (`policy_arn = data.aws_iam_policy.admin.arn`) attaches that policy, as one that writes the
 * ARN in place does, so RG201 reports `name = "AdministratorAccess"` attached where it is attached.
 */
import { awsManagedPolicyArn, UNKNOWN_PART } from '../../policy';
import type { AttachedPolicy } from '../model';
import { attributes, attributeValue, blockLabels } from './hclBlocks';
import type { HclNode } from './hclParser';
import { hclValue, rangeOf, type Scope, traversal, unwrap } from './hclValues';
import type { IacValue } from './sourceTree';

/**
 * The ARN each `data "aws_iam_policy"` block among `blocks` finds, by the block's name, where its `arn` or
 * `name` is written in place. A name alone is AWS's managed policy of that name: the account's own policy of
 * one name with it would match twice, which the provider refuses. Not with a `path_prefix` other than `/`,
 * under which AWS's policies of that name (all at `/`, or a path of their own) may not be.
 */
export function managedPolicyLookups(blocks: readonly HclNode[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const block of blocks) {
    const [type, name] = blockLabels(block);
    if (block.namedChildren[0]?.text !== 'data' || type !== 'aws_iam_policy' || !name) continue;
    const attrs = attributes(block);
    const written = (attribute: string) => {
      const node = attrs.get(attribute);
      const value = node && hclValue(attributeValue(node));
      return value?.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
    };
    const arn = written('arn');
    const policyName = written('name');
    const underRoot = !attrs.has('path_prefix') || written('path_prefix') === '/';
    if (arn !== undefined) found.set(name, arn);
    else if (policyName !== undefined && !policyName.includes(UNKNOWN_PART) && underRoot) found.set(name, awsManagedPolicyArn(policyName));
  }
  return found;
}

/**
 * The ARNs an attachment's attribute writes, one or a list, each where it is written (interpolations unknown
 * parts); a `data.aws_iam_policy.NAME.arn` of `lookups`, the ARN that data source finds.
 */
export function attachedArns(expression: HclNode, lookups: ReadonlyMap<string, string>, scope: Scope): AttachedPolicy[] {
  const node = unwrap(expression);
  if (node.type === 'tuple') return node.namedChildren.filter((child) => child.type === 'expression').flatMap((item) => attachedArns(item, lookups, scope));
  const path = traversal(node.type === 'expression' ? node : expression);
  const looked = path?.length === 4 && path[0] === 'data' && path[1] === 'aws_iam_policy' && path[3] === 'arn' ? lookups.get(path[2]) : undefined;
  return looked === undefined ? arnsIn(hclValue(expression, scope)) : [{ arn: looked, range: rangeOf(node) }];
}

function arnsIn(value: IacValue): AttachedPolicy[] {
  if (value.kind === 'seq') return value.items.flatMap(arnsIn);
  return value.kind === 'scalar' && typeof value.value === 'string' ? [{ arn: value.value, range: value.range }] : [];
}
