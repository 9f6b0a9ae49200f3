import assert from 'node:assert/strict';
import { findKeptPolicy } from '../../../../../src/core/root/keptPolicyLookup';
import { restorePolicyTask } from '../../../../../src/core/root/restorePolicy';
import { runRootTask } from '../../../../../src/core/root/runTask';
import type { RootTask } from '../../../../../src/core/root/taskModel';
import { unlockS3BucketPolicyTask } from '../../../../../src/core/root/unlockS3';
import { unlockSqsQueuePolicyTask } from '../../../../../src/core/root/unlockSqs';
import { type TaskFixture, startTaskFixture, targetsOf } from './taskFixture';

describe('an unlock whose delete landed, its response lost, and another policy put before the check read, against the sandbox', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 6, lockedBuckets: 1, lockedQueues: 1 });
  });
  afterEach(() => fx.close());

  /** The unlock, with `putAnother` run once the delete's response is lost (a colleague's put landing then). */
  const withPolicyPutAfterTheDelete = (unlock: RootTask, putAnother: () => void): RootTask => ({
    ...unlock,
    applyChange: (session, change) =>
      unlock.applyChange(session, change).catch((err: unknown) => {
        putAnother();
        throw err;
      }),
  });

  /** Runs the unlock with every delete's response lost, and checks what the run and the log say. */
  async function unlockLosingTheResponse(task: RootTask, api: string, accountId: string) {
    fx.sandbox.setKnobs({ faults: { rate: 1, kinds: ['lost'], apis: [api] } });
    const clients = await fx.clientsAs('management', { maxAttempts: 1, retryDelayMs: 5 });
    const run = await runRootTask(clients, task, targetsOf(fx.sandbox.world.members.filter((a) => a.id === accountId)), fx.baseOptions());
    fx.sandbox.setKnobs({ faults: undefined });
    const result = run.results[0];
    assert.ok(result.status === 'failed', JSON.stringify(result));
    assert.deepEqual([result.code, result.changed, result.notChanged, result.unknown?.length], ['ChangeOutcomeUnknown', [], [], 1]);
    assert.match(result.message, /may or may not have been made: its response was lost \(.*\) and the read that checks it found another policy than the one the intent kept$/);
    const { records, recordLines } = await fx.auditRecords();
    const outcome = records.find((r) => r.type === 'outcome');
    assert.equal(outcome?.type === 'outcome' && outcome.outcome, 'unknown');
    const kept = findKeptPolicy(records, records.find((r) => r.type === 'intent')!.id, 0, recordLines);
    assert.equal(result.unknown?.[0].target, kept.keptPolicy.target);
    return kept;
  }

  it('records a bucket unlock as unknown, never "not changed", and the kept policy stays restorable with --overwrite', async () => {
    const account = fx.sandbox.world.members.find((a) => a.buckets.some((b) => b.policy))!;
    const bucket = account.buckets.find((b) => b.policy)!;
    const original = bucket.policy!;
    const other = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'B', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket.name}/*` }] });
    const task = withPolicyPutAfterTheDelete(unlockS3BucketPolicyTask(bucket.name), () => void (bucket.policy = other));
    const kept = await unlockLosingTheResponse(task, 's3:DeleteBucketPolicy', account.id);
    assert.deepEqual([kept.outcomeUnknown, kept.keptPolicy.policy], ['unverified', original]);

    const refused = await runRootTask(fx.clients, restorePolicyTask(kept), targetsOf([account]), fx.baseOptions());
    assert.equal(refused.results[0].status === 'failed' && refused.results[0].code, 'PolicyPresent');
    const restored = await runRootTask(fx.clients, restorePolicyTask(kept, { overwrite: true }), targetsOf([account]), fx.baseOptions());
    assert.equal(restored.results[0].status, 'done', JSON.stringify(restored.results[0]));
    assert.equal(bucket.policy, original);
  });

  it('records a queue unlock the same way', async () => {
    const account = fx.sandbox.world.members.find((a) => a.queues.some((q) => q.attributes.Policy))!;
    const queue = account.queues.find((q) => q.attributes.Policy)!;
    const original = queue.attributes.Policy;
    const other = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'B', Effect: 'Deny', Principal: '*', Action: 'sqs:PurgeQueue', Resource: '*' }] });
    const task = withPolicyPutAfterTheDelete(unlockSqsQueuePolicyTask(queue.name), () => void (queue.attributes.Policy = other));
    const kept = await unlockLosingTheResponse(task, 'sqs:SetQueueAttributes', account.id);
    assert.deepEqual([kept.outcomeUnknown, kept.keptPolicy.policy], ['unverified', original]);
  });
});
