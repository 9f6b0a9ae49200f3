import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairAuditRecords, readAuditLog } from '../../../src/core/root/auditLog';
import { startSandbox } from '../../../src/sandbox/index';
import { taskCommand } from '../../../src/cli/taskCommand';
import { runCliProcess, startCliProcess, until } from './cliProcess';
import { type TaskHarness, startTaskHarness } from './taskHarness';

describe('rootguard task after a crash, and when stopped', function () {
  this.timeout(60_000);
  let h: TaskHarness;
  beforeEach(async () => {
    h = await startTaskHarness();
  });
  afterEach(() => h.close());

  it('restore-policy restores from an unlock intent that has no outcome (the process died between them)', async () => {
    const owner = h.sandbox.world.members.find((a) => a.buckets.some((b) => b.policy))!;
    const bucket = owner.buckets.find((b) => b.policy)!;
    const original = bucket.policy!;
    assert.equal((await h.run(['unlock-s3-bucket', '--accounts', owner.id, '--bucket', bucket.name, '--yes'])).code, 0);
    const intent = (await h.auditRecords()).find((r) => r.type === 'intent')!;
    // What a crash after the delete leaves: the intent is synced, the outcome was never written.
    const lines = (await h.auditLogText()).split('\n').filter((line) => line && JSON.parse(line).type !== 'outcome');
    await writeFile(h.auditLogPath, `${lines.join('\n')}\n`);

    const restored = await h.run(['restore-policy', '--from-record', intent.id, '--yes']);
    assert.equal(restored.code, 0, restored.stderr);
    assert.doesNotMatch(restored.stderr, /did not remove/);
    assert.match(restored.stderr, /has no outcome in the audit log .*the policy it kept may still be in place/);
    assert.equal(bucket.policy, original);
  });

  it('SIGTERM stops the run as Ctrl+C does: no account starts, exit 1', async () => {
    const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
    let err = '';
    process.stdout.write = (() => true) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => {
      err += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      const running = taskCommand.run(['delete-credentials', '--all', '--dry-run', '--sandbox', '--audit-log', h.auditLogPath]);
      // Sent before the run reads the organization: it must stop there, as on SIGINT.
      process.emit('SIGTERM', 'SIGTERM');
      assert.equal(await running, 1);
    } finally {
      process.stdout.write = writes.stdout;
      process.stderr.write = writes.stderr;
    }
    assert.match(err, /stopping: no account starts from now on/);
    assert.match(err, /cancelled before any account started/);
    assert.equal(await h.auditLogText(), '');
    assert.equal(process.listenerCount('SIGTERM'), 0, 'the handler is removed when the run ends');
  });
});

describe('rootguard task when the audit log cannot take a whole record', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rootguard-task-efbig-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('changes nothing when only part of the intent reaches the disk (a file size limit, as a disk filling up)', async () => {
    const auditLogPath = join(dir, 'root-tasks.jsonl');
    // 64 KiB at most (bash's ulimit -f counts KiB): the run record still fits, the intent crosses the limit and is cut.
    await writeFile(auditLogPath, `${' '.repeat(64 * 1024 - 879)}\n`);
    const args = ['task', 'unlock-s3-bucket', '--accounts', '999900000006', '--bucket', 'sandbox-999900000006-locked', '--yes', '--sandbox', '--sandbox-accounts', '12', '--format', 'json', '--audit-log', auditLogPath];
    const { code, stdout, stderr } = await runCliProcess('ulimit -f 64;', args, { HOME: dir });
    assert.equal(code, 1, stderr);
    const [result] = JSON.parse(stdout).results;
    assert.deepEqual([result.status, result.code, result.changed], ['failed', 'AuditLogUnwritable', []], stdout);
    assert.match(result.message, /^The intent could not be written to the audit log \(.*EFBIG.*\), so nothing was changed in 999900000006$/);
    const log = await readAuditLog(auditLogPath);
    assert.equal(log.runs.length, 1);
    assert.deepEqual(log.records, [], 'no intent, and so no outcome');
    assert.equal(log.unreadableLines, 1, 'the part of the intent that was written');
  });
});

describe('rootguard task stopped by more than one signal', function () {
  this.timeout(120_000);

  it('keeps finishing the accounts already changing on a second and third signal, records every outcome and prints the summary', async () => {
    // Every call takes a second, so the accounts that wrote an intent are still changing when the signals come.
    const sandbox = await startSandbox({ accounts: 12, suspendedAccounts: 0, scpBlockedAccounts: 0, latency: { fixedMs: 1000 } });
    const dir = await mkdtemp(join(tmpdir(), 'rootguard-task-signals-'));
    try {
      const auditLogPath = join(dir, 'root-tasks.jsonl');
      const { accessKeyId, secretAccessKey } = sandbox.credentials.management;
      const env = { HOME: dir, AWS_PROFILE: '', AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: '', AWS_REGION: sandbox.region };
      const cli = startCliProcess('', ['task', 'allow-password-recovery', '--all', '--yes', '--endpoint', sandbox.endpoint, '--format', 'json', '--audit-log', auditLogPath], env);
      await until(cli, async () => (await readAuditLog(auditLogPath)).records.some((r) => r.type === 'intent'));
      process.kill(cli.pid, 'SIGINT');
      await until(cli, () => cli.stderr().includes('stopping: no account starts'));
      process.kill(cli.pid, 'SIGINT');
      await until(cli, () => cli.stderr().includes('still stopping'));
      process.kill(cli.pid, 'SIGHUP');
      assert.equal(await cli.exited, 1, cli.stderr());

      assert.match(cli.stderr(), /still stopping: finishing \d+ accounts? already changing; their outcomes are being recorded \(kill -9 \d+ stops at once, leaving them unrecorded\)\n/);
      const { records } = await readAuditLog(auditLogPath);
      const { pairs, openIntents } = pairAuditRecords(records);
      assert.ok(pairs.length > 0);
      assert.deepEqual(openIntents, [], 'every intent has its outcome');
      const summary = JSON.parse(cli.stdout());
      assert.equal(summary.cancelled, true);
      // The accounts that changed are exactly those with an intent, each with its outcome.
      type Result = { accountId: string; status: string; changes?: unknown[] };
      const changed = summary.results.filter((r: Result) => r.status === 'done' && r.changes?.length);
      assert.deepEqual(changed.map((r: Result) => r.accountId).sort(), pairs.map((p) => p.intent.accountId).sort());
      assert.ok(summary.results.some((r: Result) => r.status === 'not-started'));
    } finally {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
