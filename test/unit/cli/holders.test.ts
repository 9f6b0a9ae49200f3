import assert from 'node:assert/strict';
import { runHolders } from '../../../src/cli/holdersCommand';
import type { HoldersReport } from '../../../src/core/holders/index';
import { DELEGATED_ADMIN_SCENARIO, type SandboxHandle, startSandbox } from '../../../src/sandbox/index';

function buffers() {
  const out = { text: '' };
  const err = { text: '' };
  return { out, err, io: { stdout: { write: (t: string) => (out.text += t) }, stderr: { write: (t: string) => (err.text += t) } } };
}

describe('rootguard holders', function () {
  this.timeout(60_000);

  it('lists the sandbox’s seeded holders with their tasks and accounts, and exits 1 for unconditional password recovery everywhere', async () => {
    const { out, err, io } = buffers();
    const code = await runHolders(['--sandbox', '--format', 'json'], io);
    assert.equal(code, 1, err.text);
    const report = JSON.parse(out.text) as HoldersReport;
    const tasksOf = (name: string) =>
      report.holders
        .find((h) => h.name === name)!
        .grants.filter((g) => g.task !== 'FutureTaskPolicy')
        .map((g) => `${g.task}@${g.everyAccount ? '*' : g.accounts.join('+')}${g.unconditional ? '' : `[${g.conditionKinds.join()}]`}`);
    const every = (suffix = '') => ['IAMAuditRootUserCredentials', 'IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy'].map((t) => `${t}@*${suffix}`);
    assert.deepEqual(tasksOf('BreakGlassRoot'), every('[mfa]'));
    assert.deepEqual(tasksOf('VendorAdmin'), every());
    assert.deepEqual(tasksOf('RootAccessAdministrator'), every());
    assert.deepEqual(tasksOf('rootguard-ci-audit'), ['IAMAuditRootUserCredentials@*']);
    assert.deepEqual(tasksOf('ops-bob'), ['IAMCreateRootUserPassword@999900000003+999900000004[network]', 'IAMDeleteRootUserCredentials@999900000003+999900000004[network]']);
    assert.deepEqual(report.holders.slice(0, 3).map((h) => h.name).sort(), ['RootAccessAdministrator', 'VendorAdmin', 'rootguard-sandbox-admin']);
    assert.equal(report.holders[0].name, 'VendorAdmin');
    assert.deepEqual(report.scps, { status: 'managementAccount' });
    assert.match(err.text, /role VendorAdmin can open a password-recovery root session on every account without a condition/);
    assert.doesNotMatch(err.text, /BreakGlassRoot/);
  });

  it('prints a table with the deciding statement, and exits 0 once no one can recover a password everywhere unconditionally', async () => {
    const sandbox: SandboxHandle = await startSandbox({ accounts: 6 });
    try {
      const directory = sandbox.world.directories.get('999900000000')!;
      directory.users = directory.users.filter((u) => u.name !== 'rootguard-sandbox-admin');
      // Un-provisioning a permission set also removes its reserved role from the account.
      directory.roles = directory.roles.filter((r) => r.name !== 'VendorAdmin' && !r.name.startsWith('AWSReservedSSO_RootAccessAdministrator_'));
      const center = sandbox.world.identityCenter!;
      center.provisioned = center.provisioned.filter((p) => p.permissionSetArn !== center.permissionSets.find((s) => s.name === 'RootAccessAdministrator')!.arn);
      const { out, err, io } = buffers();
      const code = await runHolders(['--sandbox'], { ...io, seams: { sandbox } });
      assert.equal(code, 0, err.text);
      assert.match(out.text, /^RISK +PRINCIPAL +ROOT TASKS/);
      assert.match(out.text, /role BreakGlassRoot .*every account +aws:MultiFactorAuthPresent aws:MultiFactorAuthAge .*RootSessionsBreakGlass \(role managed\) line 4 \(BreakGlassRootSessionsWithMfa\)/);
      assert.doesNotMatch(out.text, /VendorAdmin|RootAccessAdministrator/);
    } finally {
      await sandbox.close();
    }
  });

  it('names the accounts a grant leaves out on stderr, as the table does, when it recovers passwords everywhere else', async () => {
    const sandbox: SandboxHandle = await startSandbox({ accounts: 6, seedHistory: false });
    try {
      const directory = sandbox.world.directories.get('999900000000')!;
      const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', NotResource: 'arn:aws:iam::999900000003:root' }] };
      const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999900000000:root' }, Action: 'sts:AssumeRole' }] };
      directory.roles.push({
        name: 'AllButOne', id: 'AROASANDBOX9000000001', arn: 'arn:aws:iam::999900000000:role/AllButOne', path: '/', createDate: new Date(),
        inlinePolicies: [{ name: 'root', document: JSON.stringify(policy) }], attached: [], trustPolicy: JSON.stringify(trust), tags: [],
      });
      const { out, err, io } = buffers();
      const code = await runHolders(['--sandbox'], { ...io, seams: { sandbox } });
      assert.equal(code, 1, err.text);
      assert.match(out.text, /role AllButOne .*every account except 999900000003 +none/);
      assert.match(err.text, /^rootguard holders: role AllButOne can open a password-recovery root session on every account except 999900000003 without a condition$/m);
    } finally {
      await sandbox.close();
    }
  });

  it('connected as the delegated administrator, applies its own SCPs: the denied task is listed as removed, with the SCP statement', async () => {
    const sandbox: SandboxHandle = await startSandbox({ accounts: 6, delegatedAdminHolders: true, seedHistory: false });
    try {
      const seams = { sandbox, clientSettings: { credentials: { kind: 'static' as const, credentials: sandbox.credentials.delegatedAdmin } } };
      const { out, err, io } = buffers();
      const code = await runHolders(['--sandbox'], { ...io, seams });
      assert.equal(code, 0, err.text);
      assert.match(out.text, /role SecurityRootAdmin +audit, delete credentials, unlock S3, unlock SQS, future tasks +every account +none /);
      assert.match(out.text, /\n +not password recovery \(removed by SCP\) .*denied by SCP p-sbxdarecov statement 1 \(NoPasswordRecoveryFromSecurity\), line 4\n/);
      assert.match(out.text, /role SecurityPasswordRecovery +not password recovery \(removed by SCP\)/);
      assert.match(out.text, /\nSCPs: applied, 3 on the path of 999900000001 \(r-\w+ > ou-[\w-]+ > 999900000001\): .*DenyPasswordRecoveryFromSecurity \(p-sbxdarecov\)\n/);
      const json = buffers();
      assert.equal(await runHolders(['--sandbox', '--format', 'json'], { ...json.io, seams }), 0);
      const report = JSON.parse(json.out.text) as HoldersReport;
      const recovery = report.holders.find((h) => h.name === DELEGATED_ADMIN_SCENARIO.recoveryRole)!;
      assert.deepEqual([recovery.capability, recovery.scpRemoves.map((r) => r.reason)], ['blockedByScp', ['denied by SCP p-sbxdarecov statement 1 (NoPasswordRecoveryFromSecurity), line 4']]);
      // Refused the policy listing, it says the SCPs were not checked and exits 2, never "clean".
      sandbox.world.policies.add({
        id: 'p-sbxnolist1', arn: 'arn:aws:organizations::999900000000:policy/o-sandbox0001/service_control_policy/p-sbxnolist1', name: 'NoPolicyListing', description: '',
        type: 'SERVICE_CONTROL_POLICY', awsManaged: false,
        content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:DescribePolicy', Resource: '*' }] }),
      });
      sandbox.world.policies.attach('p-sbxnolist1', '999900000001');
      const denied = buffers();
      assert.equal(await runHolders(['--sandbox'], { ...denied.io, seams }), 2);
      assert.match(denied.out.text, /\nSCPs: NOT CHECKED, the SCPs of 999900000001 could not be read \(PolicyAccessDenied\)/);
      assert.match(denied.err.text, /could not read SCPs of account 999900000001 \(PolicyAccessDenied\)/);
    } finally {
      await sandbox.close();
    }
  });

  it('connected as a plain member account, or with root sessions off: says no root session can open, and finds no holder to exit 1 for', async () => {
    const sandbox: SandboxHandle = await startSandbox({ accounts: 6, seedHistory: false });
    try {
      const member = { sandbox, clientSettings: { credentials: { kind: 'static' as const, credentials: sandbox.credentials.member } } };
      // Its own administrator could open every task, were it the management or delegated administrator account.
      const memberAccount = sandbox.world.accounts[2].id;
      const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
      const user = { name: 'member-admin', id: 'AIDAMEMBERADMIN00001', arn: `arn:aws:iam::${memberAccount}:user/member-admin`, path: '/', createDate: new Date('2024-01-01T00:00:00Z') };
      sandbox.world.directories.set(memberAccount, {
        users: [{ ...user, inlinePolicies: [{ name: 'admin', document: admin }], attached: [], groups: [], tags: [] }],
        groups: [],
        roles: [],
        managedPolicies: [],
      });
      const { out, err, io } = buffers();
      const code = await runHolders(['--sandbox'], { ...io, seams: member });
      assert.match(out.text, new RegExp(`\\nNo root session can open from ${memberAccount}: the caller is neither the management account nor the IAM delegated administrator\\. The grants are what its policies would allow\\.\\n`));
      assert.match(out.text, /user member-admin +audit, password recovery/);
      assert.doesNotMatch(err.text, /can open a password-recovery root session on every account/);
      assert.equal(code, 2, 'its own SCPs are not readable to it: said, never clean');

      sandbox.world.features.rootSessions = false;
      const off = buffers();
      assert.equal(await runHolders(['--sandbox'], { ...off.io, seams: { sandbox } }), 0, off.err.text);
      assert.match(off.out.text, /\nNo root session can open from \d+: root sessions are not enabled for the organization \(the RootSessions feature of IAM\)\./);
    } finally {
      await sandbox.close();
    }
  });

  it('rejects an unknown format with exit 2 and the usage', async () => {
    const { err, io } = buffers();
    assert.equal(await runHolders(['--format', 'yaml'], io), 2);
    assert.match(err.text, /--format must be one of/);
  });
});
