import assert from 'node:assert/strict';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { type AwsClients, createAwsClients } from '../../../../src/core/aws/clients';
import { findRootHolders } from '../../../../src/core/holders/index';
import { readOwnScps } from '../../../../src/core/holders/ownScps';
import { DELEGATED_ADMIN_SCENARIO, startSandbox, type SandboxHandle } from '../../../../src/sandbox/index';
import { clientsFor, rejection } from '../../sandbox/helpers';

const TASK_ARN = (task: string) => `arn:aws:iam::aws:policy/root-task/${task}`;
const SECURITY = '999900000001';
const MEMBER = '999900000003';

describe('root session holders of the delegated administrator, within its own SCPs (sandbox over the SDK)', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandle;
  let clients: AwsClients;
  beforeEach(async () => {
    sandbox = await startSandbox({ accounts: 6, delegatedAdminHolders: true, seedHistory: false });
    clients = await createAwsClients({ credentials: { kind: 'static', credentials: sandbox.credentials.delegatedAdmin }, endpoint: sandbox.endpoint, region: sandbox.region, retryDelayMs: 1 });
  });
  afterEach(async () => {
    clients.destroy();
    await sandbox.close();
  });

  const tasksOf = (report: Awaited<ReturnType<typeof findRootHolders>>, name: string) =>
    report.holders.find((h) => h.name === name)!.grants.map((g) => g.task).filter((t) => t !== 'FutureTaskPolicy');

  it('applies the SCPs on the account path: the SCP denying password recovery removes it from every holder, with the deciding statement', async () => {
    const report = await findRootHolders(clients);
    assert.equal(report.accountId, SECURITY);
    assert.equal(report.scps.status, 'applied');
    assert.ok(report.scps.status === 'applied');
    assert.deepEqual(report.scps.targets.at(-1), SECURITY);
    assert.equal(report.scps.targets[0], sandbox.world.organization.rootId);
    assert.ok(report.scps.policies.some((p) => p.id === DELEGATED_ADMIN_SCENARIO.scpId && p.targets.join() === SECURITY));
    assert.deepEqual(report.gaps, []);
    const everyButRecovery = ['IAMAuditRootUserCredentials', 'IAMDeleteRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy'];
    assert.deepEqual(tasksOf(report, DELEGATED_ADMIN_SCENARIO.rootAdminRole), everyButRecovery);
    assert.deepEqual(tasksOf(report, 'rootguard-sandbox-admin'), everyButRecovery);
    assert.deepEqual(tasksOf(report, DELEGATED_ADMIN_SCENARIO.auditorRole), ['IAMAuditRootUserCredentials']);
    const admin = report.holders.find((h) => h.name === DELEGATED_ADMIN_SCENARIO.rootAdminRole)!;
    assert.deepEqual(admin.scpRemoves.map((r) => [r.task, r.statements.map((s) => `${s.policy}#${s.statement}:${s.sid}@${s.line}`)]), [
      ['IAMCreateRootUserPassword', [`${DELEGATED_ADMIN_SCENARIO.scpId}#0:NoPasswordRecoveryFromSecurity@4`]],
    ]);
    assert.match(admin.scpRemoves[0].reason, /^denied by SCP p-sbxdarecov statement 1 \(NoPasswordRecoveryFromSecurity\), line 4$/);
    // The granting statement is the role's own, not the SCPs' FullAWSAccess that lets it through.
    assert.deepEqual(admin.grants[0].deciding.map((d) => d.policy), ['EveryRootTask (role inline)']);
    const recovery = report.holders.find((h) => h.name === DELEGATED_ADMIN_SCENARIO.recoveryRole)!;
    assert.deepEqual([recovery.capability, recovery.grants.length, recovery.scpRemoves.map((r) => r.task)], ['blockedByScp', 0, ['IAMCreateRootUserPassword']]);
    assert.equal(report.holders.find((h) => h.name === DELEGATED_ADMIN_SCENARIO.auditorRole)!.scpRemoves.length, 0);
  });

  it('agrees with the sandbox’s own enforcement: the delegated administrator’s password recovery is refused, its audit opens', async () => {
    const sts = clientsFor(sandbox, sandbox.credentials.delegatedAdmin).sts;
    const refused = await rejection(() => sts.send(new AssumeRootCommand({ TargetPrincipal: MEMBER, TaskPolicyArn: { arn: TASK_ARN('IAMCreateRootUserPassword') } })));
    assert.match(refused.message, /explicit deny in a service control policy/);
    const audit = await sts.send(new AssumeRootCommand({ TargetPrincipal: MEMBER, TaskPolicyArn: { arn: TASK_ARN('IAMAuditRootUserCredentials') } }));
    assert.ok(audit.Credentials?.AccessKeyId);
  });

  it('says the SCPs were not checked, as a gap, when the account may not read them, and shows the grants unfiltered', async () => {
    // An SCP on the Security account itself refuses it the policy listing.
    sandbox.world.policies.add({
      id: 'p-sbxnolist1', arn: 'arn:aws:organizations::999900000000:policy/o-sandbox0001/service_control_policy/p-sbxnolist1', name: 'NoPolicyListing', description: '',
      type: 'SERVICE_CONTROL_POLICY', awsManaged: false,
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:ListPolicies', Resource: '*' }] }),
    });
    sandbox.world.policies.attach('p-sbxnolist1', SECURITY);
    const report = await findRootHolders(clients);
    assert.equal(report.scps.status, 'notRead');
    assert.deepEqual(report.gaps.map((g) => [g.part, g.code]), [[`SCPs of account ${SECURITY}`, 'PolicyAccessDenied']]);
    assert.match(report.gaps[0].message, /ListPolicies was denied.*may limit its principals further; they were not applied/);
    assert.ok(tasksOf(report, DELEGATED_ADMIN_SCENARIO.rootAdminRole).includes('IAMCreateRootUserPassword'));
    assert.equal(report.holders.find((h) => h.name === DELEGATED_ADMIN_SCENARIO.recoveryRole)!.capability, 'recoveryOrDeletionEveryAccount');
  });

  it('reads the account\'s organization and path, for its roles\' aws:ResourceOrgID and aws:ResourceOrgPaths, and the management account, no root session\'s target', async () => {
    const { id, rootId, managementAccountId } = sandbox.world.organization;
    const own = await readOwnScps(clients.organizations(), SECURITY);
    const path = own.check.status === 'applied' ? own.check.targets.slice(0, -1) : [];
    assert.deepEqual(own.owner, { organization: id, orgPath: `${id}/${path.join('/')}/` });
    assert.equal(path[0], rootId);
    assert.equal(own.managementAccount, managementAccountId);
  });

  it('reports the management account as exempt from SCPs, its holders unfiltered', async () => {
    const management = await createAwsClients({ credentials: { kind: 'static', credentials: sandbox.credentials.management }, endpoint: sandbox.endpoint, region: sandbox.region, retryDelayMs: 1 });
    try {
      const report = await findRootHolders(management);
      assert.deepEqual(report.scps, { status: 'managementAccount' });
      // It sits at the root: its principals' aws:PrincipalOrgPaths is the root's path.
      const { id, rootId, managementAccountId } = sandbox.world.organization;
      assert.deepEqual((await readOwnScps(management.organizations(), managementAccountId)).owner, { organization: id, orgPath: `${id}/${rootId}/` });
      assert.ok(report.holders.every((h) => h.scpRemoves.length === 0));
    } finally {
      management.destroy();
    }
  });
});
