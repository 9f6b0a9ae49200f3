/**
 * The connected account's IAM as the holders view needs it: every user (with its groups' policies), role
 * and managed policy from `GetAccountAuthorizationDetails`, page by page, and the documents of AWS managed
 * policies the listing did not carry from `GetPolicy` + `GetPolicyVersion`. IAM sends documents URL-encoded.
 */
import {
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  type IAMClient,
  type ManagedPolicyDetail,
} from '@aws-sdk/client-iam';
import { awsErrorCode, RootGuardError, tagged } from '../aws/errors';
import { collectPages } from '../org/paging';
import type { PolicyText, PrincipalSource } from './model';

type Details = Pick<GetAccountAuthorizationDetailsCommandOutput, 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'>;

/** Managed policy documents by ARN, filled from the listing and then on demand. */
export class ManagedPolicies {
  private readonly documents = new Map<string, string>();

  constructor(
    private readonly iam: IAMClient,
    private readonly signal?: AbortSignal,
  ) {}

  remember(policies: readonly ManagedPolicyDetail[]): void {
    for (const policy of policies) {
      const version = policy.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? policy.PolicyVersionList?.[0];
      if (policy.Arn && version?.Document) this.documents.set(policy.Arn, decodeURIComponent(version.Document));
    }
  }

  has(arn: string): boolean {
    return this.documents.has(arn);
  }

  /** The default version's document; undefined when the policy does not exist in the account. */
  async document(arn: string): Promise<string | undefined> {
    const known = this.documents.get(arn);
    if (known !== undefined) return known;
    const options = { abortSignal: this.signal };
    try {
      const policy = await tagged('iam:GetPolicy', this.iam.send(new GetPolicyCommand({ PolicyArn: arn }), options));
      const version = await tagged('iam:GetPolicyVersion', this.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.Policy?.DefaultVersionId }), options));
      const text = decodeURIComponent(version.PolicyVersion?.Document ?? '');
      this.documents.set(arn, text);
      return text;
    } catch (err) {
      if (awsErrorCode(err) === 'NoSuchEntity') return undefined;
      throw missingPermission(err);
    }
  }
}

/** AccessDenied on a read becomes a message that names the permission to add. */
export function missingPermission(err: unknown): unknown {
  if (awsErrorCode(err) !== 'AccessDenied' || !(err instanceof RootGuardError)) return err;
  const operation = (err as { operation?: string }).operation ?? 'a read';
  return new RootGuardError('MissingPermission', `The caller may not call ${operation}: add it to the caller's identity policy (see docs/caller-policy.json)`, { cause: err });
}

async function readDetails(iam: IAMClient, signal?: AbortSignal): Promise<Details> {
  const pages = await collectPages(async (marker) => {
    const page = await tagged('iam:GetAccountAuthorizationDetails', iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: marker }), { abortSignal: signal })).catch((err) => {
      throw missingPermission(err);
    });
    return { items: [page], next: page.IsTruncated ? page.Marker : undefined };
  });
  return {
    UserDetailList: pages.flatMap((p) => p.UserDetailList ?? []),
    GroupDetailList: pages.flatMap((p) => p.GroupDetailList ?? []),
    RoleDetailList: pages.flatMap((p) => p.RoleDetailList ?? []),
    Policies: pages.flatMap((p) => p.Policies ?? []),
  };
}

function inline(list: readonly { PolicyName?: string; PolicyDocument?: string }[] | undefined, owner: string, source: string): PolicyText[] {
  return (list ?? []).map((p) => ({ label: `${p.PolicyName} (${owner} inline)`, source, text: decodeURIComponent(p.PolicyDocument ?? '') }));
}

async function attached(list: readonly { PolicyName?: string; PolicyArn?: string }[] | undefined, owner: string, source: string, managed: ManagedPolicies): Promise<PolicyText[]> {
  const texts: PolicyText[] = [];
  for (const p of list ?? []) {
    const text = p.PolicyArn ? await managed.document(p.PolicyArn) : undefined;
    if (text === undefined) continue;
    const awsManaged = p.PolicyArn!.includes(':iam::aws:policy/');
    texts.push({ label: `${p.PolicyName} (${owner} ${awsManaged ? 'AWS managed' : 'managed'})`, source, arn: p.PolicyArn, text });
  }
  return texts;
}

async function boundaryOf(arn: string | undefined, managed: ManagedPolicies): Promise<PolicyText | undefined> {
  if (!arn) return undefined;
  const text = await managed.document(arn);
  return text === undefined ? undefined : { label: `${arn.split('/').pop()} (permissions boundary)`, source: 'permissions boundary', arn, text };
}

/** Users (with their groups' policies) and roles, each with the documents it is evaluated with. */
export async function readIamPrincipals(iam: IAMClient, managed: ManagedPolicies, signal?: AbortSignal): Promise<PrincipalSource[]> {
  const details = await readDetails(iam, signal);
  managed.remember(details.Policies ?? []);
  const groups = new Map((details.GroupDetailList ?? []).map((g) => [g.GroupName!, g]));
  const principals: PrincipalSource[] = [];
  for (const user of details.UserDetailList ?? []) {
    const policies = [...inline(user.UserPolicyList, 'user', 'inline'), ...(await attached(user.AttachedManagedPolicies, 'user', 'attached', managed))];
    for (const name of user.GroupList ?? []) {
      const group = groups.get(name);
      if (!group) continue;
      policies.push(...inline(group.GroupPolicyList, `group ${name}`, `group ${name}`), ...(await attached(group.AttachedManagedPolicies, `group ${name}`, `group ${name}`, managed)));
    }
    principals.push({
      kind: 'user',
      name: user.UserName!,
      arn: user.Arn!,
      policies,
      boundary: await boundaryOf(user.PermissionsBoundary?.PermissionsBoundaryArn, managed),
      tags: tagsOf(user.Tags),
    });
  }
  for (const role of details.RoleDetailList ?? []) {
    principals.push({
      kind: 'role',
      name: role.RoleName!,
      arn: role.Arn!,
      policies: [...inline(role.RolePolicyList, 'role', 'inline'), ...(await attached(role.AttachedManagedPolicies, 'role', 'attached', managed))],
      boundary: await boundaryOf(role.PermissionsBoundary?.PermissionsBoundaryArn, managed),
      trustPolicy: role.AssumeRolePolicyDocument ? decodeURIComponent(role.AssumeRolePolicyDocument) : undefined,
      tags: tagsOf(role.Tags),
    });
  }
  return principals;
}

function tagsOf(tags: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((tag) => tag.Key !== undefined).map((tag) => [tag.Key!, tag.Value ?? '']));
}
