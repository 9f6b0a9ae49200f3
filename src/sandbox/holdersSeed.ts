/**
 * The management account's IAM and the Identity Center instance, seeded with the mix of root-session
 * holders an organization really has: its own admin user, a break-glass role that needs MFA, a vendor's
 * admin role trusted by an account outside the organization, a CI role that may only audit, an operators'
 * group limited to two accounts and an office network, a developer whose permissions boundary removes
 * AssumeRoot, and permission sets from "every task" down to read-only. Everything is deterministic.
 */
import { type AccountDirectory, type IamRole, type IdentityCenter, type ManagedPolicy, type PermissionSet } from './identity';
import { SANDBOX_USER_NAME } from './keyring';
import { taskPolicyArn } from './taskPolicies';
import type { World } from './world';

/** The break-glass role: the seeded CloudTrail history's sessions are opened through it too (trailSeed.ts). */
export const BREAK_GLASS_ROLE = { name: 'BreakGlassRoot', path: '/breakglass/' } as const;
/** The account outside the organization that the vendor role trusts (an AWS documentation example id). */
export const EXTERNAL_VENDOR_ACCOUNT = '111122223333';
const SEEDED_AT = new Date(Date.UTC(2025, 10, 14, 9, 30));
const INSTANCE_ID = 'ssoins-7223a1b0c9d8e7f6';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

/** AWS managed policies the seed attaches. ReadOnlyAccess is abbreviated to a few services. */
const AWS_MANAGED: Record<string, string> = {
  AdministratorAccess: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  PowerUserAccess: doc(
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    { Effect: 'Allow', Action: ['account:GetAccountInformation', 'account:ListRegions', 'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization'], Resource: '*' },
  ),
  ReadOnlyAccess: doc({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'organizations:Describe*', 'organizations:List*', 's3:Get*', 's3:List*', 'sqs:Get*', 'sqs:List*', 'sts:GetCallerIdentity'], Resource: '*' }),
  IAMUserChangePassword: doc(
    { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::*:user/${aws:username}'] },
    { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
  ),
};

function customerPolicies(members: readonly string[]): Record<string, string> {
  return {
    OrganizationAdministration: doc({ Sid: 'OrganizationAdministration', Effect: 'Allow', Action: ['organizations:*', 'sts:AssumeRoot', 'iam:*OrganizationsRoot*', 'iam:ListOrganizationsFeatures', 'iam:GetAccountSummary'], Resource: '*' }),
    RootSessionsBreakGlass: doc({
      Sid: 'BreakGlassRootSessionsWithMfa',
      Effect: 'Allow',
      Action: 'sts:AssumeRoot',
      Resource: 'arn:aws:iam::*:root',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
    }),
    RootSessionsAuditOnly: doc({
      Sid: 'AuditRootCredentialsOnly',
      Effect: 'Allow',
      Action: 'sts:AssumeRoot',
      Resource: 'arn:aws:iam::*:root',
      Condition: { StringEquals: { 'sts:TaskPolicyArn': taskPolicyArn('IAMAuditRootUserCredentials') } },
    }),
    DeveloperBoundary: doc(
      { Sid: 'EverythingButIdentityAndRoot', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'sts:AssumeRoot'], Resource: '*' },
      { Sid: 'ReadIdentity', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
    ),
    RootOperatorsPolicy: doc({
      Sid: 'RecoverAndCleanUpTwoAccountsFromTheOffice',
      Effect: 'Allow',
      Action: 'sts:AssumeRoot',
      Resource: members.map((m) => `arn:aws:iam::${m}:root`),
      Condition: {
        StringEquals: { 'sts:TaskPolicyArn': [taskPolicyArn('IAMDeleteRootUserCredentials'), taskPolicyArn('IAMCreateRootUserPassword')] },
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
      },
    }),
    // Attached to nothing, as every account has a few.
    LegacyBucketLister: doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: `arn:aws:s3:::*` }),
  };
}

const trust = (principal: object, condition?: object) =>
  doc({ Effect: 'Allow', Principal: principal, Action: principal && 'Federated' in principal ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });

/** Sandbox-looking ids: a real prefix, `SANDBOX`, and a digit outside base32 so scanners never match them. */
const idOf = (prefix: string, n: number) => `${prefix}SANDBOX9${String(n).padStart(9, '0')}`;

export function seedRootHolders(world: World): void {
  const account = world.organization.managementAccountId;
  const members = world.members.filter((m) => m.role === 'member').slice(1, 3).map((m) => m.id);
  const directory = buildDirectory(account, members);
  world.directories.set(account, directory);
  world.identityCenter = buildIdentityCenter(account, world.accounts.map((a) => a.id));
  for (const role of reservedSsoRoles(account, world.identityCenter)) directory.roles.push(role);
}

function buildDirectory(account: string, members: readonly string[]): AccountDirectory {
  let n = 0;
  const policy = (name: string, document: string, awsManaged: boolean): ManagedPolicy => ({
    name,
    arn: awsManaged ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${account}:policy/${name}`,
    id: idOf('ANPA', ++n),
    path: '/',
    document,
    createDate: SEEDED_AT,
    awsManaged,
  });
  const managedPolicies = [
    ...Object.entries(AWS_MANAGED).map(([name, text]) => policy(name, text, true)),
    ...Object.entries(customerPolicies(members)).map(([name, text]) => policy(name, text, false)),
  ];
  const ref = (name: string) => {
    const found = managedPolicies.find((p) => p.name === name)!;
    return { name: found.name, arn: found.arn };
  };
  const arn = (kind: string, path: string, name: string) => `arn:aws:iam::${account}:${kind}${path}${name}`;
  const user = (name: string, extra: Partial<AccountDirectory['users'][number]> = {}) => ({
    name, id: idOf('AIDA', ++n), arn: arn('user', '/', name), path: '/', createDate: SEEDED_AT, inlinePolicies: [], attached: [], groups: [], tags: [], ...extra,
  });
  const role = (name: string, path: string, trustPolicy: string, extra: Partial<IamRole> = {}): IamRole => ({
    name, id: idOf('AROA', ++n), arn: arn('role', path, name), path, createDate: SEEDED_AT, inlinePolicies: [], attached: [], trustPolicy, tags: [], ...extra,
  });
  return {
    managedPolicies,
    groups: [
      { name: 'RootOperators', id: idOf('AGPA', ++n), arn: arn('group', '/', 'RootOperators'), path: '/', createDate: SEEDED_AT, inlinePolicies: [], attached: [ref('RootOperatorsPolicy')] },
      { name: 'Developers', id: idOf('AGPA', ++n), arn: arn('group', '/', 'Developers'), path: '/', createDate: SEEDED_AT, inlinePolicies: [], attached: [ref('IAMUserChangePassword')] },
    ],
    users: [
      user(SANDBOX_USER_NAME, { inlinePolicies: [{ name: 'OrganizationAdministration', document: customerPolicies(members).OrganizationAdministration }] }),
      user('ops-bob', { groups: ['RootOperators'], attached: [ref('IAMUserChangePassword')], tags: [{ key: 'team', value: 'platform' }] }),
      user('dev-alice', { groups: ['Developers'], attached: [ref('PowerUserAccess')], boundary: ref('DeveloperBoundary').arn }),
      user('billing-reader', { attached: [ref('ReadOnlyAccess')] }),
    ],
    roles: [
      role(BREAK_GLASS_ROLE.name, BREAK_GLASS_ROLE.path, trust({ AWS: `arn:aws:iam::${account}:root` }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), {
        attached: [ref('RootSessionsBreakGlass')],
        tags: [{ key: 'purpose', value: 'break-glass' }],
      }),
      role('VendorAdmin', '/', trust({ AWS: `arn:aws:iam::${EXTERNAL_VENDOR_ACCOUNT}:root` }, { StringEquals: { 'sts:ExternalId': 'vendor-7f3a' } }), { attached: [ref('AdministratorAccess')] }),
      role(
        'rootguard-ci-audit',
        '/ci/',
        trust({ Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` }, {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example-org/rootguard-posture:ref:refs/heads/main' },
        }),
        { attached: [ref('RootSessionsAuditOnly')] },
      ),
      role('ReadOnlyAuditor', '/', trust({ AWS: `arn:aws:iam::${account}:root` }), { attached: [ref('ReadOnlyAccess')] }),
    ],
  };
}

function buildIdentityCenter(owner: string, accounts: readonly string[]): IdentityCenter {
  const ps = (n: number, fields: Omit<PermissionSet, 'arn' | 'createdDate' | 'sessionDuration' | 'managedPolicies' | 'customerManagedPolicies'> & Partial<PermissionSet>): PermissionSet => ({
    arn: `arn:aws:sso:::permissionSet/${INSTANCE_ID}/ps-${(0x5a1d0000 + n).toString(16).padStart(16, '0')}`,
    createdDate: SEEDED_AT,
    sessionDuration: 'PT1H',
    managedPolicies: [],
    customerManagedPolicies: [],
    ...fields,
  });
  const rootAdmin = ps(1, {
    name: 'RootAccessAdministrator',
    description: 'Centralized root access for the cloud platform team',
    inlinePolicy: doc({ Sid: 'EveryRootTask', Effect: 'Allow', Action: ['sts:AssumeRoot'], Resource: '*' }),
  });
  const powerUser = ps(2, {
    name: 'PowerUser',
    managedPolicies: [{ name: 'PowerUserAccess', arn: 'arn:aws:iam::aws:policy/PowerUserAccess' }],
    boundary: { customerManaged: { name: 'DeveloperBoundary', path: '/' } },
  });
  const readOnly = ps(3, { name: 'ReadOnly', managedPolicies: [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] });
  const auditor = ps(4, { name: 'RootAuditor', description: 'Audit member root users', customerManagedPolicies: [{ name: 'RootSessionsAuditOnly', path: '/' }] });
  const workload = ps(5, { name: 'WorkloadDeveloper', managedPolicies: [{ name: 'PowerUserAccess', arn: 'arn:aws:iam::aws:policy/PowerUserAccess' }] });
  const inManagement = [rootAdmin, powerUser, readOnly, auditor];
  const group = (n: number) => `9067${String(n).padStart(6, '0')}-sand-box0-0000-${String(n).padStart(12, '0')}`;
  return {
    instanceArn: `arn:aws:sso:::instance/${INSTANCE_ID}`,
    identityStoreId: 'd-9067sandbox',
    ownerAccountId: owner,
    name: 'sandbox-identity-center',
    createdDate: SEEDED_AT,
    permissionSets: [rootAdmin, powerUser, readOnly, auditor, workload],
    provisioned: [
      ...inManagement.map((p) => ({ accountId: owner, permissionSetArn: p.arn })),
      ...accounts.filter((a) => a !== owner).flatMap((a) => [readOnly, workload].map((p) => ({ accountId: a, permissionSetArn: p.arn }))),
    ],
    assignments: [
      { accountId: owner, permissionSetArn: rootAdmin.arn, principalType: 'GROUP', principalId: group(1) },
      { accountId: owner, permissionSetArn: rootAdmin.arn, principalType: 'USER', principalId: group(2) },
      { accountId: owner, permissionSetArn: powerUser.arn, principalType: 'GROUP', principalId: group(3) },
      { accountId: owner, permissionSetArn: readOnly.arn, principalType: 'GROUP', principalId: group(4) },
      { accountId: owner, permissionSetArn: auditor.arn, principalType: 'GROUP', principalId: group(5) },
    ],
  };
}

/**
 * The roles Identity Center creates for each permission set provisioned to the account
 * (`/aws-reserved/sso.amazonaws.com/AWSReservedSSO_<name>_<hex>`), trusted by its SAML provider.
 */
function reservedSsoRoles(account: string, center: IdentityCenter): IamRole[] {
  const path = '/aws-reserved/sso.amazonaws.com/';
  const saml = `arn:aws:iam::${account}:saml-provider/AWSSSO_0c9d8e7f6a1b2c3d_DO_NOT_DELETE`;
  return center.provisioned
    .filter((p) => p.accountId === account)
    .map((p, i) => {
      const set = center.permissionSets.find((s) => s.arn === p.permissionSetArn)!;
      const name = `AWSReservedSSO_${set.name}_${(0x1f2e3d4c + i * 7919).toString(16)}5b6a7980`;
      return {
        name,
        id: idOf('AROA', 900 + i),
        arn: `arn:aws:iam::${account}:role${path}${name}`,
        path,
        createDate: SEEDED_AT,
        inlinePolicies: set.inlinePolicy ? [{ name: 'AwsSSOInlinePolicy', document: set.inlinePolicy }] : [],
        attached: [...set.managedPolicies, ...set.customerManagedPolicies.map((c) => ({ name: c.name, arn: `arn:aws:iam::${account}:policy${c.path}${c.name}` }))],
        boundary: set.boundary && ('managedPolicyArn' in set.boundary ? set.boundary.managedPolicyArn : `arn:aws:iam::${account}:policy${set.boundary.customerManaged.path}${set.boundary.customerManaged.name}`),
        trustPolicy: doc({ Effect: 'Allow', Principal: { Federated: saml }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }),
        tags: [],
      };
    });
}
