import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type IntentRecord,
  JsonlAuditLog,
  type OutcomeRecord,
  newRecordId,
  pairAuditRecords,
  readAuditLog,
  secretShapeIn,
} from '../../../../../src/core/root/auditLog';

function intent(accountId: string, extra: Partial<IntentRecord> = {}): IntentRecord {
  return {
    v: 1,
    id: newRecordId(),
    time: '2026-03-01T10:00:00.000Z',
    runId: 'run-1',
    callerArn: 'arn:aws:iam::999900000000:user/rootguard-sandbox-admin',
    accountId,
    task: 'deleteRootCredentials',
    taskPolicy: 'IAMDeleteRootUserCredentials',
    sessionAccessKeyId: 'ASIASANDBOX000000001',
    parameters: { kinds: ['password', 'accessKeys'] },
    type: 'intent',
    changes: [{ operation: 'DeleteAccessKey', target: 'AKIASANDBOX000000031', description: 'Delete access key AKIASANDBOX000000031 (Active)' }],
    ...extra,
  };
}

function outcomeOf(i: IntentRecord): OutcomeRecord {
  return { ...i, id: newRecordId(), type: 'outcome', intentId: i.id, outcome: 'done', changed: i.changes.map((c) => ({ ...c, result: 'changed' as const })), notChanged: [] };
}

describe('audit log (JSONL)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rootguard-auditlog-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('appends one line per record, creating the folder, readable only by the owner', async () => {
    const log = new JsonlAuditLog(join(dir, 'nested', 'audit.jsonl'));
    const first = intent('999900000003');
    await log.append(first);
    await log.append(outcomeOf(first));
    const { records, unreadableLines } = await readAuditLog(log.path);
    assert.equal(unreadableLines, 0);
    assert.deepEqual(records.map((r) => r.type), ['intent', 'outcome']);
    assert.equal((await stat(log.path)).mode & 0o777, 0o600);
  });

  it('never interleaves lines when many accounts append at once', async () => {
    const log = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const intents = Array.from({ length: 50 }, (_, i) => intent(`9999000000${String(i).padStart(2, '0')}`));
    await Promise.all(intents.flatMap((i) => [log.append(i), log.append(outcomeOf(i))]));
    const { records, unreadableLines } = await readAuditLog(log.path);
    assert.equal(unreadableLines, 0);
    assert.equal(records.length, 100);
    assert.equal(pairAuditRecords(records).pairs.length, 50);
  });

  it('pairs intents with outcomes and reports intents left open by a crash, despite a torn last line', async () => {
    const log = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const finished = intent('999900000003');
    const crashed = intent('999900000004');
    await log.append(finished);
    await log.append(crashed);
    await log.append(outcomeOf(finished));
    await appendFile(log.path, '{"v":1,"type":"outcome","intentId":"'); // the process died mid-write
    const { records, unreadableLines } = await readAuditLog(log.path);
    assert.equal(unreadableLines, 1);
    const paired = pairAuditRecords(records);
    assert.deepEqual(paired.pairs.map((p) => p.intent.accountId), ['999900000003']);
    assert.deepEqual(paired.openIntents.map((i) => i.accountId), ['999900000004']);
    assert.deepEqual(paired.orphanOutcomes, []);
  });

  it('reads a missing log as empty', async () => {
    assert.deepEqual(await readAuditLog(join(dir, 'none.jsonl')), { records: [], unreadableLines: 0 });
  });

  it('refuses, and does not write, a record carrying a secret key, a session token or a credential field', async () => {
    const log = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'; // AWS's documentation example
    const sessionToken = `IQoJb3JpZ2luX2VjE${randomBytes(300).toString('base64')}`;
    const leaks: IntentRecord[] = [
      intent('999900000003', { parameters: { note: `key ${secretKey}` } }),
      intent('999900000003', { parameters: { note: sessionToken } }),
      { ...intent('999900000003'), ...({ secretAccessKey: 'x' } as object) },
    ];
    for (const record of leaks) await assert.rejects(log.append(record), { code: 'AuditRecordRefused' });
    assert.deepEqual((await readAuditLog(log.path)).records, []);
  });

  it('does not take ids, ARNs, bucket names or digests for secrets', () => {
    const innocent = [
      'AKIASANDBOX000000031',
      'arn:aws:iam::999900000003:mfa/root-account-mfa-device',
      'SANDBOXCERT9999000000030000000001',
      'averyveryverylongbucketnamewithoutdotsok',
      `sha256:${'ab12'.repeat(16)}, 120 bytes`,
      'https://sqs.us-east-1.amazonaws.com/999900000003/sandbox-locked',
    ];
    for (const text of innocent) assert.equal(secretShapeIn(JSON.stringify({ text })), undefined, text);
  });
});
