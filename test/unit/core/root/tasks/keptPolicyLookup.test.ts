import assert from 'node:assert/strict';
import { appendFile } from 'node:fs/promises';
import type { IntentRecord, OutcomeRecord } from '../../../../../src/core/root/auditLog';
import { findKeptPolicy, keptPolicies, keptPolicyWhen } from '../../../../../src/core/root/keptPolicyLookup';
import { runRootTask } from '../../../../../src/core/root/runTask';
import { unlockS3BucketPolicyTask } from '../../../../../src/core/root/unlockS3';
import { type TaskFixture, startTaskFixture, targetsOf } from './taskFixture';

describe('the kept policy a restore uses, from an audit log someone appended to, against the sandbox', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  let intent: IntentRecord;
  let outcome: OutcomeRecord;
  beforeEach(async () => {
    fx = await startTaskFixture({ accounts: 4, lockedBuckets: 1 });
    const account = fx.sandbox.world.members.find((a) => a.buckets.some((b) => b.policy))!;
    const bucket = account.buckets.find((b) => b.policy)!;
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    const { records } = await fx.auditRecords();
    intent = records.find((r): r is IntentRecord => r.type === 'intent')!;
    outcome = records.find((r): r is OutcomeRecord => r.type === 'outcome')!;
  });
  afterEach(() => fx.close());

  const append = (...lines: object[]) => appendFile(fx.auditLog.path, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  const lookUp = async (id: string) => {
    const log = await fx.auditRecords();
    return () => findKeptPolicy(log.records, id, log.unreadableLines, log.recordLines);
  };
  // The log holds the run line (1), the real intent (2) and its outcome (3).

  it('refuses an id two records share: an appended outcome named like the real intent cannot lead to a forged one', async () => {
    const forgedPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    const forged = { ...intent, id: '00000000-0000-4000-8000-000000000666', keptPolicy: { ...intent.keptPolicy!, policy: forgedPolicy } };
    await append(forged, { ...outcome, id: intent.id, intentId: forged.id });
    assert.throws(await lookUp(intent.id), {
      code: 'ConflictingRecords',
      message: `Cannot restore from record ${intent.id}: record id ${intent.id} is on more than one line (lines 2 and 5), so it does not say which record to use; nothing was changed`,
    });
    // Named itself, the forged intent is refused too: its outcome's id is the real intent's.
    assert.throws(await lookUp(forged.id), { code: 'ConflictingRecords', message: `Cannot restore from record ${forged.id}: record id ${intent.id} is on more than one line (lines 2 and 5); nothing was changed` });
    assert.deepEqual((keptPolicies((await fx.auditRecords()).records)).map((k) => k.intentId), [], 'neither is offered by the picker');
  });

  it('refuses an intent whose outcomes disagree, naming their lines, rather than let the last one win', async () => {
    const failed = { ...outcome, id: '00000000-0000-4000-8000-0000000000f1', outcome: 'failed', changed: [], notChanged: outcome.changed.map(({ result: _, ...c }) => c) };
    await append(failed);
    assert.throws(await lookUp(intent.id), { code: 'ConflictingRecords', message: `Cannot restore from record ${intent.id}: the intent on line 2 has outcomes that disagree (lines 3 and 4); nothing was changed` });
    assert.throws(await lookUp(failed.id), { code: 'ConflictingRecords', message: /the intent on line 2 has outcomes that disagree \(lines 3 and 4\)/ });
  });

  it('refuses an outcome about another account', async () => {
    await append({ ...outcome, id: '00000000-0000-4000-8000-0000000000f2', accountId: '999999999999' });
    assert.throws(await lookUp(intent.id), { code: 'ConflictingRecords', message: /the outcome on line 4 does not match the intent on line 2 \(another account, task, session or change\)/ });
  });

  it('reads an intent whose kept policy is empty or no policy document as no record: it cannot come from an unlock', async () => {
    await append({ ...intent, id: '00000000-0000-4000-8000-0000000000e1', keptPolicy: { ...intent.keptPolicy!, policy: '' } });
    const log = await fx.auditRecords();
    assert.equal(log.unreadableLines, 1);
    assert.throws(await lookUp('00000000-0000-4000-8000-0000000000e1'), { code: 'NoKeptPolicy', message: /no such record in the audit log; 1 audit log line skipped/ });
  });

  it('marks a kept policy a later unlock of the same bucket superseded, for the picker', async () => {
    const account = fx.sandbox.world.account(intent.accountId);
    const bucket = account.buckets.find((b) => b.name === intent.keptPolicy!.target)!;
    bucket.policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'B', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${bucket.name}/*` }] });
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    const [older, newer] = keptPolicies((await fx.auditRecords()).records);
    assert.deepEqual(older.supersededBy, { intentId: newer.intentId, time: newer.time });
    assert.equal(keptPolicyWhen(older), `removed ${older.time}; superseded: record ${newer.intentId} (${newer.time}) kept a later policy of it`);
    assert.equal(keptPolicyWhen(newer), `removed ${newer.time}`);
  });

  it('a record appended later in the file but written earlier does not supersede the real one: newer is by time', async () => {
    const forgedPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    const earlier = new Date(Date.parse(intent.time) - 60_000).toISOString();
    const forged = { ...intent, id: '00000000-0000-4000-8000-000000000666', time: earlier, keptPolicy: { ...intent.keptPolicy!, policy: forgedPolicy } };
    await append(forged);
    const byId = new Map(keptPolicies((await fx.auditRecords()).records).map((k) => [k.intentId, k]));
    assert.equal(byId.get(intent.id)?.supersededBy, undefined);
    // The real record, written after it, supersedes the appended one.
    assert.deepEqual(byId.get(forged.id)?.supersededBy, { intentId: intent.id, time: intent.time });
  });

  it('a later unlock that removed the same policy again supersedes nothing: restoring either puts back the same text', async () => {
    const account = fx.sandbox.world.account(intent.accountId);
    const bucket = account.buckets.find((b) => b.name === intent.keptPolicy!.target)!;
    // Put back by hand with other whitespace (as a restore would), then unlocked again.
    bucket.policy = JSON.stringify(JSON.parse(intent.keptPolicy!.policy), null, 2);
    const run = await runRootTask(fx.clients, unlockS3BucketPolicyTask(bucket.name), targetsOf([account]), fx.baseOptions());
    assert.equal(run.results[0].status, 'done', JSON.stringify(run.results[0]));
    const [older, newer] = keptPolicies((await fx.auditRecords()).records);
    assert.notEqual(newer.intentId, older.intentId);
    assert.equal(older.supersededBy, undefined);
    assert.equal(keptPolicyWhen(older), `removed ${older.time}`);
  });

  it('still finds the real record when the log is as RootGuard wrote it, by either id', async () => {
    const byIntent = (await lookUp(intent.id))();
    assert.deepEqual(byIntent, { intentId: intent.id, accountId: intent.accountId, time: intent.time, keptPolicy: intent.keptPolicy });
    assert.deepEqual((await lookUp(outcome.id))(), byIntent);
  });
});
