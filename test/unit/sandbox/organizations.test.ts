import assert from 'node:assert/strict';
import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  paginateListAccounts,
  RegisterDelegatedAdministratorCommand,
  type Account,
} from '@aws-sdk/client-organizations';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { taskPolicyArn } from '../../../src/core/root/taskPolicies';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { clientsFor, rejection } from './helpers';

describe('sandbox Organizations', () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 65, ouDepth: 5, suspendedAccounts: 3, emptyPageEvery: 2 });
  });
  after(() => sandbox.close());

  const orgs = () => clientsFor(sandbox, sandbox.credentials.management).orgs;

  it('the paginator walks every account, past empty pages that carry a NextToken', async () => {
    sandbox.clearRequests();
    const pages: number[] = [];
    const accounts: Account[] = [];
    for await (const page of paginateListAccounts({ client: orgs() }, { MaxResults: 20 })) {
      pages.push(page.Accounts?.length ?? 0);
      accounts.push(...(page.Accounts ?? []));
    }
    assert.ok(pages.includes(0), `expected an empty page, got ${pages.join(',')}`);
    assert.equal(pages.at(-1)! > 0, true);
    assert.deepEqual(accounts.map((a) => a.Id), sandbox.world.accounts.map((a) => a.id));
    assert.equal(sandbox.requests().filter((r) => r.operation === 'ListAccounts').length, pages.length);
  });

  it('accounts carry State and Status, JoinedTimestamp as a Date, and their Paths', async () => {
    const closed = sandbox.world.accounts.filter((a) => a.state !== 'ACTIVE');
    assert.equal(closed.length, 3);
    for (const truth of closed) {
      const { Account: a } = await orgs().send(new DescribeAccountCommand({ AccountId: truth.id }));
      assert.deepEqual([a?.State, a?.Status], [truth.state, truth.status]);
      assert.ok(a?.JoinedTimestamp instanceof Date);
      assert.equal(a?.JoinedTimestamp?.getTime(), truth.joinedTimestamp.getTime());
      assert.match(a!.Paths![0], new RegExp(`^o-[a-z0-9]{10,32}/r-sand/(ou-sand-\\d{8}/)*${truth.id}/$`));
    }
    assert.deepEqual(new Set(closed.map((a) => a.state)), new Set(['SUSPENDED', 'CLOSED', 'PENDING_CLOSURE']));
  });

  it('walks the tree from the root through OUs nested five deep', async () => {
    const { Roots } = await orgs().send(new ListRootsCommand({}));
    assert.equal(Roots?.[0].Id, sandbox.world.organization.rootId);
    let maxDepth = 0;
    const seen: string[] = [];
    const walk = async (parentId: string, depth: number): Promise<void> => {
      maxDepth = Math.max(maxDepth, depth);
      let token: string | undefined;
      do {
        const out = await orgs().send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken: token }));
        seen.push(...(out.Accounts ?? []).map((a) => a.Id!));
        token = out.NextToken;
      } while (token);
      const ous = await orgs().send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, MaxResults: 20 }));
      for (const ou of ous.OrganizationalUnits ?? []) await walk(ou.Id!, depth + 1);
    };
    await walk(Roots![0].Id!, 0);
    assert.equal(maxDepth, 5);
    assert.deepEqual(seen.sort(), sandbox.world.accounts.map((a) => a.id).sort());
  });

  it('ListParents, DescribeOrganization, service access and delegated administrators', async () => {
    const security = sandbox.world.accounts[1];
    const { Parents } = await orgs().send(new ListParentsCommand({ ChildId: security.id }));
    assert.deepEqual(Parents, [{ Id: security.parentId, Type: 'ORGANIZATIONAL_UNIT' }]);
    const { Organization } = await orgs().send(new DescribeOrganizationCommand({}));
    assert.equal(Organization?.MasterAccountId, sandbox.world.organization.managementAccountId);
    assert.equal(Organization?.FeatureSet, 'ALL');
    const access = await orgs().send(new ListAWSServiceAccessForOrganizationCommand({}));
    assert.deepEqual(access.EnabledServicePrincipals?.map((s) => s.ServicePrincipal), ['iam.amazonaws.com']);
    const admins = await orgs().send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'iam.amazonaws.com' }));
    assert.deepEqual(admins.DelegatedAdministrators?.map((d) => d.Id), [security.id]);
    assert.ok(admins.DelegatedAdministrators?.[0].DelegationEnabledDate instanceof Date);
  });

  it('answers bad input with InvalidInputException and a Reason, unknown ids with NotFound errors', async () => {
    const tooMany = await rejection(() => orgs().send(new ListAccountsCommand({ MaxResults: 21 })));
    assert.deepEqual([tooMany.name, tooMany.Reason], ['InvalidInputException', 'MAX_VALUE_EXCEEDED']);
    const badToken = await rejection(() => orgs().send(new ListAccountsCommand({ NextToken: 'bogus' })));
    assert.deepEqual([badToken.name, badToken.Reason], ['InvalidInputException', 'INVALID_NEXT_TOKEN']);
    const { NextToken } = await orgs().send(new ListAccountsCommand({ MaxResults: 2 }));
    const crossed = await rejection(() => orgs().send(new ListRootsCommand({ NextToken })));
    assert.equal(crossed.Reason, 'INVALID_NEXT_TOKEN');
    assert.equal((await rejection(() => orgs().send(new DescribeAccountCommand({ AccountId: '999988887777' })))).name, 'AccountNotFoundException');
    assert.equal((await rejection(() => orgs().send(new ListAccountsForParentCommand({ ParentId: 'ou-none-00000000' })))).name, 'ParentNotFoundException');
    assert.equal((await rejection(() => orgs().send(new ListParentsCommand({ ChildId: '999988887777' })))).name, 'ChildNotFoundException');
  });

  it('lets only the management account write and only it or a delegated admin list', async () => {
    const member = clientsFor(sandbox, sandbox.credentials.member).orgs;
    const denied = await rejection(() => member.send(new ListAccountsCommand({})));
    assert.deepEqual([denied.name, denied.$metadata.httpStatusCode], ['AccessDeniedException', 403]);
    assert.ok((await member.send(new DescribeOrganizationCommand({}))).Organization?.Id);
    const admin = clientsFor(sandbox, sandbox.credentials.delegatedAdmin).orgs;
    assert.ok((await admin.send(new ListAccountsCommand({}))).Accounts?.length);
    const write = await rejection(() => admin.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' })));
    assert.equal(write.name, 'AccessDeniedException');
  });
});

describe('sandbox Organizations: enabling centralized root access from scratch', () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 5, delegatedAdmin: false, features: { iamTrustedAccess: false }, suspendedAccounts: 1 });
  });
  after(() => sandbox.close());

  it('EnableAWSServiceAccess then RegisterDelegatedAdministrator lets the Security account call AssumeRoot', async () => {
    const orgs = clientsFor(sandbox, sandbox.credentials.management).orgs;
    const security = sandbox.world.accounts[1].id;
    const early = await rejection(() => orgs.send(new RegisterDelegatedAdministratorCommand({ AccountId: security, ServicePrincipal: 'iam.amazonaws.com' })));
    assert.deepEqual([early.name, early.Reason], ['ConstraintViolationException', 'SERVICE_ACCESS_NOT_ENABLED']);
    await orgs.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' }));
    assert.ok(sandbox.world.hasServiceAccess('iam.amazonaws.com'));
    const mgmt = await rejection(() => orgs.send(new RegisterDelegatedAdministratorCommand({ AccountId: sandbox.world.organization.managementAccountId, ServicePrincipal: 'iam.amazonaws.com' })));
    assert.equal(mgmt.Reason, 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR');
    const suspended = sandbox.world.accounts.find((a) => a.state !== 'ACTIVE')!;
    const susp = await rejection(() => orgs.send(new RegisterDelegatedAdministratorCommand({ AccountId: suspended.id, ServicePrincipal: 'iam.amazonaws.com' })));
    assert.equal(susp.Reason, 'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR');

    const assume = () =>
      clientsFor(sandbox, sandbox.credentials.delegatedAdmin).sts.send(
        new AssumeRootCommand({ TargetPrincipal: sandbox.world.accounts[2].id, TaskPolicyArn: { arn: taskPolicyArn('IAMAuditRootUserCredentials') } }),
      );
    assert.equal((await rejection(assume)).name, 'AccessDenied');
    await orgs.send(new RegisterDelegatedAdministratorCommand({ AccountId: security, ServicePrincipal: 'iam.amazonaws.com' }));
    assert.ok(sandbox.world.isDelegatedAdmin(security, 'iam.amazonaws.com'));
    const again = await rejection(() => orgs.send(new RegisterDelegatedAdministratorCommand({ AccountId: security, ServicePrincipal: 'iam.amazonaws.com' })));
    assert.equal(again.name, 'AccountAlreadyRegisteredException');
    assert.ok((await assume()).Credentials?.SessionToken);
  });
});
