import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { pairAuditRecords } from '../../../../../src/core/root/auditLog';
import { runRootTask } from '../../../../../src/core/root/runTask';
import { unlockS3BucketPolicyTask } from '../../../../../src/core/root/unlockS3';
import { unlockSqsQueuePolicyTask } from '../../../../../src/core/root/unlockSqs';
import { type TaskFixture, assertWorldIs, memberWithLocked, snapshotWorld, startTaskFixture, targetsOf } from './taskFixture';

describe('unlock S3 bucket and SQS queue policies against the sandbox', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 20, lockedBuckets: 3, lockedQueues: 3 });
  });
  afterEach(() => fx.close());

  const withLocked = (what: 'buckets' | 'queues') => memberWithLocked(fx.sandbox.world, what);

  it('shows the current bucket policy, then deletes it and touches no other bucket', async () => {
    const account = withLocked('buckets');
    const bucket = account.buckets.find((b) => b.policy)!;
    const seededPolicy = bucket.policy!;
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(`s3://${bucket.name}`), targetsOf([account]), {
      ...fx.baseOptions(),
      confirmPlan: async (_id, plan) => {
        assert.deepEqual(JSON.parse(plan.preview!.content), JSON.parse(seededPolicy));
        return true;
      },
    });
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assertWorldIs(fx.sandbox.world, before, {
      [account.id]: (a) => void delete a.buckets.find((b) => b.name === bucket.name)!.policy,
    });
    const { pairs } = pairAuditRecords((await fx.auditRecords()).records);
    assert.equal(pairs[0].intent.taskPolicy, 'S3UnlockBucketPolicy');
    assert.deepEqual(pairs[0].intent.parameters, { bucket: bucket.name });
    // The change names the removed policy by its digest; the intent keeps its text, exactly as the bucket had it.
    assert.match(pairs[0].outcome.changed[0].description, /sha256:[0-9a-f]{64}/);
    assert.deepEqual(pairs[0].intent.keptPolicy, { resource: 'bucket', target: bucket.name, policy: seededPolicy });
  });

  it('keeps no policy text in the audit log of a dry run, of another task or of a bucket without a policy', async () => {
    const account = withLocked('buckets');
    const bucket = account.buckets.find((b) => b.policy)!;
    const plain = account.buckets.find((b) => !b.policy)!;
    const dry = await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([account]), { ...fx.baseOptions(), dryRun: true });
    assert.equal(dry.results[0].status, 'dry-run');
    await runRootTask(fx.clients, unlockS3BucketPolicyTask(plain.name), targetsOf([account]), fx.baseOptions());
    const { records } = await fx.auditRecords();
    assert.deepEqual(records.map((r) => [r.type, r.type === 'plan' && r.reason]), [['plan', 'dry-run'], ['plan', 'nothing-to-change']]);
    assert.ok(records.every((r) => !('keptPolicy' in r)));
    const log = await readFile(fx.auditLog.path, 'utf8');
    assert.ok(!log.includes(JSON.stringify(bucket.policy!).slice(1, -1)), 'the policy text is not in the log');
    assert.ok(bucket.policy, 'the dry run left the policy');
  });

  it('fails without changing anything when the bucket belongs to another account', async () => {
    const owner = withLocked('buckets');
    const other = fx.sandbox.world.members.find((a) => a.id !== owner.id && a.role === 'member')!;
    const bucket = owner.buckets.find((b) => b.policy)!;
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([other]), fx.baseOptions());
    const result = run.results[0];
    assert.equal(result.status, 'failed');
    assert.equal(result.status === 'failed' && result.code, 'AccessDenied');
    assertWorldIs(fx.sandbox.world, before, {});
    // The session is recorded (it read the account), and nothing was intended.
    const { records } = await fx.auditRecords();
    assert.deepEqual(records.map((r) => [r.type, r.type === 'plan' && r.reason, r.type === 'plan' && r.error?.code]), [['plan', 'failed', 'AccessDenied']]);
  });

  it('reports a bucket without a policy as nothing to change', async () => {
    const account = fx.sandbox.world.members.find((a) => a.role === 'member')!;
    const plain = account.buckets.find((b) => !b.policy)!;
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(plain.name), targetsOf([account]), fx.baseOptions());
    assert.deepEqual(run.results[0].status === 'done' && run.results[0].changes, []);
  });

  it('finds a queue by name, shows its policy, sets Policy to "" and leaves the other attributes', async () => {
    const account = withLocked('queues');
    const queue = account.queues.find((q) => q.attributes.Policy)!;
    const before = snapshotWorld(fx.sandbox.world);
    let previewed = '';
    const run = await runRootTask(fx.clients, unlockSqsQueuePolicyTask(queue.name), targetsOf([account]), {
      ...fx.baseOptions(),
      confirmPlan: async (_id, plan) => {
        previewed = plan.preview!.content;
        return true;
      },
    });
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.deepEqual(JSON.parse(previewed), JSON.parse(before.get(account.id)!.queues.find((q) => q.name === queue.name)!.attributes.Policy));
    const { pairs } = pairAuditRecords((await fx.auditRecords()).records);
    const url = pairs[0].intent.changes[0].target;
    assert.match(url, new RegExp(`/${account.id}/${queue.name}$`));
    assert.deepEqual(pairs[0].intent.keptPolicy, { resource: 'queue', target: url, policy: before.get(account.id)!.queues.find((q) => q.name === queue.name)!.attributes.Policy });
    assertWorldIs(fx.sandbox.world, before, {
      [account.id]: (a) => {
        const q = a.queues.find((x) => x.name === queue.name)!;
        delete q.attributes.Policy;
        // SQS stamps every SetQueueAttributes; the sandbox does too.
        q.attributes.LastModifiedTimestamp = queue.attributes.LastModifiedTimestamp;
      },
    });
  });

  it('accepts a queue URL of the target account and refuses one of another account before acting', async () => {
    const account = withLocked('queues');
    const queue = account.queues.find((q) => q.attributes.Policy)!;
    const url = `https://sqs.us-east-1.amazonaws.com/${account.id}/${queue.name}`;
    const other = fx.sandbox.world.members.find((a) => a.id !== account.id && a.role === 'member')!;
    const before = snapshotWorld(fx.sandbox.world);
    const refused = await runRootTask(fx.clients, unlockSqsQueuePolicyTask(url), targetsOf([other]), fx.baseOptions());
    assert.equal(refused.results[0].status === 'failed' && refused.results[0].code, 'QueueInOtherAccount');
    assertWorldIs(fx.sandbox.world, before, {});

    const run = await runRootTask(fx.clients, unlockSqsQueuePolicyTask(url), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.equal(queue.attributes.Policy, undefined);
  });

  it('deletes no bucket policy that changed while the plan was shown: fails the account and records why', async () => {
    const account = withLocked('buckets');
    const bucket = account.buckets.find((b) => b.policy)!;
    const newer = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${bucket.name}` }] });
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([account]), {
      ...fx.baseOptions(),
      // Someone replaces the policy while the user reads the one shown.
      confirmPlan: async () => {
        bucket.policy = newer;
        return true;
      },
    });
    const result = run.results[0];
    assert.equal(result.status === 'failed' && result.code, 'PlanChanged', JSON.stringify(result));
    assert.match(result.status === 'failed' ? result.message : '', new RegExp(`policy of bucket ${bucket.name} changed since it was shown.*run the task again`));
    assert.equal(bucket.policy, newer, 'the policy nobody saw is still there');
    const { records } = await fx.auditRecords();
    assert.deepEqual(records.map((r) => [r.type, r.type === 'plan' && r.reason, r.type === 'plan' && r.error?.code]), [['plan', 'failed', 'PlanChanged']]);
  });

  it('removes no queue policy that changed while the plan was shown', async () => {
    const account = withLocked('queues');
    const queue = account.queues.find((q) => q.attributes.Policy)!;
    const newer = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*' }] });
    const run = await runRootTask(fx.clients, unlockSqsQueuePolicyTask(queue.name), targetsOf([account]), {
      ...fx.baseOptions(),
      confirmPlan: async () => {
        queue.attributes.Policy = newer;
        return true;
      },
    });
    assert.equal(run.results[0].status === 'failed' && run.results[0].code, 'PlanChanged', JSON.stringify(run.results[0]));
    assert.equal(queue.attributes.Policy, newer);
    assert.ok(!(await fx.auditRecords()).records.some((r) => r.type === 'intent'), 'no intent, so nothing to restore');
  });

  it('keeps in its intent exactly the policy shown and deleted when nothing changed meanwhile', async () => {
    const account = withLocked('buckets');
    const bucket = account.buckets.find((b) => b.policy)!;
    const shown = bucket.policy!;
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([account]), { ...fx.baseOptions(), confirmPlan: async () => true });
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    const { pairs } = pairAuditRecords((await fx.auditRecords()).records);
    assert.equal(pairs[0].intent.keptPolicy?.policy, shown);
    assert.equal(bucket.policy, undefined);
  });

  it('validates the bucket and queue before any session opens', () => {
    assert.throws(() => unlockS3BucketPolicyTask('Not_A_Bucket'), { code: 'InvalidBucketName' });
    assert.throws(() => unlockSqsQueuePolicyTask('has spaces'), { code: 'InvalidQueue' });
    assert.equal(fx.sandbox.world.rootSessions.length, 0);
  });
});
