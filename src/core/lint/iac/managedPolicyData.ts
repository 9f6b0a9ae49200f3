/**
 * A Terraform `data "aws_iam_policy"` finds a managed policy by its `arn`, or by its `name`; an attachment
 * that names it (`policy_arn = data.aws_iam_policy.admin.arn`) attaches that policy, as one that writes the
 * ARN in place does, so RG201 reports `name = "AdministratorAccess"` attached where it is attached.
 */
import { awsManagedPolicyArn, isWhollyUnknown, UNKNOWN_PART } from '../../policy';
import type { AttachedPolicy } from '../model';
import { attributes, attributeValue, blockLabels } from './hclBlocks';
import type { HclNode } from './hclParser';
import { describeExpression, forEachScopes, hclValue, NO_SCOPE, rangeOf, type Scope, soleInterpolation, traversal, unwrap } from './hclValues';
import type { IacValue } from './sourceTree';

/**
 * The ARN each `data "aws_iam_policy"` block among `blocks` finds, by the block's name, where its `arn` or
 * `name` is written in place. A name alone is AWS's managed policy of that name: the account's own policy of
 * one name with it would match twice, which the provider refuses. Not with a `path_prefix` other than `/`,
 * under which AWS's policies of that name (all at `/`, or a path of their own) may not be. A block made with
 * `for_each` over a set or a map written in place also gives each instance's, by `instanceName` (`name = each.key`,
 * `each.value`).
 */
export function managedPolicyLookups(blocks: readonly HclNode[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const block of blocks) {
    const [type, name] = blockLabels(block);
    if (block.namedChildren[0]?.text !== 'data' || type !== 'aws_iam_policy' || !name) continue;
    const attrs = attributes(block);
    const forEach = attrs.get('for_each');
    const scopes = forEach ? forEachScopes(attributeValue(forEach), 'each', block) : undefined;
    for (const scope of Array.isArray(scopes) ? scopes : []) {
      const key = scope.get('each.key')?.value;
      const arn = lookedUpArn(attrs, scope);
      if (typeof key === 'string' && arn !== undefined) found.set(instanceName(name, key), arn);
    }
    const arn = lookedUpArn(attrs, NO_SCOPE);
    if (arn !== undefined) found.set(name, arn);
  }
  return found;
}

/** The ARN a `data "aws_iam_policy"` block of attributes `attrs` finds, read in `scope`, where RootGuard can tell. */
function lookedUpArn(attrs: ReadonlyMap<string, HclNode>, scope: Scope): string | undefined {
  const written = (attribute: string) => {
    const node = attrs.get(attribute);
    const value = node && hclValue(attributeValue(node), scope);
    return value?.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
  };
  // An ARN known only at deployment as a whole (`arn = var.policy_arn`) tells nothing of the policy.
  const arn = written('arn');
  if (arn !== undefined) return isWhollyUnknown(arn) ? undefined : arn;
  const policyName = written('name');
  const underRoot = !attrs.has('path_prefix') || written('path_prefix') === '/';
  return policyName !== undefined && !policyName.includes(UNKNOWN_PART) && underRoot ? awsManagedPolicyArn(policyName) : undefined;
}

/** The lookup of one instance of a block made with for_each: `x["AdministratorAccess"]` (no block name holds `[`). */
function instanceName(name: string, key: string): string {
  return `${name}[${key}]`;
}

/**
 * The ARNs an attachment's attribute writes, one or a list, each where it is written (interpolations unknown
 * parts); a `data.aws_iam_policy.NAME.arn` of `lookups`, the ARN that data source finds, also written as the
 * one interpolation of a string (`"${data.aws_iam_policy.NAME.arn}"`, as Terraform 0.11 wrote it). An ARN
 * known only at deployment as a whole says what gives it, unless a policy the module writes does.
 */
export function attachedArns(expression: HclNode, lookups: ReadonlyMap<string, string>, scope: Scope, attachment: string): AttachedPolicy[] {
  const node = unwrap(expression);
  if (node.type === 'tuple') return node.namedChildren.filter((child) => child.type === 'expression').flatMap((item) => attachedArns(item, lookups, scope, attachment));
  const reference = soleInterpolation(node) ?? (node.type === 'expression' ? node : expression);
  const looked = lookupNamed(reference, lookups, scope);
  if (looked !== undefined) return [{ arn: looked, range: rangeOf(node) }];
  const found = arnsIn(hclValue(expression, scope));
  if (found.length !== 1 || found[0].arn !== UNKNOWN_PART || writtenByModule(reference)) return found;
  const lookup = unreadLookup(reference);
  const givenBy = lookup ? { expression: lookup, attachment, lookup: true } : { expression: describeExpression(node), attachment };
  return [{ ...found[0], givenBy }];
}

/** The `data "aws_iam_policy"` a reference names whose policy is not known (`data.aws_iam_policy.admin`), if it names one. */
function unreadLookup(reference: HclNode): string | undefined {
  const path = traversal(reference, true);
  return path?.[0] === 'data' && path[1] === 'aws_iam_policy' && path.length > 2 ? `data.aws_iam_policy.${path[2]}` : undefined;
}

/** Whether a reference names a policy the module writes (`aws_iam_policy.ops.arn`, `aws_iam_policy.ops[0].arn`), linted where it is written. */
function writtenByModule(reference: HclNode): boolean {
  return traversal(reference, true)?.[0] === 'aws_iam_policy';
}

/**
 * The ARN `data.aws_iam_policy.NAME.arn` finds, or one instance's: `NAME[0]` (a block made with `count`, every
 * instance the same lookup), `NAME["key"]` or `NAME[each.key]` in `scope` (with `for_each`): that instance's
 * where it is known, else the one every instance finds.
 */
function lookupNamed(reference: HclNode, lookups: ReadonlyMap<string, string>, scope: Scope): string | undefined {
  const path = traversal(reference, true);
  const indexed = path?.length === 5 && path[3] === '[]';
  if (!path || !(path.length === 4 || indexed) || path[0] !== 'data' || path[1] !== 'aws_iam_policy' || path.at(-1) !== 'arn') return undefined;
  const key = indexed ? indexKey(reference.namedChildren[3], scope) : undefined;
  return (key === undefined ? undefined : lookups.get(instanceName(path[2], key))) ?? lookups.get(path[2]);
}

/** The key an index (`["AdministratorAccess"]`, `[0]`, `.0`, `[each.key]` bound in `scope`) selects, where it is known. */
function indexKey(index: HclNode | undefined, scope: Scope): string | undefined {
  const inner = index?.namedChildren[0];
  if (inner?.type === 'legacy_index') return inner.text.slice(1);
  const expression = inner?.namedChildren.find((child) => child.type === 'expression');
  const value = expression && hclValue(expression, scope);
  const known = value?.kind === 'scalar' && (typeof value.value === 'string' || typeof value.value === 'number') ? String(value.value) : undefined;
  return known?.includes(UNKNOWN_PART) ? undefined : known;
}

function arnsIn(value: IacValue): AttachedPolicy[] {
  if (value.kind === 'seq') return value.items.flatMap(arnsIn);
  return value.kind === 'scalar' && typeof value.value === 'string' ? [{ arn: value.value, range: value.range }] : [];
}
