import assert from 'node:assert/strict';
import type { AuditRecord, IntentRecord, OutcomeRecord } from '../../../../../src/core/root/auditLog';
import { keptPolicies, newerRecordsFor } from '../../../../../src/core/root/keptPolicyLookup';
import type { KeptPolicy, RootTaskKind } from '../../../../../src/core/root/taskModel';

/**
 * Which newer record superseded each kept policy, on a log of several policies of several buckets and queues
 * in two accounts: newer by time (the line breaking ties), the same text again superseding nothing, a restore
 * of the record itself superseding nothing, and a record appended late but written earlier being older.
 */
const A = '111111111111';
const B = '222222222222';
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/111111111111/orders';
const doc = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] });

function intent(id: string, time: string, accountId: string, keptPolicy: KeptPolicy, fromRecord?: string): IntentRecord {
  const onBucket = keptPolicy.resource === 'bucket';
  const task: RootTaskKind = fromRecord ? (onBucket ? 'restoreS3BucketPolicy' : 'restoreSqsQueuePolicy') : onBucket ? 'unlockS3BucketPolicy' : 'unlockSqsQueuePolicy';
  const operation = onBucket ? 'DeleteBucketPolicy' : 'SetQueueAttributes';
  return {
    v: 1,
    type: 'intent',
    id,
    time,
    runId: `run-${id}`,
    callerArn: 'arn:aws:iam::000000000000:role/Ops',
    accountId,
    task,
    taskPolicy: onBucket ? 'S3UnlockBucketPolicy' : 'SQSUnlockQueuePolicy',
    sessionAccessKeyId: `ASIA${id.toUpperCase().padEnd(16, 'X')}`,
    parameters: { target: keptPolicy.target, ...(fromRecord ? { fromRecord } : {}) },
    changes: [{ operation, target: keptPolicy.target, description: `change ${keptPolicy.target}` }],
    keptPolicy,
  };
}

function outcome(of: IntentRecord, result: 'done' | 'failed'): OutcomeRecord {
  const { keptPolicy: _, changes, type: __, ...base } = of;
  const changed = result === 'done' ? changes.map((c) => ({ ...c, result: 'changed' as const })) : [];
  return { ...base, type: 'outcome', id: `${of.id}-outcome`, intentId: of.id, outcome: result, changed, notChanged: result === 'done' ? [] : changes };
}

const bucket = (target: string, policy: string): KeptPolicy => ({ resource: 'bucket', target, policy });
const queue = (policy: string): KeptPolicy => ({ resource: 'queue', target: QUEUE, policy });
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

function log(): AuditRecord[] {
  const entries: [IntentRecord, 'done' | 'failed' | 'none'][] = [
    [intent('a1', at(1), A, bucket('logs', doc('One'))), 'done'],
    [intent('q1', at(1), A, queue(doc('Q1'))), 'done'],
    [intent('b1', at(2), B, bucket('logs', doc('Other'))), 'done'],
    [intent('a2', at(2), A, bucket('logs', doc('Two'))), 'done'],
    // The same minute as a2, a later line: newer.
    [intent('a3', at(2), A, bucket('logs', doc('Three'))), 'none'],
    // The first policy again, whitespace aside: restoring a1 would put back this very text.
    [intent('a4', at(3), A, bucket('logs', JSON.stringify(JSON.parse(doc('One')), null, 2))), 'done'],
    [intent('d1', at(3), A, bucket('data', doc('Data'))), 'done'],
    // A restore of d1 that overwrote another policy: it supersedes the others of the bucket, not d1.
    [intent('d2', at(4), A, bucket('data', doc('Overwritten')), 'd1'), 'done'],
    [intent('q2', at(5), A, queue(doc('Q2'))), 'failed'],
    [intent('q3', at(6), A, queue(doc('Q3'))), 'done'],
    // Appended last, written first: older than every other record of the bucket.
    [intent('a0', at(0), A, bucket('logs', doc('Zero'))), 'done'],
    [intent('x1', 'not a time', A, bucket('logs', doc('Unreadable time'))), 'done'],
  ];
  return entries.flatMap(([i, result]) => (result === 'none' ? [i] : [i, outcome(i, result)]));
}

describe('kept policies: which newer record superseded each, on a log of several buckets and queues', () => {
  it('names the newest newer record that kept another policy of the same bucket or queue in the same account', () => {
    const records = log();
    const superseded = Object.fromEntries(keptPolicies(records).map((k) => [k.intentId, k.supersededBy?.intentId ?? null]));
    assert.deepEqual(superseded, {
      a1: 'a3',
      q1: 'q3',
      b1: null,
      a2: 'a4',
      a3: 'a4',
      a4: null,
      d1: null,
      d2: null,
      q3: null,
      a0: 'a4',
      x1: null,
    });
  });

  it('the picker and the restore warning agree: the newest of newerRecordsFor, oldest first', () => {
    const records = log();
    const kept = keptPolicies(records);
    for (const entry of kept) assert.equal(entry.supersededBy?.intentId, newerRecordsFor(records, entry).pop()?.id, entry.intentId);
    const byId = new Map(kept.map((k) => [k.intentId, k]));
    assert.deepEqual(newerRecordsFor(records, byId.get('a0')!).map((r) => r.id), ['a1', 'a2', 'a3', 'a4']);
    assert.deepEqual(newerRecordsFor(records, byId.get('a1')!).map((r) => r.id), ['a2', 'a3']);
    assert.deepEqual(newerRecordsFor(records, byId.get('q1')!).map((r) => r.id), ['q2', 'q3']);
    assert.deepEqual(newerRecordsFor(records, byId.get('d1')!).map((r) => r.id), []);
  });
});

describe('kept policies: read in one pass over the log', () => {
  /** `buckets` buckets unlocked `rounds` times each, every time with another policy, and how often the lookup read a record's fields. */
  function countedLog(buckets: number, rounds: number): { records: AuditRecord[]; reads: () => number } {
    let reads = 0;
    const records: AuditRecord[] = [];
    for (let round = 0; round < rounds; round++) {
      for (let b = 0; b < buckets; b++) {
        const kept = intent(`r${round}-b${b}`, at(round), A, bucket(`bucket-${b}`, doc(`Round${round}`)));
        records.push(kept, outcome(kept, 'done'));
      }
    }
    const counted = records.map((r) => new Proxy(r, { get: (target, key, receiver) => (reads++, Reflect.get(target, key, receiver)) }));
    return { records: counted, reads: () => reads };
  }

  it('reads each record a bounded number of times, however many policies the log kept: no lookup per kept policy', () => {
    for (const [buckets, rounds] of [[10, 10], [40, 20]]) {
      const { records, reads } = countedLog(buckets, rounds);
      const kept = keptPolicies(records);
      assert.equal(kept.length, buckets * rounds);
      assert.equal(kept.filter((k) => k.supersededBy).length, buckets * (rounds - 1));
      assert.ok(reads() <= 40 * records.length, `${reads()} reads of ${records.length} records`);
    }
  });
});
