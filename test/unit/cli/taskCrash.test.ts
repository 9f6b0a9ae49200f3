import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
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
