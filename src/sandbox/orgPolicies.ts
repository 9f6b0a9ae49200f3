/**
 * The organization's authorization policies (SCPs and RCPs) as plain data: each policy's document text, and
 * which targets (the root `r-...`, an OU `ou-...`, an account id) it is attached to. Organizations serves
 * them (services/organizationsPolicies.ts) and the sandbox enforces them on its own (orgGuard.ts).
 */

export type OrgPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export const ORG_POLICY_TYPES: readonly OrgPolicyType[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

export interface OrgPolicy {
  /** `p-` and 8-128 letters, digits or `_` (`p-FullAWSAccess` for the AWS managed one). */
  id: string;
  arn: string;
  name: string;
  description: string;
  type: OrgPolicyType;
  awsManaged: boolean;
  /** The policy document exactly as stored and served by DescribePolicy. */
  content: string;
}

/** Largest document Organizations accepts, in characters (orgs_reference_limits: SCP 10,240 since May 2026, RCP 5,120). */
export const MAX_POLICY_CHARS: Record<OrgPolicyType, number> = { SERVICE_CONTROL_POLICY: 10_240, RESOURCE_CONTROL_POLICY: 5_120 };

const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The AWS managed allow-all SCP Organizations attaches to the root, every OU and every account. */
export const FULL_AWS_ACCESS: OrgPolicy = {
  id: 'p-FullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  name: 'FullAWSAccess',
  description: 'Allows access to every operation',
  type: 'SERVICE_CONTROL_POLICY',
  awsManaged: true,
  content: JSON.stringify(ALLOW_ALL, null, 2),
};

/** The AWS managed allow-all RCP; it stays attached everywhere and cannot be detached. */
export const RCP_FULL_AWS_ACCESS: OrgPolicy = {
  id: 'p-RCPFullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess',
  name: 'RCPFullAWSAccess',
  description: 'Allows access to every operation',
  type: 'RESOURCE_CONTROL_POLICY',
  awsManaged: true,
  content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }, null, 2),
};

export function customerPolicyArn(managementAccountId: string, orgId: string, type: OrgPolicyType, id: string): string {
  return `arn:aws:organizations::${managementAccountId}:policy/${orgId}/${type.toLowerCase()}/${id}`;
}

/** Every policy, its attachments in both directions, and which policy types are enabled on the root. */
export class OrgPolicies {
  readonly policies: OrgPolicy[] = [];
  /** Policy types enabled on the root (ListRoots `PolicyTypes`); a disabled type is neither listed on targets nor enforced. */
  readonly enabledTypes = new Set<OrgPolicyType>();
  private readonly byId = new Map<string, OrgPolicy>();
  /** Sets keep attachment order and make attaching FullAWSAccess to thousands of accounts linear. */
  private readonly targetsByPolicy = new Map<string, Set<string>>();
  private readonly policiesByTarget = new Map<string, string[]>();

  add(policy: OrgPolicy): OrgPolicy {
    if (this.byId.has(policy.id)) throw new Error(`duplicate policy ${policy.id}`);
    this.policies.push(policy);
    this.byId.set(policy.id, policy);
    this.targetsByPolicy.set(policy.id, new Set());
    return policy;
  }

  find(id: string): OrgPolicy | undefined {
    return this.byId.get(id);
  }

  attach(policyId: string, targetId: string): void {
    const targets = this.targetsByPolicy.get(policyId);
    if (!targets) throw new Error(`no policy ${policyId}`);
    if (targets.has(targetId)) return;
    targets.add(targetId);
    const attached = this.policiesByTarget.get(targetId);
    if (attached) attached.push(policyId);
    else this.policiesByTarget.set(targetId, [policyId]);
  }

  detach(policyId: string, targetId: string): void {
    this.targetsByPolicy.get(policyId)?.delete(targetId);
    this.policiesByTarget.set(targetId, (this.policiesByTarget.get(targetId) ?? []).filter((id) => id !== policyId));
  }

  /** Targets in attachment order. */
  targetsOf(policyId: string): readonly string[] {
    return [...(this.targetsByPolicy.get(policyId) ?? [])];
  }

  /** Policies of `type` attached directly to `targetId`, in attachment order. */
  attachedTo(targetId: string, type: OrgPolicyType): OrgPolicy[] {
    return (this.policiesByTarget.get(targetId) ?? []).map((id) => this.byId.get(id)!).filter((p) => p.type === type);
  }
}
