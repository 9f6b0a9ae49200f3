import assert from 'node:assert/strict';
import { PASSWORD_RECOVERY_NEXT_STEP, allowPasswordRecoveryTask } from '../../../../../src/core/root/passwordRecovery';
import { runRootTask } from '../../../../../src/core/root/runTask';
import { type TaskFixture, assertWorldIs, memberWith, operationsOf, snapshotWorld, startTaskFixture, targetsOf } from './taskFixture';

describe('allow password recovery against the sandbox', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 12 });
  });
  afterEach(() => fx.close());

  it('creates a login profile without a password and says what the mailbox owner does next', async () => {
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, allowPasswordRecoveryTask(), targetsOf([account]), fx.baseOptions());
    const result = run.results[0];
    assert.equal(result.status, 'done', JSON.stringify(result));
    assert.equal(result.status === 'done' && result.note, PASSWORD_RECOVERY_NEXT_STEP);
    const created = account.root.loginProfile;
    assert.ok(created, 'a login profile exists');
    assertWorldIs(fx.sandbox.world, before, {
      [account.id]: (a) => void (a.root.loginProfile = { createDate: created.createDate.toISOString() as never, passwordResetRequired: false }),
    });
    // The sandbox refuses CreateLoginProfile with a Password in a root session; this one succeeded without it.
    assert.deepEqual(operationsOf(fx, result.status === 'done' ? result.sessionAccessKeyId : '').map((o) => o.operation), ['GetLoginProfile', 'CreateLoginProfile']);
    assert.equal(fx.sandbox.world.rootSessions.at(-1)?.taskPolicy, 'IAMCreateRootUserPassword');
  });

  it('reports a profile its own retried call created as verified, not as already so', async () => {
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    // The first CreateLoginProfile lands and its response is lost; the SDK's retry meets EntityAlreadyExists.
    fx.sandbox.setKnobs({ faults: { rate: 1, kinds: ['lost'], apis: ['iam:CreateLoginProfile'] } });
    const clients = await fx.clientsAs('management', { maxAttempts: 3, retryDelayMs: 5 });
    const run = await runRootTask(clients, allowPasswordRecoveryTask(), targetsOf([account]), fx.baseOptions());
    const result = run.results[0];
    assert.equal(result.status, 'done', JSON.stringify(result));
    assert.deepEqual(result.status === 'done' && result.changes.map((c) => c.result), ['verified']);
    assert.ok(account.root.loginProfile);
    const creates = fx.sandbox.requests().filter((r) => r.operation === 'CreateLoginProfile').map((r) => r.errorCode);
    assert.deepEqual(creates, ['ResponseLost', 'EntityAlreadyExists'], 'the retry is what answered');
    const outcome = (await fx.auditRecords()).records.find((r) => r.type === 'outcome');
    assert.deepEqual(outcome?.type === 'outcome' && outcome.changed.map((c) => c.result), ['verified']);
  });

  it('changes nothing where a password exists, and records that nothing needed changing', async () => {
    const account = memberWith(fx.sandbox.world, 'passwordUsed');
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, allowPasswordRecoveryTask(), targetsOf([account]), fx.baseOptions());
    assert.deepEqual(run.results[0].status === 'done' && run.results[0].changes, []);
    assertWorldIs(fx.sandbox.world, before, {});
    const { records } = await fx.auditRecords();
    assert.deepEqual(records.map((r) => r.type === 'plan' && r.reason), ['nothing-to-change']);
  });
});
