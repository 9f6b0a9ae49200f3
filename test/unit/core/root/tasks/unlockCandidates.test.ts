import assert from 'node:assert/strict';
import { listUnlockCandidates, locksOutAdministrators } from '../../../../../src/core/root/unlockCandidates';
import { type TaskFixture, assertWorldIs, memberWithLocked, snapshotWorld, startTaskFixture } from './taskFixture';

describe('buckets and queues to unlock, listed in the task\'s own root session', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 20, lockedBuckets: 3, lockedQueues: 3 });
  });
  afterEach(() => fx.close());

  const withLocked = (what: 'buckets' | 'queues') => memberWithLocked(fx.sandbox.world, what);

  it('lists every bucket of the account, the locked ones first and marked, in one S3UnlockBucketPolicy session', async () => {
    const account = withLocked('buckets');
    const before = snapshotWorld(fx.sandbox.world);
    const list = await listUnlockCandidates(fx.clients, account.id, 'bucket');
    const locked = account.buckets.filter((b) => b.policy).map((b) => b.name).sort();
    assert.deepEqual(list.map((c) => c.name).sort(), account.buckets.map((b) => b.name).sort());
    assert.deepEqual(list.filter((c) => c.policy === 'locked').map((c) => c.name), locked);
    assert.deepEqual(list.slice(0, locked.length).map((c) => c.policy), locked.map(() => 'locked'));
    assert.ok(list.filter((c) => c.policy !== 'locked').every((c) => c.policy === 'none'));
    assert.deepEqual(fx.sandbox.world.rootSessions.map((s) => [s.accountId, s.taskPolicy]), [[account.id, 'S3UnlockBucketPolicy']]);
    assertWorldIs(fx.sandbox.world, before, {});
  });

  it('lists the queues by URL with the locked ones marked, in one SQSUnlockQueuePolicy session', async () => {
    const account = withLocked('queues');
    const list = await listUnlockCandidates(fx.clients, account.id, 'queue');
    assert.deepEqual(list.map((c) => c.name).sort(), account.queues.map((q) => q.name).sort());
    assert.ok(list.every((c) => c.ref.endsWith(`/${account.id}/${c.name}`)), 'each by its queue URL');
    assert.deepEqual(list.filter((c) => c.policy === 'locked').map((c) => c.name), account.queues.filter((q) => q.attributes.Policy).map((q) => q.name).sort());
    assert.deepEqual(fx.sandbox.world.rootSessions.map((s) => s.taskPolicy), ['SQSUnlockQueuePolicy']);
  });

  it('calls a policy locked only when it denies the owner\'s administrators managing it', () => {
    const arn = 'arn:aws:s3:::b';
    const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
    assert.equal(locksOutAdministrators(doc({ Effect: 'Deny', Principal: '*', Action: '*', Resource: arn }), 'bucket', arn, '111122223333'), true);
    assert.equal(locksOutAdministrators(doc({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [arn, `${arn}/*`] }), 'bucket', arn, '111122223333'), true);
    // Denies only object deletes, or only other accounts: the owner's admins can still fix it themselves.
    assert.equal(locksOutAdministrators(doc({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `${arn}/*` }), 'bucket', arn, '111122223333'), false);
    assert.equal(
      locksOutAdministrators(doc({ Effect: 'Deny', Principal: '*', Action: '*', Resource: arn, Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } } }), 'bucket', arn, '111122223333'),
      false,
    );
    assert.equal(locksOutAdministrators('not json', 'bucket', arn, '111122223333'), false);
  });
});
