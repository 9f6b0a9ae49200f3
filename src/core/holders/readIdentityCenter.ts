/**
 * The IAM Identity Center permission sets provisioned to the connected account, each with what it grants
 * (inline policy, AWS managed policies, customer managed policy references resolved in the account, the
 * permissions boundary) and who is assigned it there. Every listing is followed to its last page.
 */
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsProvisionedToAccountCommand,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { awsErrorCode, tagged } from '../aws/errors';
import { collectPages } from '../org/paging';
import type { PolicyText, PrincipalSource } from './model';
import { type ManagedPolicies, missingPermission } from './readIam';

interface Context {
  sso: SSOAdminClient;
  managed: ManagedPolicies;
  accountId: string;
  partition: string;
  signal?: AbortSignal;
}

async function call<T>(ctx: Context, operation: string, send: (options: { abortSignal?: AbortSignal }) => Promise<T>): Promise<T> {
  try {
    return await tagged(`sso:${operation}`, send({ abortSignal: ctx.signal }));
  } catch (err) {
    throw missingPermission(err);
  }
}

/** Permission sets provisioned to the account, across every Identity Center instance the caller administers. */
export async function readPermissionSets(ctx: Context): Promise<PrincipalSource[]> {
  const instances = await collectPages(async (token) => {
    const page = await call(ctx, 'ListInstances', (o) => ctx.sso.send(new ListInstancesCommand({ NextToken: token }), o));
    return { items: page.Instances ?? [], next: page.NextToken };
  });
  const principals: PrincipalSource[] = [];
  for (const instance of instances) {
    const instanceArn = instance.InstanceArn!;
    const arns = await collectPages(async (token) => {
      const page = await call(ctx, 'ListPermissionSetsProvisionedToAccount', (o) =>
        ctx.sso.send(new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: instanceArn, AccountId: ctx.accountId, NextToken: token }), o),
      );
      return { items: page.PermissionSets ?? [], next: page.NextToken };
    });
    for (const arn of arns) principals.push(await readPermissionSet(ctx, instanceArn, arn));
  }
  return principals;
}

async function readPermissionSet(ctx: Context, instanceArn: string, permissionSetArn: string): Promise<PrincipalSource> {
  const input = { InstanceArn: instanceArn, PermissionSetArn: permissionSetArn };
  const described = await call(ctx, 'DescribePermissionSet', (o) => ctx.sso.send(new DescribePermissionSetCommand(input), o));
  const name = described.PermissionSet?.Name ?? permissionSetArn;
  const policies: PolicyText[] = [];
  const inline = await call(ctx, 'GetInlinePolicyForPermissionSet', (o) => ctx.sso.send(new GetInlinePolicyForPermissionSetCommand(input), o));
  if (inline.InlinePolicy) policies.push({ label: `inline policy (permission set ${name})`, source: 'permission set inline', text: inline.InlinePolicy });
  const managedArns = await collectPages(async (token) => {
    const page = await call(ctx, 'ListManagedPoliciesInPermissionSet', (o) => ctx.sso.send(new ListManagedPoliciesInPermissionSetCommand({ ...input, NextToken: token }), o));
    return { items: page.AttachedManagedPolicies ?? [], next: page.NextToken };
  });
  for (const policy of managedArns) {
    const text = await ctx.managed.document(policy.Arn!);
    if (text !== undefined) policies.push({ label: `${policy.Name} (AWS managed)`, source: 'AWS managed', arn: policy.Arn, text });
  }
  const references = await collectPages(async (token) => {
    const page = await call(ctx, 'ListCustomerManagedPolicyReferencesInPermissionSet', (o) =>
      ctx.sso.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ ...input, NextToken: token }), o),
    );
    return { items: page.CustomerManagedPolicyReferences ?? [], next: page.NextToken };
  });
  for (const reference of references) {
    const resolved = await customerManaged(ctx, reference.Name!, reference.Path);
    if (resolved) policies.push({ ...resolved, label: `${reference.Name} (customer managed)` });
  }
  const assignments = await collectPages(async (token) => {
    const page = await call(ctx, 'ListAccountAssignments', (o) => ctx.sso.send(new ListAccountAssignmentsCommand({ ...input, AccountId: ctx.accountId, NextToken: token }), o));
    return { items: page.AccountAssignments ?? [], next: page.NextToken };
  });
  return {
    kind: 'permissionSet',
    name,
    arn: permissionSetArn,
    policies,
    boundary: await boundaryOf(ctx, input),
    assignments: assignments.map((a) => ({ principalType: a.PrincipalType ?? '', principalId: a.PrincipalId ?? '' })),
  };
}

/** A customer managed policy reference names a policy of the same name and path in each account it is provisioned to. */
async function customerManaged(ctx: Context, name: string, path = '/'): Promise<Omit<PolicyText, 'label'> | undefined> {
  const arn = `arn:${ctx.partition}:iam::${ctx.accountId}:policy${path}${name}`;
  const text = await ctx.managed.document(arn);
  return text === undefined ? undefined : { source: 'customer managed', arn, text };
}

async function boundaryOf(ctx: Context, input: { InstanceArn: string; PermissionSetArn: string }): Promise<PolicyText | undefined> {
  let boundary;
  try {
    boundary = (await call(ctx, 'GetPermissionsBoundaryForPermissionSet', (o) => ctx.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(input), o))).PermissionsBoundary;
  } catch (err) {
    // A permission set without a boundary answers ResourceNotFound.
    if (awsErrorCode(err) === 'ResourceNotFound') return undefined;
    throw err;
  }
  const reference = boundary?.CustomerManagedPolicyReference;
  const resolved = reference ? await customerManaged(ctx, reference.Name!, reference.Path) : undefined;
  const arn = boundary?.ManagedPolicyArn;
  const text = arn ? await ctx.managed.document(arn) : undefined;
  if (resolved) return { ...resolved, label: `${reference!.Name} (permissions boundary)`, source: 'permissions boundary' };
  if (arn && text !== undefined) return { label: `${arn.split('/').pop()} (permissions boundary)`, source: 'permissions boundary', arn, text };
  return undefined;
}
