import assert from 'node:assert/strict';
import { runHolders } from '../../../src/cli/holdersCommand';
import type { HoldersReport } from '../../../src/core/holders/index';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index';

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

  it('rejects an unknown format with exit 2 and the usage', async () => {
    const { err, io } = buffers();
    assert.equal(await runHolders(['--format', 'yaml'], io), 2);
    assert.match(err.text, /--format must be one of/);
  });
});
