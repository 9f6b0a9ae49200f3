import assert from 'node:assert/strict';
import { RootGuardError } from '../../../../../src/core/aws/errors';
import { readAuditLog } from '../../../../../src/core/root/auditLog';
import { findKeptPolicy, keptPolicies, keptPolicyWhen } from '../../../../../src/core/root/keptPolicyLookup';
import { restorePolicyTask } from '../../../../../src/core/root/restorePolicy';
import { runRootTask } from '../../../../../src/core/root/runTask';
import type { RootTask } from '../../../../../src/core/root/taskModel';
import { formatTaskRun } from '../../../../../src/core/root/taskReport';
import { unlockS3BucketPolicyTask } from '../../../../../src/core/root/unlockS3';
import { unlockSqsQueuePolicyTask } from '../../../../../src/core/root/unlockSqs';
import type { SandboxAccount } from '../../../../../src/sandbox/index';
import { type TaskFixture, assertWorldIs, snapshotWorld, startTaskFixture, targetsOf } from './taskFixture';

describe('restore a bucket or queue policy an unlock removed, against the sandbox', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 12, lockedBuckets: 2, lockedQueues: 2 });
  });
  afterEach(() => fx.close());

  const lockedBucket = () => {
    const account = fx.sandbox.world.members.find((a) => a.buckets.some((b) => b.policy))!;
    return { account, bucket: account.buckets.find((b) => b.policy)! };
  };

  /** Unlocks the bucket for real and returns the kept entry of that unlock. */
  async function unlock(account: SandboxAccount, bucketName: string) {
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucketName), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    const kept = keptPolicies((await fx.auditRecords()).records);
    assert.equal(kept.length, 1);
    return kept[0];
  }

  it('puts the exact bucket policy back in a new session of the unlock task policy, with its own audit records', async () => {
    const { account, bucket } = lockedBucket();
    const original = bucket.policy!;
    const before = snapshotWorld(fx.sandbox.world);
    const kept = await unlock(account, bucket.name);
    assert.equal(bucket.policy, undefined);

    const run = await runRootTask(fx.clients, restorePolicyTask(kept), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.equal(bucket.policy, original);
    assertWorldIs(fx.sandbox.world, before, {});

    const { records } = await readAuditLog(fx.auditLog.path);
    const restore = records.filter((r) => r.task === 'restoreS3BucketPolicy');
    assert.deepEqual(restore.map((r) => r.type), ['intent', 'outcome']);
    assert.equal(restore[0].taskPolicy, 'S3UnlockBucketPolicy');
    assert.deepEqual(restore[0].parameters, { bucket: bucket.name, fromRecord: kept.intentId });
    assert.notEqual(restore[0].sessionAccessKeyId, records[0].sessionAccessKeyId, 'a session of its own');
    // A restore keeps nothing to restore.
    assert.equal(keptPolicies(records).length, 1);
  });

  it('puts a queue policy back from the unlock outcome id', async () => {
    const account = fx.sandbox.world.members.find((a) => a.queues.some((q) => q.attributes.Policy))!;
    const queue = account.queues.find((q) => q.attributes.Policy)!;
    const original = queue.attributes.Policy;
    await runRootTask(fx.clients, unlockSqsQueuePolicyTask(queue.name), targetsOf([account]), fx.baseOptions());
    assert.equal(queue.attributes.Policy, undefined);
    const { records } = await fx.auditRecords();
    const outcome = records.find((r) => r.type === 'outcome')!;
    const run = await runRootTask(fx.clients, restorePolicyTask(findKeptPolicy(records, outcome.id, 0)), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.equal(queue.attributes.Policy, original);
  });

  it('refuses, changing nothing, when the bucket has a policy again; overwrites only when asked', async () => {
    const { account, bucket } = lockedBucket();
    const original = bucket.policy!;
    const kept = await unlock(account, bucket.name);
    const newer = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket.name}/*` }] });
    bucket.policy = newer;

    const refused = await runRootTask(fx.clients, restorePolicyTask(kept), targetsOf([account]), fx.baseOptions());
    const result = refused.results[0];
    assert.equal(result.status === 'failed' && result.code, 'PolicyPresent');
    assert.match(result.status === 'failed' ? result.message : '', /has a policy again/);
    assert.equal(bucket.policy, newer);

    const dry = await runRootTask(fx.clients, restorePolicyTask(kept, { overwrite: true }), targetsOf([account]), { ...fx.baseOptions(), dryRun: true });
    assert.equal(dry.results[0].status, 'dry-run');
    assert.equal(bucket.policy, newer, 'a dry run changes nothing');

    const run = await runRootTask(fx.clients, restorePolicyTask(kept, { overwrite: true }), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.equal(bucket.policy, original);
  });

  /** Options whose confirmation makes `change` while the user reads the plan, then says yes. */
  const whileAsked = (change: () => void) => ({
    ...fx.baseOptions(),
    confirmPlan: async () => {
      change();
      return true;
    },
  });

  it('refuses, changing nothing, when the bucket gets a policy while the restore is being confirmed', async () => {
    const { account, bucket } = lockedBucket();
    const kept = await unlock(account, bucket.name);
    const newer = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket.name}/*` }] });
    const run = await runRootTask(fx.clients, restorePolicyTask(kept), targetsOf([account]), whileAsked(() => (bucket.policy = newer)));
    const result = run.results[0];
    assert.equal(result.status === 'failed' && result.code, 'PolicyPresent', JSON.stringify(result));
    assert.match(result.status === 'failed' ? result.message : '', /has a policy again.*nothing was changed/);
    assert.equal(bucket.policy, newer);
    const restore = (await fx.auditRecords()).records.filter((r) => r.task === 'restoreS3BucketPolicy');
    assert.deepEqual(restore.map((r) => [r.type, r.type === 'plan' && r.reason, r.type === 'plan' && r.error?.code]), [['plan', 'failed', 'PolicyPresent']]);

    // With --overwrite, the policy replaced must be the one shown.
    const newest = newer.replace('s3:DeleteObject', 's3:PutObject');
    const overwrite = await runRootTask(fx.clients, restorePolicyTask(kept, { overwrite: true }), targetsOf([account]), whileAsked(() => (bucket.policy = newest)));
    assert.equal(overwrite.results[0].status === 'failed' && overwrite.results[0].code, 'PlanChanged', JSON.stringify(overwrite.results[0]));
    assert.equal(bucket.policy, newest);
  });

  it('keeps the policy an overwrite replaces, so that restore can be undone in turn', async () => {
    const { account, bucket } = lockedBucket();
    const original = bucket.policy!;
    const kept = await unlock(account, bucket.name);
    const newer = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket.name}/*` }] });
    bucket.policy = newer;
    const run = await runRootTask(fx.clients, restorePolicyTask(kept, { overwrite: true }), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.equal(bucket.policy, original);

    const { records } = await fx.auditRecords();
    const intent = records.find((r) => r.type === 'intent' && r.task === 'restoreS3BucketPolicy');
    assert.deepEqual(intent?.type === 'intent' && intent.keptPolicy, { resource: 'bucket', target: bucket.name, policy: newer });
    const replaced = findKeptPolicy(records, intent!.id, 0);
    const undo = await runRootTask(fx.clients, restorePolicyTask(replaced, { overwrite: true }), targetsOf([account]), fx.baseOptions());
    assert.equal(undo.results[0].status, 'done', JSON.stringify(undo.results[0]));
    assert.equal(bucket.policy, newer);
  });

  it('does nothing when the policy is back already, and refuses another account', async () => {
    const { account, bucket } = lockedBucket();
    const kept = await unlock(account, bucket.name);
    await runRootTask(fx.clients, restorePolicyTask(kept), targetsOf([account]), fx.baseOptions());
    const again = await runRootTask(fx.clients, restorePolicyTask(kept), targetsOf([account]), fx.baseOptions());
    assert.deepEqual(again.results[0].status === 'done' && again.results[0].changes, []);

    const other = fx.sandbox.world.members.find((a) => a.id !== account.id && a.role === 'member')!;
    const before = snapshotWorld(fx.sandbox.world);
    const wrong = await runRootTask(fx.clients, restorePolicyTask(kept), targetsOf([other]), fx.baseOptions());
    assert.equal(wrong.results[0].status === 'failed' && wrong.results[0].code, 'WrongAccount');
    assertWorldIs(fx.sandbox.world, before, {});
  });

  it('refuses a record whose target is not a bucket name, or not a queue URL of the record\'s account, before any session', () => {
    const entry = (resource: 'bucket' | 'queue', target: string) => ({ intentId: 'rec-1', accountId: '999900000003', time: '2026-12-01T00:00:00.000Z', keptPolicy: { resource, target, policy: '{}' } });
    const refusals: [ReturnType<typeof entry>, RegExp][] = [
      [entry('bucket', 'Not/A/Bucket'), /record rec-1: A bucket name has/],
      [entry('bucket', 's3://locked-bucket'), /record rec-1: "s3:\/\/locked-bucket" is not a bucket name/],
      [entry('queue', 'locked-queue'), /record rec-1: "locked-queue" is not a queue URL/],
      [entry('queue', 'https://sqs.us-east-1.amazonaws.com/999900000004/q'), /record rec-1: The queue belongs to account 999900000004, not 999900000003/],
    ];
    for (const [refused, message] of refusals) assert.throws(() => restorePolicyTask(refused), { code: 'InvalidKeptPolicy', message });
    assert.doesNotThrow(() => restorePolicyTask(entry('queue', 'https://sqs.us-east-1.amazonaws.com/999900000003/q')));
  });

  it('refuses a kept policy that is empty or not a JSON policy document, before any session', () => {
    const entry = (policy: string) => ({ intentId: 'rec-1', accountId: '999900000003', time: '2026-12-01T00:00:00.000Z', keptPolicy: { resource: 'queue' as const, target: 'https://sqs.us-east-1.amazonaws.com/999900000003/q', policy } });
    const message = 'Cannot restore from record rec-1: the kept policy is not a JSON policy document (an unlock keeps nothing else), so there is nothing to put back';
    // SQS reads an empty Policy as "delete the queue's policy": such a restore would remove one, reported as put back.
    for (const policy of ['', '  \n', '[]', '"text"', 'null', '{"Statement": [']) {
      assert.throws(() => restorePolicyTask(entry(policy), { overwrite: true }), { code: 'InvalidKeptPolicy', message }, JSON.stringify(policy));
    }
  });

  it('finds nothing to restore in a dry run or an unknown record', async () => {
    const { account, bucket } = lockedBucket();
    await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([account]), { ...fx.baseOptions(), dryRun: true });
    const { records } = await fx.auditRecords();
    assert.deepEqual(keptPolicies(records), []);
    assert.throws(() => findKeptPolicy(records, records[0].id, 0), { code: 'NoKeptPolicy', message: /kept no policy/ });
    assert.throws(() => findKeptPolicy(records, 'no-such-id', 0), { code: 'NoKeptPolicy', message: 'Cannot restore from record no-such-id: no such record in the audit log' });
  });

  it('says how many audit log lines were skipped when the record is not found: it may be one of them', async () => {
    const { account, bucket } = lockedBucket();
    await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([account]), { ...fx.baseOptions(), dryRun: true });
    const { records } = await fx.auditRecords();
    const prefix = 'Cannot restore from record no-such-id: no such record in the audit log';
    assert.throws(() => findKeptPolicy(records, 'no-such-id', 2), { code: 'NoKeptPolicy', message: `${prefix}; 2 audit log lines skipped (not a whole record): it may be one of them` });
    assert.throws(() => findKeptPolicy(records, 'no-such-id', 1), { code: 'NoKeptPolicy', message: `${prefix}; 1 audit log line skipped (not a whole record): it may be that line` });
    // A record that is there is no skipped line: the reason is its own.
    assert.throws(() => findKeptPolicy(records, records[0].id, 2), { code: 'NoKeptPolicy', message: /kept no policy \(only a real unlock, or a restore that overwrites, keeps one\)$/ });
  });

  it('offers the policy of an unlock whose outcome is missing (a crash between intent and outcome), and restores it safely', async () => {
    const { account, bucket } = lockedBucket();
    const original = bucket.policy!;
    const kept = await unlock(account, bucket.name);
    const withoutOutcome = (await fx.auditRecords()).records.filter((r) => r.type !== 'outcome');
    const offered = findKeptPolicy(withoutOutcome, kept.intentId, 0);
    assert.deepEqual(offered, { ...kept, outcomeUnknown: 'no-outcome' });
    assert.deepEqual(keptPolicies(withoutOutcome), [offered]);
    // The picker says so, rather than "removed".
    assert.deepEqual([keptPolicyWhen(kept), keptPolicyWhen(offered)], [`removed ${kept.time}`, `kept ${kept.time}; the run stopped before recording whether it was removed`]);

    // The crash came after the delete: the restore puts the policy back.
    const run = await runRootTask(fx.clients, restorePolicyTask(offered), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    assert.equal(bucket.policy, original);
    // Or before it: the policy is still there, and the restore changes nothing.
    const again = await runRootTask(fx.clients, restorePolicyTask(offered), targetsOf([account]), fx.baseOptions());
    assert.deepEqual(again.results[0].status === 'done' && again.results[0].changes, []);
  });

  it('reports the unlock as unknown, not "not changed", when its response was lost and the check read failed, and offers the policy', async () => {
    const { account, bucket } = lockedBucket();
    const original = bucket.policy!;
    const unlockTask = unlockS3BucketPolicyTask(bucket.name);
    let deleteSent = false;
    // The read that checks the lost delete fails too: injected, as the sandbox faults a call, not the one after it.
    const task: RootTask = {
      ...unlockTask,
      plan: (session, signal) => (deleteSent ? Promise.reject(new RootGuardError('InternalError', 'We encountered an internal error')) : unlockTask.plan(session, signal)),
      applyChange: (session, change) => {
        deleteSent = true;
        return unlockTask.applyChange(session, change);
      },
    };
    fx.sandbox.setKnobs({ faults: { rate: 1, kinds: ['lost'], apis: ['s3:DeleteBucketPolicy'] } });
    const clients = await fx.clientsAs('management', { maxAttempts: 1, retryDelayMs: 5 });
    const run = await runRootTask(clients, task, targetsOf([account]), fx.baseOptions());
    fx.sandbox.setKnobs({ faults: undefined });
    assert.equal(bucket.policy, undefined, 'the delete was made');

    const result = run.results[0];
    assert.ok(result.status === 'failed', JSON.stringify(result));
    assert.deepEqual([result.code, result.changed, result.notChanged, result.unknown?.map((c) => [c.operation, c.target])], ['ChangeOutcomeUnknown', [], [], [['DeleteBucketPolicy', bucket.name]]]);
    assert.match(result.message, /^DeleteBucketPolicy \S+ may or may not have been made: its response was lost \(.*\) and the read that checks it failed \(We encountered an internal error\)$/);
    assert.match(formatTaskRun(run), /may or may not have changed: /);
    const { records } = await fx.auditRecords();
    const outcome = records.find((r) => r.type === 'outcome');
    assert.deepEqual(outcome?.type === 'outcome' && [outcome.outcome, outcome.changed, outcome.notChanged, outcome.unknown?.map((c) => c.operation)], ['unknown', [], [], ['DeleteBucketPolicy']]);

    const intent = records.find((r) => r.type === 'intent')!;
    const offered = findKeptPolicy(records, intent.id, 0);
    assert.equal(offered.outcomeUnknown, 'unverified');
    assert.equal(keptPolicyWhen(offered), `kept ${intent.time}; the run could not tell whether it was removed`);
    const restored = await runRootTask(fx.clients, restorePolicyTask(offered), targetsOf([account]), fx.baseOptions());
    assert.equal(restored.results[0].status, 'done', JSON.stringify(restored.results[0]));
    assert.equal(bucket.policy, original);
  });

  it('offers no policy an unlock failed to remove, and says so', async () => {
    const { account, bucket } = lockedBucket();
    fx.sandbox.setKnobs({ faults: { rate: 1, kinds: ['signature'], apis: ['s3:DeleteBucketPolicy'] } });
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'failed', JSON.stringify(run.results[0]));
    const { records } = await fx.auditRecords();
    const intent = records.find((r) => r.type === 'intent')!;
    assert.deepEqual(keptPolicies(records), []);
    assert.throws(() => findKeptPolicy(records, intent.id, 0), { code: 'NoKeptPolicy', message: /outcome says the change failed, so the policy was not removed/ });
  });
});
