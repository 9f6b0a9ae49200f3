import assert from 'node:assert/strict';
import { pairAuditRecords } from '../../../../../src/core/root/auditLog';
import { deleteRootCredentialsTask } from '../../../../../src/core/root/deleteCredentials';
import { runRootTask } from '../../../../../src/core/root/runTask';
import type { AppliedChange } from '../../../../../src/core/root/taskModel';
import { summarizeTaskRun } from '../../../../../src/core/root/taskReport';
import { type AccountSnapshot, type TaskFixture, assertWorldIs, snapshotWorld, startTaskFixture, targetsOf } from './taskFixture';

const MUTATIONS = new Set(['DeleteLoginProfile', 'DeleteAccessKey', 'DeleteSigningCertificate', 'DeactivateMFADevice', 'DeleteVirtualMFADevice']);

/** What each applied change does to the seeded state, as IAM (and the sandbox) define it. */
function applyChanges(changes: readonly AppliedChange[]) {
  return (account: AccountSnapshot) => {
    const root = account.root;
    for (const { operation, target } of changes) {
      if (operation === 'DeleteLoginProfile') delete root.loginProfile;
      if (operation === 'DeleteAccessKey') root.accessKeys = root.accessKeys.filter((k) => k.accessKeyId !== target);
      if (operation === 'DeleteSigningCertificate') root.signingCertificates = root.signingCertificates.filter((c) => c.certificateId !== target);
      if (operation === 'DeleteVirtualMFADevice') root.mfaDevices = root.mfaDevices.filter((d) => d.serialNumber !== target);
      if (operation === 'DeactivateMFADevice') {
        // A virtual device stays, unassigned, until it is deleted; a hardware one is gone.
        root.mfaDevices = root.mfaDevices.flatMap((d) => (d.serialNumber !== target ? [d] : d.kind === 'virtual' ? [{ ...d, enabled: false }] : []));
      }
    }
  };
}

describe('bulk deletion over 200 sandbox accounts with 20% throttling and 2% faults', function () {
  this.timeout(180_000);
  let fx: TaskFixture;
  after(() => fx?.close());

  it('ends every account done or reported failed, acts on none twice, and pairs every intent with an outcome', async () => {
    // The SDK's default retries (3 attempts), as a user would run it: some accounts are expected to fail.
    fx = await startTaskFixture({ accounts: 201, seed: 7, throttling: { rate: 0.2 }, faults: { rate: 0.02 }, maxRecords: 100_000 });
    const world = fx.sandbox.world;
    const before = snapshotWorld(world);
    const targets = targetsOf(world.accounts);
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['password', 'accessKeys', 'signingCertificates', 'mfaDevices']), targets, {
      ...fx.baseOptions(),
      concurrency: 20,
    });
    const summary = summarizeTaskRun(run);

    // Every account ends in one state: done, failed with a reason, or the management account skipped.
    assert.equal(run.results.length, 201);
    assert.deepEqual(summary.skipped.map((r) => r.reason), ['management-account']);
    assert.equal(summary.notStarted.length + summary.dryRun.length, 0);
    assert.equal(summary.done.length + summary.failed.length, 200);
    for (const f of summary.failed) assert.ok(f.code && f.message, JSON.stringify(f));

    // The world is exactly the seed minus what the results say was changed, account by account.
    const edits = Object.fromEntries(
      [...summary.done.map((r) => [r.accountId, r.changes] as const), ...summary.failed.map((r) => [r.accountId, r.changed] as const)].map(([id, changes]) => [id, applyChanges(changes)]),
    );
    assertWorldIs(world, before, edits);
    for (const r of summary.done) {
      const root = world.account(r.accountId).root;
      assert.ok(!root.loginProfile && !root.accessKeys.length && !root.signingCertificates.length && !root.mfaDevices.length, r.accountId);
    }

    // None acted on twice: one delete session per account, and exactly one successful call per change.
    const sessionsByAccount = new Map<string, string[]>();
    for (const s of world.rootSessions) sessionsByAccount.set(s.accountId, [...(sessionsByAccount.get(s.accountId) ?? []), s.accessKeyId]);
    const accountOfSession = new Map(world.rootSessions.map((s) => [s.accessKeyId, s.accountId]));
    const successfulMutations = new Map<string, number>();
    for (const r of fx.sandbox.requests()) {
      if (!MUTATIONS.has(r.operation) || r.status >= 300) continue;
      const account = accountOfSession.get(r.accessKeyId ?? '')!;
      successfulMutations.set(account, (successfulMutations.get(account) ?? 0) + 1);
    }
    for (const r of [...summary.done, ...summary.failed]) {
      assert.ok((sessionsByAccount.get(r.accountId) ?? []).length <= 1, `${r.accountId} had ${sessionsByAccount.get(r.accountId)?.length} sessions`);
      const changed = (r.status === 'done' ? r.changes : r.changed).filter((c) => c.result === 'changed').length;
      assert.equal(successfulMutations.get(r.accountId) ?? 0, changed, r.accountId);
    }

    // The audit log pairs every intent with an outcome that matches the result.
    const { records, unreadableLines } = await fx.auditRecords();
    const { pairs, openIntents, orphanOutcomes } = pairAuditRecords(records);
    assert.equal(unreadableLines, 0);
    assert.deepEqual([openIntents.length, orphanOutcomes.length], [0, 0]);
    const pairByAccount = new Map(pairs.map((p) => [p.intent.accountId, p]));
    assert.equal(pairByAccount.size, pairs.length, 'one intent per account');
    for (const r of [...summary.done, ...summary.failed]) {
      const pair = pairByAccount.get(r.accountId);
      const changed = r.status === 'done' ? r.changes : r.changed;
      if (!pair) {
        // No intent: nothing was changed (nothing to delete, or a failure before acting).
        assert.deepEqual(changed, [], r.accountId);
        continue;
      }
      assert.equal(pair.outcome.outcome, r.status, r.accountId);
      assert.deepEqual(pair.outcome.changed, changed, r.accountId);
    }

    const requests = fx.sandbox.requests();
    const throttled = requests.filter((r) => r.errorCode === 'Throttling').length;
    const faults = requests.filter((r) => r.errorCode === 'ConnectionReset' || r.status >= 500).length;
    assert.ok(throttled > 0 && faults > 0, 'the knobs did throttle and fault');
    const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
    process.stdout.write(
      `      figures: ${summary.done.length} done, ${summary.failed.length} failed (${[...new Set(summary.failed.map((f) => f.code))].join(', ')}), ` +
        `${pairs.length} intent/outcome pairs, ${requests.length} requests, ${throttled} throttled, ${faults} faults, ${ms} ms\n`,
    );
  });
});
