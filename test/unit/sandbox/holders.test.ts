import assert from 'node:assert/strict';
import { GetAccountAuthorizationDetailsCommand, GetPolicyCommand, GetPolicyVersionCommand, paginateGetAccountAuthorizationDetails, type IAMClient } from '@aws-sdk/client-iam';
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  paginateListPermissionSets,
  paginateListPermissionSetsProvisionedToAccount,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { clientsFor, type Creds, rejection, rootSession } from './helpers';

describe('sandbox IAM authorization details and Identity Center', () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 6 });
  });
  after(() => sandbox.close());

  const iam = (creds: Creds = sandbox.credentials.management): IAMClient => clientsFor(sandbox, creds).iam;
  const sso = (creds: Creds = sandbox.credentials.management) => new SSOAdminClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: creds, maxAttempts: 1 });
  const management = () => sandbox.world.directories.get(sandbox.world.organization.managementAccountId)!;

  it('pages the authorization details two items at a time, users, groups, roles then policies', async () => {
    const pages = [];
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam(), pageSize: 2 }, {})) pages.push(page);
    const users = pages.flatMap((p) => p.UserDetailList ?? []);
    const roles = pages.flatMap((p) => p.RoleDetailList ?? []);
    const policies = pages.flatMap((p) => p.Policies ?? []);
    const total = users.length + pages.flatMap((p) => p.GroupDetailList ?? []).length + roles.length + policies.length;
    assert.equal(pages.length, Math.ceil(total / 2));
    assert.ok(pages.slice(0, -1).every((p) => p.IsTruncated === true && p.Marker));
    assert.equal(pages.at(-1)!.IsTruncated, false);
    assert.deepEqual(users.map((u) => u.UserName), management().users.map((u) => u.name));
    assert.deepEqual(roles.map((r) => r.RoleName), management().roles.map((r) => r.name));
    // Every seeded AWS managed policy is attached to something, so all are listed.
    assert.deepEqual(policies.map((p) => p.PolicyName), management().managedPolicies.map((p) => p.name));
  });

  it('sends policy documents URL-encoded, as IAM does', async () => {
    const out = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    assert.deepEqual([out.UserDetailList, out.Policies], [[], []]);
    const breakGlass = out.RoleDetailList!.find((r) => r.RoleName === 'BreakGlassRoot')!;
    assert.match(breakGlass.AssumeRolePolicyDocument!, /^%7B%0A/);
    const trust = JSON.parse(decodeURIComponent(breakGlass.AssumeRolePolicyDocument!));
    assert.deepEqual(trust.Statement[0].Condition, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
    assert.deepEqual(breakGlass.AttachedManagedPolicies, [{ PolicyName: 'RootSessionsBreakGlass', PolicyArn: 'arn:aws:iam::999900000000:policy/RootSessionsBreakGlass' }]);
    const users = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'] }));
    const alice = users.UserDetailList!.find((u) => u.UserName === 'dev-alice')!;
    assert.deepEqual(alice.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: 'arn:aws:iam::999900000000:policy/DeveloperBoundary' });
    assert.deepEqual(alice.GroupList, ['Developers']);
  });

  it('filters policies by kind and refuses an unknown filter', async () => {
    const aws = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ['AWSManagedPolicy'] }));
    assert.ok(aws.Policies!.length > 0 && aws.Policies!.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/')));
    const local = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }));
    assert.ok(local.Policies!.every((p) => p.Arn!.startsWith('arn:aws:iam::999900000000:policy/')));
    const document = JSON.parse(decodeURIComponent(local.Policies!.find((p) => p.PolicyName === 'RootSessionsAuditOnly')!.PolicyVersionList![0].Document!));
    assert.equal(document.Statement[0].Condition.StringEquals['sts:TaskPolicyArn'], 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials');
    const bad = await rejection(() => iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Bucket' as never] })));
    assert.equal(bad.name, 'ValidationError');
  });

  it('lists an AWS managed policy only while something in the account attaches it', async () => {
    const vendor = management().roles.find((r) => r.name === 'VendorAdmin')!;
    const attached = vendor.attached;
    vendor.attached = [];
    try {
      const out = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ['AWSManagedPolicy'] }));
      assert.ok(!out.Policies!.some((p) => p.PolicyName === 'AdministratorAccess'));
      assert.ok(out.Policies!.some((p) => p.PolicyName === 'PowerUserAccess'));
    } finally {
      vendor.attached = attached;
    }
  });

  it('reads an AWS managed policy document with GetPolicy and GetPolicyVersion', async () => {
    const arn = 'arn:aws:iam::aws:policy/PowerUserAccess';
    const policy = await iam().send(new GetPolicyCommand({ PolicyArn: arn }));
    const version = await iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.Policy!.DefaultVersionId }));
    assert.deepEqual(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)).Statement[0].NotAction, ['iam:*', 'organizations:*', 'account:*']);
    assert.equal((await rejection(() => iam().send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' })))).name, 'NoSuchEntityException');
  });

  it('an account without seeded IAM answers empty lists', async () => {
    const out = await iam(sandbox.credentials.member).send(new GetAccountAuthorizationDetailsCommand({}));
    assert.deepEqual([out.UserDetailList, out.RoleDetailList, out.IsTruncated], [[], [], false]);
  });

  it('a root session may not read them', async () => {
    const session = await rootSession(sandbox, sandbox.world.accounts[3].id, 'IAMAuditRootUserCredentials');
    const err = await rejection(() => iam(session).send(new GetAccountAuthorizationDetailsCommand({})));
    assert.equal(err.name, 'AccessDenied');
    assert.match(err.message, /iam:GetAccountAuthorizationDetails/);
    const ssoErr = await rejection(() => sso(session).send(new ListInstancesCommand({})));
    assert.deepEqual([ssoErr.name, ssoErr.$metadata.httpStatusCode], ['AccessDeniedException', 403]);
  });

  it('lists the instance and the permission sets provisioned to the management account, page by page', async () => {
    const instances = await sso().send(new ListInstancesCommand({}));
    assert.equal(instances.Instances!.length, 1);
    const instanceArn = instances.Instances![0].InstanceArn!;
    assert.equal(instances.Instances![0].OwnerAccountId, sandbox.world.organization.managementAccountId);
    const all: string[] = [];
    let pages = 0;
    for await (const page of paginateListPermissionSets({ client: sso(), pageSize: 2 }, { InstanceArn: instanceArn })) {
      all.push(...page.PermissionSets!);
      pages++;
    }
    assert.deepEqual(all, sandbox.world.identityCenter!.permissionSets.map((p) => p.arn));
    assert.equal(pages, 3);
    const provisioned: string[] = [];
    for await (const page of paginateListPermissionSetsProvisionedToAccount({ client: sso(), pageSize: 1 }, { InstanceArn: instanceArn, AccountId: '999900000000' })) provisioned.push(...page.PermissionSets!);
    const names = await Promise.all(provisioned.map(async (arn) => (await sso().send(new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }))).PermissionSet!.Name));
    assert.deepEqual(names, ['RootAccessAdministrator', 'PowerUser', 'ReadOnly', 'RootAuditor']);
    const member = await sso(sandbox.credentials.member).send(new ListInstancesCommand({}));
    assert.deepEqual(member.Instances, []);
  });

  it('serves what each permission set grants, its boundary and its assignments', async () => {
    const center = sandbox.world.identityCenter!;
    const byName = (name: string) => center.permissionSets.find((p) => p.name === name)!.arn;
    const input = (name: string) => ({ InstanceArn: center.instanceArn, PermissionSetArn: byName(name) });
    const inline = await sso().send(new GetInlinePolicyForPermissionSetCommand(input('RootAccessAdministrator')));
    assert.deepEqual(JSON.parse(inline.InlinePolicy!).Statement[0].Action, ['sts:AssumeRoot']);
    assert.equal((await sso().send(new GetInlinePolicyForPermissionSetCommand(input('ReadOnly')))).InlinePolicy, '');
    const managed = await sso().send(new ListManagedPoliciesInPermissionSetCommand(input('PowerUser')));
    assert.deepEqual(managed.AttachedManagedPolicies, [{ Name: 'PowerUserAccess', Arn: 'arn:aws:iam::aws:policy/PowerUserAccess' }]);
    const customer = await sso().send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand(input('RootAuditor')));
    assert.deepEqual(customer.CustomerManagedPolicyReferences, [{ Name: 'RootSessionsAuditOnly', Path: '/' }]);
    const boundary = await sso().send(new GetPermissionsBoundaryForPermissionSetCommand(input('PowerUser')));
    assert.deepEqual(boundary.PermissionsBoundary, { CustomerManagedPolicyReference: { Name: 'DeveloperBoundary', Path: '/' } });
    assert.equal((await rejection(() => sso().send(new GetPermissionsBoundaryForPermissionSetCommand(input('ReadOnly'))))).name, 'ResourceNotFoundException');
    const assignments = await sso().send(new ListAccountAssignmentsCommand({ ...input('RootAccessAdministrator'), AccountId: '999900000000', MaxResults: 1 }));
    assert.equal(assignments.AccountAssignments!.length, 1);
    assert.ok(assignments.NextToken);
    const rest = await sso().send(new ListAccountAssignmentsCommand({ ...input('RootAccessAdministrator'), AccountId: '999900000000', NextToken: assignments.NextToken }));
    assert.deepEqual([...assignments.AccountAssignments!, ...rest.AccountAssignments!].map((a) => a.PrincipalType), ['GROUP', 'USER']);
    assert.equal(rest.NextToken, undefined);
  });
});
