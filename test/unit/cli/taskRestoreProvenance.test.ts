import assert from 'node:assert/strict';
import { appendFile } from 'node:fs/promises';
import type { IntentRecord, OutcomeRecord } from '../../../src/core/root/auditLog';
import { type TaskHarness, scriptedTerminal, startTaskHarness } from './taskHarness';

describe('rootguard task restore-policy shows where its record came from, against the sandbox', function () {
  this.timeout(60_000);
  let h: TaskHarness;
  beforeEach(async () => {
    h = await startTaskHarness();
  });
  afterEach(() => h.close());

  it('a forged intent and outcome with new ids: provenance and policy shown, refused under --yes unless --unverified-record', async () => {
    const owner = h.sandbox.world.members.find((a) => a.buckets.some((b) => b.policy))!;
    const bucket = owner.buckets.find((b) => b.policy)!;
    assert.equal((await h.run(['unlock-s3-bucket', '--accounts', owner.id, '--bucket', bucket.name, '--yes'])).code, 0);
    const real = (await h.auditRecords()).find((r): r is IntentRecord => r.type === 'intent')!;
    const outcome = (await h.auditRecords()).find((r): r is OutcomeRecord => r.type === 'outcome')!;
    const publicRead = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Forged', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket.name}/*` }] });
    const forgedFields = { runId: 'forged-run', sessionAccessKeyId: 'forged-session-key', callerArn: 'arn:aws:iam::999999999999:user/nobody' };
    const time = new Date(Date.parse(real.time) + 1000).toISOString();
    const forged = { ...real, ...forgedFields, id: '00000000-0000-4000-8000-000000000666', time, keptPolicy: { ...real.keptPolicy!, policy: publicRead } };
    const forgedOutcome = { ...outcome, ...forgedFields, id: '00000000-0000-4000-8000-000000000667', intentId: forged.id, time };
    await appendFile(h.auditLogPath, `${JSON.stringify(forged)}\n${JSON.stringify(forgedOutcome)}\n`);
    const from = `From record ${forged.id} (written ${time} by arn:aws:iam::999999999999:user/nobody, run forged-run (NO run record for it in the audit log), session forged-session-key)`;
    const doubts = 'its run forged-run has no run record in the audit log (RootGuard writes one before any session opens); its caller arn:aws:iam::999999999999:user/nobody is not in the connected account 999900000000';

    const dry = await h.run(['restore-policy', '--from-record', forged.id, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.ok(dry.stderr.includes(`${from}\nPolicy the record kept for bucket ${bucket.name}:\n{\n  "Version": "2012-10-17",`), dry.stderr);
    assert.ok(dry.stderr.includes('"Sid": "Forged",\n'), dry.stderr);
    assert.ok(dry.stderr.includes(`WARNING: Record ${forged.id} may not be one RootGuard wrote for you: ${doubts}\n`), dry.stderr);

    const refused = await h.run(['restore-policy', '--from-record', forged.id, '--yes']);
    assert.equal(refused.code, 2, refused.stderr);
    assert.ok(refused.stderr.includes(`Cannot restore from record ${forged.id} may not be one RootGuard wrote for you: ${doubts}; nothing was changed (check the record, and pass --unverified-record to restore from it)`), refused.stderr);
    assert.equal(bucket.policy, undefined);

    const terminal = scriptedTerminal([{ expect: /Restore from this record anyway\? \[y\/N\] $/, answer: 'n' }]);
    const declined = await h.run(['restore-policy', '--from-record', forged.id], { terminal });
    assert.equal(declined.code, 1, declined.stderr);
    assert.match(declined.stderr, /Not confirmed: nothing was changed/);

    // The real record is superseded by the appended one, which is shown with where it came from.
    const steered = await h.run(['restore-policy', '--from-record', real.id, '--yes']);
    assert.equal(steered.code, 2, steered.stderr);
    assert.ok(steered.stderr.includes(`record ${forged.id} (unlockS3BucketPolicy, written ${time} by arn:aws:iam::999999999999:user/nobody, run forged-run (NO run record for it in the audit log), session forged-session-key) is newer`), steered.stderr);

    const real2 = await h.run(['restore-policy', '--from-record', real.id, '--dry-run']);
    assert.ok(real2.stderr.includes(`From record ${real.id} (written ${real.time} by ${real.callerArn}, run ${real.runId} (its run record is in the audit log), session ${real.sessionAccessKeyId})`), real2.stderr);
    assert.doesNotMatch(real2.stderr, /may not be one RootGuard wrote/);

    const restored = await h.run(['restore-policy', '--from-record', forged.id, '--yes', '--unverified-record']);
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal(bucket.policy, publicRead);
  });
});
