/**
 * The SCPs and RCPs the sandbox organization is seeded with: shapes found in real organizations (Control
 * Tower's root restriction with and without its AssumeRoot exemption, a Landing Zone Accelerator style
 * `NotAction` root deny, a region deny, a root deny outside a corporate network, an account whose SCPs allow
 * only some services, an RCP on S3). Documents are written partition-neutral (`arn:*:`) as the field writes them.
 */
import { customerPolicyArn, FULL_AWS_ACCESS, OrgPolicies, RCP_FULL_AWS_ACCESS, type OrgPolicy, type OrgPolicyType } from './orgPolicies';

/** How a root-blocked account is blocked; seeded accounts take these in turn. */
export type BlockingShape = 'controlTowerRootDeny' | 'lzaRootNotAction' | 'rootOutsideCorporateNetwork' | 'noFullAwsAccess';

export const BLOCKING_SHAPES: readonly BlockingShape[] = ['controlTowerRootDeny', 'lzaRootNotAction', 'rootOutsideCorporateNetwork', 'noFullAwsAccess'];

/** Ids of the seeded customer policies, for tests and the README. */
export const SEEDED_POLICY_IDS = {
  controlTowerRootDeny: 'p-sbxctroot1',
  controlTowerRootDenyExempt: 'p-sbxctroot2',
  lzaRootNotAction: 'p-sbxlzaroot',
  regionDeny: 'p-sbxregion1',
  rootOutsideCorporateNetwork: 'p-sbxsrcip01',
  computeAndStorageOnly: 'p-sbxallow01',
  protectS3BucketPolicies: 'p-sbxrcps301',
} as const;

/** The corporate ranges the SourceIp policy trusts; the sandbox's own clients (127.0.0.1) are outside them. */
export const CORPORATE_CIDRS = ['198.51.100.0/24', '2001:db8:1234::/48'];
/** Regions the region deny leaves open; the sandbox's default region is one of them. */
export const APPROVED_REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];

const ROOT_ARN = 'arn:*:iam::*:root';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

const CONTROL_TOWER_ROOT = { Sid: 'GRRESTRICTROOTUSER', Effect: 'Deny', Action: '*', Resource: ['*'], Condition: { StringLike: { 'aws:PrincipalArn': [ROOT_ARN] } } };

const DOCUMENTS: Record<keyof typeof SEEDED_POLICY_IDS, [name: string, description: string, type: OrgPolicyType, content: string]> = {
  controlTowerRootDeny: ['aws-guardrails-RestrictRootUser', 'Control Tower: disallow actions as a root user', 'SERVICE_CONTROL_POLICY', doc(CONTROL_TOWER_ROOT)],
  controlTowerRootDenyExempt: [
    'aws-guardrails-RestrictRootUserExemptAssumeRoot',
    'Control Tower: disallow actions as a root user, ExemptAssumeRoot',
    'SERVICE_CONTROL_POLICY',
    doc({ ...CONTROL_TOWER_ROOT, Condition: { StringLike: { 'aws:PrincipalArn': [ROOT_ARN] }, Null: { 'aws:AssumedRoot': 'true' } } }),
  ],
  lzaRootNotAction: [
    'AcceleratorGuardrails-Root',
    'Landing Zone Accelerator style: deny the root user everything but bucket policy repair',
    'SERVICE_CONTROL_POLICY',
    doc(
      { Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
      {
        Sid: 'DenyRootUser',
        Effect: 'Deny',
        NotAction: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
        Resource: '*',
        Condition: { ArnLike: { 'aws:PrincipalArn': ROOT_ARN } },
      },
    ),
  ],
  regionDeny: [
    'DenyOutsideApprovedRegions',
    'Deny regional services outside the approved regions',
    'SERVICE_CONTROL_POLICY',
    doc({
      Sid: 'DenyUnapprovedRegions',
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*', 'organizations:*', 'account:*', 'support:*', 'cloudfront:*', 'route53:*', 'health:*', 's3:ListAllMyBuckets', 's3:GetAccountPublic*'],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': APPROVED_REGIONS },
        ArnNotLike: { 'aws:PrincipalArn': ['arn:*:iam::*:role/OrganizationAccountAccessRole'] },
      },
    }),
  ],
  rootOutsideCorporateNetwork: [
    'DenyRootOutsideCorporateNetwork',
    'Root user actions only from the corporate network',
    'SERVICE_CONTROL_POLICY',
    doc({
      Sid: 'DenyRootFromElsewhere',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': ROOT_ARN }, NotIpAddress: { 'aws:SourceIp': CORPORATE_CIDRS } },
    }),
  ],
  computeAndStorageOnly: [
    'AllowComputeAndStorageOnly',
    'Replaces FullAWSAccess: only compute, storage and monitoring',
    'SERVICE_CONTROL_POLICY',
    doc({ Sid: 'AllowListedServices', Effect: 'Allow', Action: ['ec2:*', 's3:*', 'cloudwatch:*', 'logs:*'], Resource: '*' }),
  ],
  protectS3BucketPolicies: [
    'ProtectS3BucketPolicies',
    'Only the platform role changes bucket policies',
    'RESOURCE_CONTROL_POLICY',
    doc({
      Sid: 'DenyBucketPolicyChanges',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:*:iam::*:role/PlatformAdministrator' } },
    }),
  ],
};

export interface PolicyLayout {
  orgId: string;
  managementAccountId: string;
  rootId: string;
  /** Every OU id and every account id: FullAWSAccess and RCPFullAWSAccess are attached to each, as Organizations does. */
  ouIds: string[];
  accountIds: string[];
  workloadsOuId?: string;
  legacyOuId?: string;
  /** Root-blocked accounts and how each is blocked. */
  blocked: { accountId: string; shape: BlockingShape }[];
}

export function seedOrgPolicies(layout: PolicyLayout): OrgPolicies {
  const store = new OrgPolicies();
  store.enabledTypes.add('SERVICE_CONTROL_POLICY');
  store.enabledTypes.add('RESOURCE_CONTROL_POLICY');
  store.add({ ...FULL_AWS_ACCESS });
  store.add({ ...RCP_FULL_AWS_ACCESS });
  const seeded = {} as Record<keyof typeof SEEDED_POLICY_IDS, OrgPolicy>;
  for (const [key, id] of Object.entries(SEEDED_POLICY_IDS) as [keyof typeof SEEDED_POLICY_IDS, string][]) {
    const [name, description, type, content] = DOCUMENTS[key];
    seeded[key] = store.add({ id, arn: customerPolicyArn(layout.managementAccountId, layout.orgId, type, id), name, description, type, awsManaged: false, content });
  }
  for (const target of [layout.rootId, ...layout.ouIds, ...layout.accountIds]) {
    store.attach(FULL_AWS_ACCESS.id, target);
    store.attach(RCP_FULL_AWS_ACCESS.id, target);
  }
  store.attach(seeded.regionDeny.id, layout.rootId);
  store.attach(seeded.controlTowerRootDenyExempt.id, layout.workloadsOuId ?? layout.rootId);
  if (layout.legacyOuId) store.attach(seeded.controlTowerRootDeny.id, layout.legacyOuId);
  for (const { accountId, shape } of layout.blocked) {
    switch (shape) {
      case 'controlTowerRootDeny':
        // Such accounts sit in the LegacyRootDeny OU; without OUs the policy goes on the account itself.
        if (!layout.legacyOuId) store.attach(seeded.controlTowerRootDeny.id, accountId);
        break;
      case 'lzaRootNotAction':
        store.attach(seeded.lzaRootNotAction.id, accountId);
        store.attach(seeded.protectS3BucketPolicies.id, accountId);
        break;
      case 'rootOutsideCorporateNetwork':
        store.attach(seeded.rootOutsideCorporateNetwork.id, accountId);
        break;
      case 'noFullAwsAccess':
        store.detach(FULL_AWS_ACCESS.id, accountId);
        store.attach(seeded.computeAndStorageOnly.id, accountId);
        break;
    }
  }
  return store;
}
