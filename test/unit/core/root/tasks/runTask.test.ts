import assert from 'node:assert/strict';
import { pairAuditRecords, readAuditLog } from '../../../../../src/core/root/auditLog';
import { deleteRootCredentialsTask } from '../../../../../src/core/root/deleteCredentials';
import { runRootTask } from '../../../../../src/core/root/runTask';
import type { AccountTaskResult, SessionEvent } from '../../../../../src/core/root/taskRun';
import type { RootTask } from '../../../../../src/core/root/taskModel';
import { formatTaskRun, summarizeTaskRun } from '../../../../../src/core/root/taskReport';
import { type AccountSnapshot, type TaskFixture, assertWorldIs, memberWith, snapshotWorld, startTaskFixture, targetsOf } from './taskFixture';

const ALL_KINDS = ['password', 'accessKeys', 'signingCertificates', 'mfaDevices'] as const;

describe('runRootTask: targets, safety and cancellation against the sandbox', function () {
  this.timeout(30_000);
  let fx: TaskFixture;
  afterEach(() => fx.close());

  it('never targets the management account, refuses protected accounts and skips inactive ones', async () => {
    fx = await startTaskFixture({ accounts: 12, suspendedAccounts: 1 });
    const world = fx.sandbox.world;
    const guarded = memberWith(world, 'passwordUsed');
    const suspended = world.members.find((a) => a.state !== 'ACTIVE')!;
    const before = snapshotWorld(world);
    // The management account is passed as if it were an ordinary member: the id alone must stop it.
    const targets = [{ id: world.managementAccount.id }, { id: guarded.id }, ...targetsOf([suspended])];
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(ALL_KINDS), targets, { ...fx.baseOptions(), protectedAccounts: [guarded.id] });
    assert.deepEqual(
      run.results.map((r) => r.status === 'skipped' && r.reason),
      ['management-account', 'protected', 'not-active'],
    );
    assertWorldIs(world, before, {});
    assert.equal(world.rootSessions.length, 0, 'no session was even opened');
  });

  it('acts on a protected account when the override was confirmed', async () => {
    fx = await startTaskFixture({ accounts: 12 });
    const guarded = memberWith(fx.sandbox.world, 'activeKeyUsed');
    const before = snapshotWorld(fx.sandbox.world);
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([guarded]), {
      ...fx.baseOptions(),
      protectedAccounts: [guarded.id],
      overrideProtected: true,
    });
    assert.equal(run.results[0].status, 'done');
    assertWorldIs(fx.sandbox.world, before, { [guarded.id]: (a) => void (a.root.accessKeys = []) });
    const { records } = await fx.auditRecords();
    assert.deepEqual(records.map((r) => [r.type, r.accountId, r.protectionOverridden]), [['intent', guarded.id, true], ['outcome', guarded.id, true]]);
  });

  it('records no override for accounts that are not protected', async () => {
    fx = await startTaskFixture({ accounts: 12 });
    const [guarded, other] = [memberWith(fx.sandbox.world, 'activeKeyUsed'), memberWith(fx.sandbox.world, 'activeKeyNeverUsed')];
    await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([guarded, other]), { ...fx.baseOptions(), protectedAccounts: [guarded.id], overrideProtected: true });
    const { records } = await fx.auditRecords();
    assert.deepEqual(records.filter((r) => r.accountId === other.id).map((r) => r.protectionOverridden), [undefined, undefined]);
    assert.ok(records.filter((r) => r.accountId === guarded.id).every((r) => r.protectionOverridden === true));
  });

  it('runs an account listed twice once', async () => {
    fx = await startTaskFixture({ accounts: 12 });
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([account, account]), fx.baseOptions());
    assert.equal(run.results.length, 1);
    assert.equal(fx.sandbox.world.rootSessions.length, 1);
  });

  it('goes on past a failed account and reports the failure with its likely cause', async () => {
    fx = await startTaskFixture({ accounts: 30, scpBlockedAccounts: 2 });
    const world = fx.sandbox.world;
    const members = world.members.filter((a) => a.role === 'member');
    const before = snapshotWorld(world);
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf(members), fx.baseOptions());
    const summary = summarizeTaskRun(run);
    assert.deepEqual(summary.failed.map((r) => r.accountId).sort(), members.filter((a) => a.scpDeniesRootSessions).map((a) => a.id).sort());
    for (const f of summary.failed) {
      assert.equal(f.code, 'AccessDenied');
      assert.match(f.likelyCause ?? '', /service control policy/);
      assert.deepEqual(f.changed, []);
    }
    assert.equal(summary.done.length, members.length - 2);
    const edits = Object.fromEntries(summary.done.map((r) => [r.accountId, (a: AccountSnapshot) => void (a.root.accessKeys = [])]));
    assertWorldIs(world, before, edits);
    assert.match(formatTaskRun(run), /2 failed/);
  });

  it('writes the intent to disk before the first change, so a crash right after leaves it there', async () => {
    fx = await startTaskFixture({ accounts: 12 });
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    const real = deleteRootCredentialsTask(['accessKeys']);
    let onDiskWhenActing: Awaited<ReturnType<typeof readAuditLog>> | undefined;
    const observed: RootTask = {
      ...real,
      async applyChange(session, change) {
        onDiskWhenActing ??= await readAuditLog(fx.auditLog.path);
        return real.applyChange(session, change);
      },
    };
    await runRootTask(fx.clients, observed, targetsOf([account]), fx.baseOptions());
    const { openIntents, pairs } = pairAuditRecords(onDiskWhenActing!.records);
    assert.equal(pairs.length, 0);
    assert.equal(openIntents.length, 1);
    assert.equal(openIntents[0].accountId, account.id);
  });

  it('reports each session opening and ending, with its expiry, for a countdown', async () => {
    fx = await startTaskFixture({ accounts: 12 });
    const account = memberWith(fx.sandbox.world, 'activeKeyUsed');
    const events: SessionEvent[] = [];
    await runRootTask(fx.clients, deleteRootCredentialsTask(['accessKeys']), targetsOf([account]), {
      ...fx.baseOptions(),
      durationSeconds: 120,
      onSession: (e) => events.push(e),
    });
    assert.deepEqual(events.map((e) => e.open), [true, false]);
    const issued = fx.sandbox.world.rootSessions[0];
    assert.equal(events[0].sessionAccessKeyId, issued.accessKeyId);
    // The wire carries whole seconds.
    assert.equal(events[0].expiresAt?.getTime(), Math.floor(issued.expiresAt.getTime() / 1000) * 1000);
    assert.equal((issued.expiresAt.getTime() - issued.issuedAt.getTime()) / 1000, 120);
  });

  it('on cancel starts no new account and leaves every account done or untouched, as the audit log says', async () => {
    fx = await startTaskFixture({ accounts: 40, latency: { fixedMs: 3 } });
    const world = fx.sandbox.world;
    const members = world.members.filter((a) => a.role === 'member');
    const before = snapshotWorld(world);
    const controller = new AbortController();
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(ALL_KINDS), targetsOf(members), {
      ...fx.baseOptions(),
      concurrency: 4,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.completed === 6) controller.abort();
      },
    });
    assert.equal(run.cancelled, true);
    const byStatus = summarizeTaskRun(run);
    assert.equal(byStatus.failed.length, 0);
    assert.ok(byStatus.done.length >= 6, `${byStatus.done.length} done`);
    assert.ok(byStatus.notStarted.length > 0, 'some accounts were never started');
    assert.equal(byStatus.done.length + byStatus.notStarted.length, members.length);

    const doneIds = new Set(byStatus.done.map((r) => r.accountId));
    const cleared = (a: AccountSnapshot) => {
      delete a.root.loginProfile;
      Object.assign(a.root, { accessKeys: [], signingCertificates: [], mfaDevices: [] });
    };
    // Done accounts lost exactly their credentials; every other account is exactly as seeded.
    assertWorldIs(world, before, Object.fromEntries([...doneIds].map((id) => [id, cleared])));

    const { records } = await fx.auditRecords();
    const { pairs, openIntents } = pairAuditRecords(records);
    assert.deepEqual(openIntents, []);
    const changedAccounts = new Set(pairs.map((p) => p.intent.accountId));
    for (const p of pairs) assert.equal(p.outcome.outcome, 'done');
    const withCredentials = [...doneIds].filter((id) => before.get(id)!.root.accessKeys.length || before.get(id)!.root.loginProfile || before.get(id)!.root.mfaDevices.length || before.get(id)!.root.signingCertificates.length);
    assert.deepEqual([...changedAccounts].sort(), withCredentials.sort());
    // An account not started has no record, unless its session was reading when the cancel came: then it has
    // exactly one, saying so.
    for (const r of byStatus.notStarted) {
      const mine = records.filter((rec) => rec.accountId === r.accountId).map((rec) => [rec.type, rec.type === 'plan' && rec.reason, rec.sessionAccessKeyId]);
      assert.deepEqual(mine, r.sessionAccessKeyId ? [['plan', 'cancelled', r.sessionAccessKeyId]] : [], r.accountId);
    }
    assert.match(formatTaskRun(run), /Not started \(cancelled; untouched\)/);
  });

  it('runs nothing and writes nothing when cancelled before it starts', async () => {
    fx = await startTaskFixture({ accounts: 12 });
    const controller = new AbortController();
    controller.abort();
    const run = await runRootTask(fx.clients, deleteRootCredentialsTask(ALL_KINDS), targetsOf(fx.sandbox.world.members), { ...fx.baseOptions(), signal: controller.signal });
    assert.ok(run.results.every((r: AccountTaskResult) => r.status === 'not-started'));
    assert.equal(fx.sandbox.world.rootSessions.length, 0);
    assert.deepEqual((await fx.auditRecords()).records, []);
  });
});
