// The confirmation the extension's restore asks before its usual one: the CLI's warnings, with the record's provenance.
import assert from 'node:assert/strict';
import type { AuditRecord, IntentRecord, OutcomeRecord, RunRecord } from '../../../../src/core/root/auditLog';
import { findKeptPolicy } from '../../../../src/core/root/keptPolicyLookup';
import { restoreRecordConfirmation } from '../../../../src/extension/tasks/restoreRecordConfirmation';

const CALLER = 'arn:aws:iam::111111111111:user/admin';
const BUCKET = 'b1';
const change = { operation: 'DeleteBucketPolicy', target: BUCKET, description: `Delete the policy of bucket ${BUCKET}` };
const policy = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] });

function unlock(n: number, time: string, more: Partial<IntentRecord> = {}): { run: RunRecord; intent: IntentRecord; outcome: OutcomeRecord } {
  const base = { v: 1 as const, runId: `run-${n}`, callerArn: CALLER, accountId: '222222222222', task: 'unlockS3BucketPolicy' as const, taskPolicy: 'S3UnlockBucketPolicy' as const, parameters: { bucket: BUCKET }, sessionAccessKeyId: `ASIA${n}`, time };
  const intent: IntentRecord = { ...base, type: 'intent', id: `intent-${n}`, changes: [change], keptPolicy: { resource: 'bucket', target: BUCKET, policy: policy(`P${n}`) }, ...more };
  const outcome: OutcomeRecord = { ...base, ...more, type: 'outcome', id: `outcome-${n}`, intentId: intent.id, outcome: 'done', changed: [{ ...change, result: 'changed' }], notChanged: [] };
  const run: RunRecord = { v: 1, type: 'run', id: `runline-${n}`, time, runId: base.runId, callerArn: CALLER, task: base.task, taskPolicy: base.taskPolicy, parameters: base.parameters, accounts: [base.accountId], dryRun: false };
  return { run, intent, outcome };
}

const question = (records: AuditRecord[], runs: RunRecord[], id: string) => restoreRecordConfirmation({ records, runs }, findKeptPolicy(records, id, 0), CALLER);
const from = (n: number, time: string, run = 'its run record is in the audit log') => `From record intent-${n} (written ${time} by ${CALLER}, run run-${n} (${run}), session ASIA${n})`;

describe('extension restore: the confirmation a record calls for, as the CLI warns', () => {
  const one = unlock(1, '2026-12-01T10:00:00.000Z');

  it('none for the newest record of its bucket, done, of a recorded run of this account', () => {
    assert.equal(question([one.intent, one.outcome], [one.run], 'intent-1'), undefined);
  });

  it('a record a later unlock of the same bucket superseded: says so, with the newer record’s provenance', () => {
    const two = unlock(2, '2026-12-02T10:00:00.000Z');
    assert.deepEqual(question([one.intent, one.outcome, two.intent, two.outcome], [one.run, two.run], 'intent-1'), {
      message: 'Restore from record intent-1 anyway?',
      detail: `Record intent-2 (unlockS3BucketPolicy, ${from(2, two.intent.time).replace(/^From record intent-2 \(|\)$/g, '')}) is newer than record intent-1 and also kept a policy of bucket ${BUCKET}: restoring intent-1 puts back the policy kept before it\n\n${from(1, one.intent.time)}`,
    });
  });

  it('a record with no outcome: its policy may still be in place', () => {
    const detail = question([one.intent], [one.run], 'intent-1')?.detail;
    assert.equal(detail, `Record intent-1 has no outcome in the audit log (the run stopped before recording one): the policy it kept may still be in place. The restore reads the bucket first and changes nothing if it is.\n\n${from(1, one.intent.time)}`);
  });

  it('a record with no run record, by a caller of another account: may not be one RootGuard wrote', () => {
    const forged = unlock(3, '2026-12-03T10:00:00.000Z', { callerArn: 'arn:aws:iam::999999999999:user/nobody' });
    const detail = question([forged.intent, forged.outcome], [], 'intent-3')?.detail;
    assert.equal(
      detail,
      'Record intent-3 may not be one RootGuard wrote for you: its run run-3 has no run record in the audit log (RootGuard writes one before any session opens); its caller arn:aws:iam::999999999999:user/nobody is not in the connected account 111111111111\n\n' +
        `From record intent-3 (written ${forged.intent.time} by arn:aws:iam::999999999999:user/nobody, run run-3 (NO run record for it in the audit log), session ASIA3)`,
    );
  });
});
