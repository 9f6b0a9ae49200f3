import assert from 'node:assert/strict';
import { pairAuditRecords } from '../../../../../src/core/root/auditLog';
import { deleteRootCredentialsTask } from '../../../../../src/core/root/deleteCredentials';
import { runRootTask } from '../../../../../src/core/root/runTask';
import { unlockSqsQueuePolicyTask } from '../../../../../src/core/root/unlockSqs';
import { type TaskFixture, assertWorldIs, snapshotWorld, startTaskFixture, targetsOf } from './taskFixture';

/**
 * Names that look like secrets to a pattern (40 base64 characters standing alone, mixed case with digits) are
 * ordinary names: the audit log must record them, so the tasks that act on them work.
 */
describe('tasks on names shaped like secrets', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 12, lockedQueues: 2 });
  });
  afterEach(() => fx.close());

  it('deletes a virtual MFA device with a 36-character mixed-case name and records it', async () => {
    const account = fx.sandbox.world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions)!;
    const serialNumber = `arn:aws:iam::${account.id}:mfa/RootMfaDeviceForProdAccountAbCdEf123`;
    account.root.mfaDevices = [{ serialNumber, kind: 'virtual', enabled: true, enableDate: new Date('2026-01-02T00:00:00Z') }];
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['mfaDevices']), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assertWorldIs(fx.sandbox.world, before, { [account.id]: (a) => void (a.root.mfaDevices = []) });
    const { pairs } = pairAuditRecords((await fx.auditRecords()).records);
    assert.ok(pairs[0].intent.changes.every((c) => c.target === serialNumber));
    assert.equal(pairs[0].outcome.outcome, 'done');
  });

  it('unlocks a queue whose URL ends in 40 base64 characters, like .../123456789012/OrderEventsQueueProd001', async () => {
    const account = fx.sandbox.world.members.find((a) => a.queues.some((q) => q.attributes.Policy))!;
    const queue = account.queues.find((q) => q.attributes.Policy)!;
    // `PORT/ACCOUNT/NAME` after the URL's colon: one run of exactly 40 characters.
    const name = 'OrderEventsQueueProd001ABCDEFGHIJKLMNOP'.slice(0, 40 - `${fx.sandbox.port}/${account.id}/`.length);
    queue.attributes.QueueArn = queue.attributes.QueueArn.replace(queue.name, name);
    queue.name = name;
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, unlockSqsQueuePolicyTask(name), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assertWorldIs(fx.sandbox.world, before, {
      [account.id]: (a) => {
        const q = a.queues.find((candidate) => candidate.name === name)!;
        delete q.attributes.Policy;
        q.attributes.LastModifiedTimestamp = queue.attributes.LastModifiedTimestamp;
      },
    });
    const { pairs } = pairAuditRecords((await fx.auditRecords()).records);
    assert.match(pairs[0].intent.changes[0].target, new RegExp(`:${fx.sandbox.port}/${account.id}/${name}$`));
  });
});
