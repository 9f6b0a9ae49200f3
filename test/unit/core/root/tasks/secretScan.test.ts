import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditCache } from '../../../../../src/core/root/auditCache';
import { auditAccounts } from '../../../../../src/core/root/auditMany';
import { deleteRootCredentialsTask } from '../../../../../src/core/root/deleteCredentials';
import { allowPasswordRecoveryTask } from '../../../../../src/core/root/passwordRecovery';
import { runRootTask } from '../../../../../src/core/root/runTask';
import type { TaskRun } from '../../../../../src/core/root/taskRun';
import { formatTaskRun } from '../../../../../src/core/root/taskReport';
import { unlockS3BucketPolicyTask } from '../../../../../src/core/root/unlockS3';
import { unlockSqsQueuePolicyTask } from '../../../../../src/core/root/unlockSqs';
import { type TaskFixture, memberWith, startTaskFixture, targetsOf } from './taskFixture';

/** Every file under `dir`, recursively, with its text. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
}

/** Where any of `secrets` occurs in any of the texts (name: secret prefix). */
function leaks(texts: { path: string; text: string }[], secrets: readonly string[]): string[] {
  return texts.flatMap(({ path, text }) => secrets.filter((s) => text.includes(s)).map((s) => `${path}: ${s.slice(0, 6)}...`));
}

describe('no secret leaves memory', function () {
  this.timeout(60_000);
  let fx: TaskFixture;
  after(() => fx?.close());

  it('logs, audit log, reports and caches written during every task hold none of the issued secrets', async () => {
    fx = await startTaskFixture({ accounts: 24, scpBlockedAccounts: 1, lockedBuckets: 2, lockedQueues: 2 });
    const world = fx.sandbox.world;
    const members = world.members.filter((a) => a.role === 'member');
    const options = { ...fx.baseOptions(), concurrency: 6 };
    const lockedBucket = members.find((a) => a.buckets.some((b) => b.policy))!;
    const lockedQueue = members.find((a) => a.queues.some((q) => q.attributes.Policy))!;

    const audit = await auditAccounts(fx.clients, targetsOf(world.accounts), { logger: fx.logger, concurrency: 6 });
    const runs: TaskRun[] = [
      await runRootTask(fx.clients, deleteRootCredentialsTask(['password', 'accessKeys', 'mfaDevices', 'signingCertificates']), targetsOf(members), { ...options, dryRun: true }),
      await runRootTask(fx.clients, deleteRootCredentialsTask(['password', 'accessKeys', 'mfaDevices', 'signingCertificates']), targetsOf(members), options),
      await runRootTask(fx.clients, allowPasswordRecoveryTask(), targetsOf([memberWith(world, 'activeKeyUsed')]), options),
      await runRootTask(fx.clients, unlockS3BucketPolicyTask(lockedBucket.buckets.find((b) => b.policy)!.name), targetsOf([lockedBucket]), options),
      await runRootTask(fx.clients, unlockSqsQueuePolicyTask(lockedQueue.queues.find((q) => q.attributes.Policy)!.name), targetsOf([lockedQueue]), options),
    ];
    assert.ok(runs[1].results.some((r) => r.status === 'failed'), 'a failure was reported too');

    // Everything a host would persist from these runs: reports, the cache, the log lines.
    const cache = new AuditCache();
    cache.putAll(audit.results);
    await writeFile(join(fx.dir, 'audit-cache.json'), JSON.stringify(cache.toJSON()));
    await writeFile(join(fx.dir, 'audit-report.json'), JSON.stringify(audit));
    for (const [i, run] of runs.entries()) {
      await writeFile(join(fx.dir, `run-${i}.json`), JSON.stringify(run));
      await writeFile(join(fx.dir, `run-${i}.txt`), formatTaskRun(run));
    }
    await writeFile(join(fx.dir, 'extension.log'), fx.logLines.join('\n'));

    const secrets = fx.sandbox.issuedSecrets();
    const written = await filesUnder(fx.dir);
    assert.ok(written.some((f) => f.path.endsWith('root-tasks.jsonl')), 'the audit log is among the files scanned');
    const kept = (await fx.auditRecords()).records.filter((r) => r.type === 'intent' && r.keptPolicy);
    assert.deepEqual(kept.map((r) => r.type === 'intent' && r.keptPolicy?.resource), ['bucket', 'queue'], 'the kept policies are among the records scanned');
    assert.ok(fx.logLines.some((l) => l.includes('root session ASIA')), 'session lines were logged');
    assert.ok(secrets.length > 2 * members.length, `${secrets.length} secrets issued`);
    assert.deepEqual(leaks(written, secrets), []);

    // The scan itself finds a secret where one is.
    await writeFile(join(fx.dir, 'planted.txt'), `oops ${secrets.at(-1)}`);
    assert.equal(leaks(await filesUnder(fx.dir), secrets).length, 1);
  });
});
