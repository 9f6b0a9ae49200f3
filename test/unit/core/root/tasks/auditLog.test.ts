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
  type SecretHolder,
} from '../../../../../src/core/root/auditLog';
import { containsKnownSecret } from '../../../../../src/core/aws/secretScrub';

/** A session's secrets, as the guard sees them. */
const sessionSecretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'; // AWS's documentation example
const sessionToken = `IQoJb3JpZ2luX2VjE${randomBytes(300).toString('base64')}`;
const session: SecretHolder = { revealsSecret: (text) => containsKnownSecret(text, [sessionSecretKey, sessionToken]) };

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
    await log.append(first, session);
    await log.append(outcomeOf(first), session);
    const { records, unreadableLines } = await readAuditLog(log.path);
    assert.equal(unreadableLines, 0);
    assert.deepEqual(records.map((r) => r.type), ['intent', 'outcome']);
    assert.equal((await stat(log.path)).mode & 0o777, 0o600);
  });

  it('never interleaves lines when many accounts append at once', async () => {
    const log = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const intents = Array.from({ length: 50 }, (_, i) => intent(`9999000000${String(i).padStart(2, '0')}`));
    await Promise.all(intents.flatMap((i) => [log.append(i, session), log.append(outcomeOf(i), session)]));
    const { records, unreadableLines } = await readAuditLog(log.path);
    assert.equal(unreadableLines, 0);
    assert.equal(records.length, 100);
    assert.equal(pairAuditRecords(records).pairs.length, 50);
  });

  it('pairs intents with outcomes and reports intents left open by a crash, despite a torn last line', async () => {
    const log = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const finished = intent('999900000003');
    const crashed = intent('999900000004');
    await log.append(finished, session);
    await log.append(crashed, session);
    await log.append(outcomeOf(finished), session);
    await appendFile(log.path, '{"v":1,"type":"outcome","intentId":"'); // the process died mid-write
    const { records, unreadableLines } = await readAuditLog(log.path);
    assert.equal(unreadableLines, 1);
    const paired = pairAuditRecords(records);
    assert.deepEqual(paired.pairs.map((p) => p.intent.accountId), ['999900000003']);
    assert.deepEqual(paired.openIntents.map((i) => i.accountId), ['999900000004']);
    assert.deepEqual(paired.orphanOutcomes, []);
  });

  it('starts a new line after a torn last line, so the next record stays readable', async () => {
    const log = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const crashed = intent('999900000003');
    await log.append(crashed, session);
    await appendFile(log.path, '{"v":1,"type":"outcome","intentId":"'); // the process died mid-write
    const next = intent('999900000004');
    await log.append(next, session);
    await log.append(outcomeOf(next), session);
    const { records, unreadableLines } = await readAuditLog(log.path);
    assert.equal(unreadableLines, 1);
    assert.deepEqual(records.map((r) => [r.type, r.accountId]), [['intent', '999900000003'], ['intent', '999900000004'], ['outcome', '999900000004']]);
  });

  it('counts a line that parses but is not a whole record as unreadable, and keeps the whole ones', async () => {
    const log = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const whole = intent('999900000003');
    await log.append(whole, session);
    const { id, type, changes, ...base } = whole;
    const partial = [
      '42',
      '"x"',
      '[]',
      'null',
      '{"type":"intent","sessionAccessKeyId":"ASIASANDBOX000000001"}',
      '{"v":1,"type":"outcome","task":"deleteRootCredentials","sessionAccessKeyId":"ASIAX"}',
      // Whole but for one field each: no parameters, a task RootGuard has not, changes that are not a list.
      JSON.stringify({ ...outcomeOf(whole), parameters: undefined }),
      JSON.stringify({ ...whole, task: 'deleteEverything' }),
      JSON.stringify({ ...base, id, type, changes: 'DeleteAccessKey' }),
      JSON.stringify({ v: 1, type: 'run', id: 'r', time: whole.time, runId: 'run-2', callerArn: whole.callerArn }),
      JSON.stringify({ v: 1, type: 'policyUpdate', id: 'p', time: whole.time, policyId: 'p-1' }),
    ];
    await appendFile(log.path, `${partial.join('\n')}\n`);
    await log.append(outcomeOf(whole), session);
    const { records, runs, policyUpdates, unreadableLines } = await readAuditLog(log.path);
    assert.equal(unreadableLines, partial.length);
    assert.deepEqual(records.map((r) => [r.type, r.accountId]), [['intent', '999900000003'], ['outcome', '999900000003']]);
    assert.deepEqual([runs, policyUpdates], [[], []]);
  });

  it('reads a missing log as empty, and says it is missing', async () => {
    assert.deepEqual(await readAuditLog(join(dir, 'none.jsonl')), { records: [], recordLines: [], runs: [], policyUpdates: [], sessionRequests: [], unreadableLines: 0, missing: true });
  });

  it("refuses, and does not write, a record carrying the session's secret key or token, or a credential field", async () => {
    const log = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const leaks: IntentRecord[] = [
      intent('999900000003', { parameters: { note: `key ${sessionSecretKey}` } }),
      intent('999900000003', { parameters: { note: sessionToken } }),
      intent('999900000003', { parameters: { note: `?X-Amz-Security-Token=${encodeURIComponent(sessionToken)}` } }),
      { ...intent('999900000003'), ...({ secretAccessKey: 'x' } as object) },
    ];
    for (const record of leaks) await assert.rejects(log.append(record, session), { code: 'AuditRecordRefused' });
    assert.deepEqual((await readAuditLog(log.path)).records, []);
  });

  it('records names that merely look like secrets: queue URLs, long mixed-case MFA names, 96+ character names', async () => {
    const log = new JsonlAuditLog(join(dir, 'audit.jsonl'));
    const mfaName = 'RootMfaDeviceForProdAccountAbCdEf123'; // 36 mixed-case characters and digits
    const longName = `${'OrderEventsArchive'.repeat(6)}Prod0001`; // 116 characters
    const ordinary = [
      'https://sqs.us-east-1.amazonaws.com/123456789012/OrderEventsQueueProd001',
      `arn:aws:iam::123456789012:mfa/${mfaName}`,
      longName,
      'AKIASANDBOX000000031',
      `sha256:${'ab12'.repeat(16)}, 120 bytes`,
      // Another run's key, or a documentation example: not this session's secret.
      'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    ];
    for (const target of ordinary) {
      await log.append(intent('999900000003', { changes: [{ operation: 'DeleteVirtualMFADevice', target, description: `Delete ${target}` }] }), session);
    }
    assert.deepEqual((await readAuditLog(log.path)).records.map((r) => (r.type === 'intent' ? r.changes[0].target : '')), ordinary);
  });
});
