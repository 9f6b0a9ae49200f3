import assert from 'node:assert/strict';
import { pairAuditRecords } from '../../../../../src/core/root/auditLog';
import { deleteRootCredentialsTask } from '../../../../../src/core/root/deleteCredentials';
import { runRootTask } from '../../../../../src/core/root/runTask';
import type { AccountTaskResult } from '../../../../../src/core/root/taskRun';
import type { TaskPlan } from '../../../../../src/core/root/taskModel';
import { type TaskFixture, assertWorldIs, memberWith, operationsOf, snapshotWorld, startTaskFixture, targetsOf } from './taskFixture';

type Done = Extract<AccountTaskResult, { status: 'done' }>;

describe('delete root credentials against the sandbox', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 14 });
  });
  afterEach(() => fx.close());

  it('deletes only the picked kinds, in the one account, after showing a plan read in the same session', async () => {
    const account = memberWith(fx.sandbox.world, 'everything');
    const seeded = structuredClone(account.root);
    const before = snapshotWorld(fx.sandbox.world);
    const shown: TaskPlan[] = [];
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['password', 'accessKeys']), targetsOf([account]), {
      ...fx.baseOptions(),
      confirmPlan: async (_accountId, plan) => {
        shown.push(plan);
        // The plan is shown before anything changes.
        assert.ok(account.root.loginProfile);
        return true;
      },
    });

    const result = run.results[0] as Done;
    assert.equal(result.status, 'done', JSON.stringify(result));
    assert.deepEqual(
      shown[0].changes.map((c) => [c.operation, c.target]),
      [['DeleteLoginProfile', 'root'], ...seeded.accessKeys.map((k) => ['DeleteAccessKey', k.accessKeyId])],
    );
    assert.deepEqual(result.changes.map((c) => c.result), ['changed', 'changed', 'changed']);
    assertWorldIs(fx.sandbox.world, before, {
      [account.id]: (a) => {
        delete a.root.loginProfile;
        a.root.accessKeys = [];
      },
    });
    // The reads behind the plan and the deletions ran in the same session; only one session was opened.
    const operations = operationsOf(fx, result.sessionAccessKeyId).map((o) => o.operation);
    assert.deepEqual(operations, ['GetLoginProfile', 'ListAccessKeys', 'DeleteLoginProfile', 'DeleteAccessKey', 'DeleteAccessKey']);
    assert.equal(fx.sandbox.world.rootSessions.filter((s) => s.accountId === account.id).length, 1);
  });

  it('deactivates MFA devices and deletes the virtual ones; hardware devices are only deactivated', async () => {
    const virtual = memberWith(fx.sandbox.world, 'passwordAndVirtualMfa');
    const hardware = memberWith(fx.sandbox.world, 'hardwareMfa');
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['mfaDevices']), targetsOf([virtual, hardware]), fx.baseOptions());

    const [v, h] = run.results as Done[];
    assert.deepEqual(v.changes.map((c) => c.operation), ['DeactivateMFADevice', 'DeleteVirtualMFADevice']);
    assert.deepEqual(h.changes.map((c) => c.operation), ['DeactivateMFADevice']);
    assertWorldIs(fx.sandbox.world, before, {
      [virtual.id]: (a) => void (a.root.mfaDevices = []),
      [hardware.id]: (a) => void (a.root.mfaDevices = []),
    });
  });

  it('deletes signing certificates and leaves the password, keys and MFA devices', async () => {
    const account = memberWith(fx.sandbox.world, 'everything');
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['signingCertificates']), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done');
    assertWorldIs(fx.sandbox.world, before, { [account.id]: (a) => void (a.root.signingCertificates = []) });
  });

  it('records an intent before and an outcome after, naming caller, account, policy, session and changes', async () => {
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([account]), fx.baseOptions());
    const result = run.results[0] as Done;
    const { records } = await fx.auditRecords();
    const { pairs, openIntents } = pairAuditRecords(records);
    assert.equal(openIntents.length, 0);
    assert.equal(pairs.length, 1);
    const { intent, outcome } = pairs[0];
    assert.equal(intent.callerArn, fx.callerArn);
    assert.match(intent.callerArn, /^arn:aws:iam::999900000000:user\//);
    assert.equal(intent.accountId, account.id);
    assert.equal(intent.taskPolicy, 'IAMDeleteRootUserCredentials');
    assert.equal(intent.sessionAccessKeyId, result.sessionAccessKeyId);
    assert.deepEqual(intent.parameters, { kinds: ['accessKeys'] });
    assert.deepEqual(intent.changes.map((c) => c.target), [`AKIASANDBOX${account.id.slice(-8)}1`]);
    assert.equal(outcome.outcome, 'done');
    assert.deepEqual(outcome.changed, result.changes);
    assert.ok(Date.parse(intent.time) <= Date.parse(outcome.time));
  });

  it('changes nothing and writes only plan records in a dry run, listing exactly what would change', async () => {
    const accounts = [memberWith(fx.sandbox.world, 'everything'), memberWith(fx.sandbox.world, 'none')];
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['password', 'accessKeys', 'signingCertificates', 'mfaDevices']), targetsOf(accounts), {
      ...fx.baseOptions(),
      dryRun: true,
    });
    assertWorldIs(fx.sandbox.world, before, {});
    const [everything, none] = run.results;
    assert.equal(everything.status, 'dry-run');
    assert.equal(none.status, 'dry-run');
    const root = accounts[0].root;
    assert.deepEqual(everything.status === 'dry-run' && everything.plan.changes.map((c) => c.target), [
      'root',
      ...root.accessKeys.map((k) => k.accessKeyId),
      ...root.signingCertificates.map((c) => c.certificateId),
      ...root.mfaDevices.map((d) => d.serialNumber),
      ...root.mfaDevices.map((d) => d.serialNumber),
    ]);
    assert.deepEqual(none.status === 'dry-run' && none.plan.changes, []);
    const mutating = fx.sandbox.requests().filter((r) => /^(Delete|Deactivate|Create)/.test(r.operation));
    assert.deepEqual(mutating, []);
    const { records } = await fx.auditRecords();
    assert.deepEqual(records.map((r) => r.type === 'plan' && r.reason), ['dry-run', 'dry-run']);
  });

  it('declining the plan changes nothing', async () => {
    const account = memberWith(fx.sandbox.world, 'everything');
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['password']), targetsOf([account]), {
      ...fx.baseOptions(),
      confirmPlan: async () => false,
    });
    assert.deepEqual(run.results[0].status === 'skipped' && run.results[0].reason, 'declined');
    assertWorldIs(fx.sandbox.world, before, {});
  });

  it('refuses an empty choice of kinds before opening any session', () => {
    assert.throws(() => deleteRootCredentialsTask([]), { code: 'NoCredentialKinds' });
  });
});
