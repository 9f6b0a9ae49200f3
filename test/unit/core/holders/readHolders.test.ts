import assert from 'node:assert/strict';
import { type AwsClients, createAwsClients } from '../../../../src/core/aws/clients';
import { findRootHolders } from '../../../../src/core/holders/index';
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/index';
import { rootSession } from '../../sandbox/helpers';

describe('root session holders read over the SDK from the sandbox', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandle;
  let clients: AwsClients;
  beforeEach(async () => {
    sandbox = await startSandbox({ accounts: 6 });
    clients = await clientsWith(sandbox.credentials.management);
  });
  afterEach(async () => {
    clients.destroy();
    await sandbox.close();
  });

  const clientsWith = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    createAwsClients({ credentials: { kind: 'static', credentials }, endpoint: sandbox.endpoint, region: sandbox.region, retryDelayMs: 1 });

  it('reads every seeded principal and permission set and finds the holders with their tasks and accounts', async () => {
    const report = await findRootHolders(clients);
    const directory = sandbox.world.directories.get('999900000000')!;
    const reserved = directory.roles.filter((r) => r.path.startsWith('/aws-reserved/')).length;
    // Users and roles, the reserved Identity Center roles shown as their permission sets instead.
    assert.equal(report.examined, directory.users.length + directory.roles.length - reserved + 4);
    const byName = new Map(report.holders.map((h) => [h.name, h]));
    const tasks = (name: string) => byName.get(name)!.grants.map((g) => g.task).filter((t) => t !== 'FutureTaskPolicy');
    assert.deepEqual(tasks('rootguard-ci-audit'), ['IAMAuditRootUserCredentials']);
    assert.deepEqual(tasks('RootAuditor'), ['IAMAuditRootUserCredentials']);
    const bob = byName.get('ops-bob')!;
    assert.deepEqual(bob.grants.map((g) => [g.task, g.accounts.join(), g.conditionKeys.join()]), [
      ['IAMCreateRootUserPassword', '999900000003,999900000004', 'aws:SourceIp'],
      ['IAMDeleteRootUserCredentials', '999900000003,999900000004', 'aws:SourceIp'],
    ]);
    assert.equal(bob.grants[0].deciding[0].policyArn, 'arn:aws:iam::999900000000:policy/RootOperatorsPolicy');
    assert.deepEqual(byName.get('BreakGlassRoot')!.grants[0].conditionKinds, ['mfa']);
    assert.deepEqual(byName.get('VendorAdmin')!.trust.map((t) => t.kind), ['externalAccount']);
    assert.equal(byName.get('VendorAdmin')!.grants[0].deciding[0].policyArn, 'arn:aws:iam::aws:policy/AdministratorAccess');
    assert.deepEqual(byName.get('RootAccessAdministrator')!.assignments!.map((a) => a.principalType), ['GROUP', 'USER']);
    assert.deepEqual([byName.get('dev-alice')!.capability, byName.get('PowerUser')!.capability], ['blockedByBoundary', 'blockedByBoundary']);
    assert.ok(!byName.has('ReadOnlyAuditor') && !byName.has('billing-reader'));
    assert.equal(report.holders[0].name, 'VendorAdmin');
    assert.deepEqual(report.gaps, []);
  });

  it("keeps an Identity Center role whose name only begins like a provisioned permission set's", async () => {
    const directory = sandbox.world.directories.get('999900000000')!;
    const provisioned = directory.roles.find((r) => r.name.startsWith('AWSReservedSSO_RootAccessAdministrator_'))!;
    // A permission set named RootAccessAdministrator_Legacy, no longer provisioned, left its role behind.
    const name = 'AWSReservedSSO_RootAccessAdministrator_Legacy_0123456789abcdef';
    directory.roles.push({ ...provisioned, name, arn: provisioned.arn.replace(provisioned.name, name), id: 'AROALEGACYROLE000001' });
    const report = await findRootHolders(clients);
    assert.deepEqual(report.holders.filter((h) => h.name.includes('RootAccessAdministrator')).map((h) => [h.kind, h.name]).sort(), [
      ['permissionSet', 'RootAccessAdministrator'],
      ['role', name],
    ]);
  });

  it('follows the authorization details over several pages and survives throttling', async () => {
    const directory = sandbox.world.directories.get('999900000000')!;
    for (let i = 0; i < 150; i++) {
      directory.users.push({ name: `filler-${i}`, id: `AIDASANDBOX8${String(i).padStart(8, '0')}`, arn: `arn:aws:iam::999900000000:user/filler-${i}`, path: '/', createDate: new Date(0), inlinePolicies: [], attached: [], groups: ['RootOperators'], tags: [] });
    }
    sandbox.setKnobs({ throttling: { rate: 0.3 } });
    sandbox.clearRequests();
    const report = await findRootHolders(clients);
    const details = sandbox.requests().filter((r) => r.operation === 'GetAccountAuthorizationDetails' && r.status === 200);
    assert.ok(details.length >= 2, `${details.length} pages`);
    assert.ok(sandbox.requests().some((r) => r.errorCode === 'Throttling'));
    // Every filler user is in RootOperators, so each is a holder for the operators' two accounts.
    assert.equal(report.holders.filter((h) => h.name.startsWith('filler-')).length, 150);
  });

  it('says which permission is missing when the caller may not read IAM', async () => {
    const session = await rootSession(sandbox, '999900000003', 'IAMAuditRootUserCredentials');
    const denied = await clientsWith(session);
    try {
      await assert.rejects(findRootHolders(denied), (err: Error & { code?: string }) => {
        assert.equal(err.code, 'MissingPermission');
        assert.match(err.message, /iam:GetAccountAuthorizationDetails/);
        return true;
      });
    } finally {
      denied.destroy();
    }
  });

  it('an account without Identity Center has no permission sets and no gap for them; its own SCPs, unreadable to an ordinary member, are one', async () => {
    const member = await clientsWith(sandbox.credentials.member);
    try {
      const report = await findRootHolders(member);
      assert.deepEqual([report.accountId, report.examined, report.gaps.map((g) => [g.part, g.code])], ['999900000002', 0, [['SCPs of account 999900000002', 'AccessDenied']]]);
      assert.equal(report.scps.status, 'notRead');
    } finally {
      member.destroy();
    }
  });

  it('stops at the abort signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(findRootHolders(clients, { signal: controller.signal }), (err: Error) => err.name === 'AbortError');
  });
});
