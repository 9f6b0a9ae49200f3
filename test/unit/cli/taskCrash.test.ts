import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readAuditLog } from '../../../src/core/root/auditLog';
import { taskCommand } from '../../../src/cli/taskCommand';
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

const REPO = resolve(__dirname, '..', '..', '..');

/** Runs the CLI from its sources as a process under `bash -c PREFIX`, e.g. a `ulimit`; resolves once it exits. */
function runCliProcess(prefix: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const command = `${prefix} exec "$0" --import tsx "$@"`;
  const child = spawn('bash', ['-c', command, process.execPath, join(REPO, 'test/unit/cli/runCli.ts'), ...args], {
    cwd: REPO,
    // A file size limit applies to every file the process writes: tsx's cache is left off so only the log hits it.
    env: { ...process.env, TSX_DISABLE_CACHE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

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
