import assert from 'node:assert/strict';
import { type TaskHarness, scriptedTerminal, startTaskHarness } from './taskHarness';

describe('rootguard task restore-policy of a record a newer unlock of the same bucket superseded, against the sandbox', function () {
  this.timeout(60_000);
  let h: TaskHarness;
  beforeEach(async () => {
    h = await startTaskHarness();
  });
  afterEach(() => h.close());

  it('warns naming the newer record; refuses under --yes unless --older-record, and asks on a terminal', async () => {
    const owner = h.sandbox.world.members.find((a) => a.buckets.some((b) => b.policy))!;
    const bucket = owner.buckets.find((b) => b.policy)!;
    const policyA = bucket.policy!;
    const unlock = ['unlock-s3-bucket', '--accounts', owner.id, '--bucket', bucket.name, '--yes'];
    assert.equal((await h.run(unlock)).code, 0);
    bucket.policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'B', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket.name}/*` }] });
    assert.equal((await h.run(unlock)).code, 0);
    const [older, newer] = (await h.auditRecords()).filter((r) => r.type === 'intent');
    const newerFrom = `written ${newer.time} by ${newer.callerArn}, run ${newer.runId} (its run record is in the audit log), session ${newer.sessionAccessKeyId}`;
    const warning = `Record ${newer.id} (unlockS3BucketPolicy, ${newerFrom}) is newer than record ${older.id} and also kept a policy of bucket ${bucket.name}: restoring ${older.id} puts back the policy kept before it`;

    h.sandbox.clearRequests();
    const refused = await h.run(['restore-policy', '--from-record', older.id, '--yes']);
    assert.equal(refused.code, 2, refused.stderr);
    assert.ok(refused.stderr.includes(`Cannot restore from record ${older.id}: record ${newer.id} (unlockS3BucketPolicy, ${newerFrom}) is newer`), refused.stderr);
    assert.match(refused.stderr, /nothing was changed \(restore the newer record instead if it is one you wrote, or pass --older-record to restore this one\)/);
    assert.deepEqual(h.sandbox.requests(), [], 'refused before any AWS call');

    const dry = await h.run(['restore-policy', '--from-record', older.id, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.ok(dry.stderr.includes(`WARNING: ${warning}`), dry.stderr);

    const terminal = scriptedTerminal([{ expect: /Restore this older record anyway\? \[y\/N\] $/, answer: 'n' }]);
    const declined = await h.run(['restore-policy', '--from-record', older.id], { terminal });
    assert.equal(declined.code, 1, declined.stderr);
    assert.ok(declined.stderr.includes(`WARNING: ${warning}\n`), declined.stderr);
    assert.match(declined.stderr, /Not confirmed: nothing was changed/);
    assert.equal(bucket.policy, undefined);

    const restored = await h.run(['restore-policy', '--from-record', older.id, '--yes', '--older-record']);
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal(bucket.policy, policyA);
    // The newest record is restored without a word.
    const newest = await h.run(['restore-policy', '--from-record', newer.id, '--yes', '--overwrite']);
    assert.equal(newest.code, 0, newest.stderr);
    assert.doesNotMatch(newest.stderr, /WARNING/);
  });
});
