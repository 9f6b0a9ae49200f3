import assert from 'node:assert/strict';
import type { AccountAuditResult } from '../../../../src/core/org/model';
import { type AuditProgress, auditAccounts } from '../../../../src/core/root/auditMany';
import type { SandboxAccount } from '../../../../src/sandbox/index';
import { type SandboxFixture, startSandboxFixture, trackCallsInFlight } from '../aws/sandboxClients';

function targetsOf(accounts: SandboxAccount[]) {
  return accounts.map((a) => ({ id: a.id, state: a.state, isManagement: a.role === 'management' }));
}

/** Counts AssumeRoot calls in flight on the STS client, the first call of every account's audit. */
function trackAssumeRootConcurrency(fx: SandboxFixture): { max: () => number } {
  return trackCallsInFlight(fx.clients.sts());
}

describe('auditAccounts against the sandbox', function () {
  this.timeout(30_000);

  it('audits every account with at most `concurrency` in flight and reports progress for each', async () => {
    const fx = await startSandboxFixture({ accounts: 60, scpBlockedAccounts: 0, suspendedAccounts: 0, latency: { fixedMs: 5 } });
    try {
      const tracker = trackAssumeRootConcurrency(fx);
      const progress: AuditProgress[] = [];
      const run = await auditAccounts(fx.clients, targetsOf(fx.sandbox.world.accounts), { concurrency: 4, onProgress: (p) => progress.push(p) });
      assert.equal(run.cancelled, false);
      assert.deepEqual(run.notAudited, []);
      assert.deepEqual(run.results.map((r) => r.accountId), fx.sandbox.world.accounts.map((a) => a.id));
      assert.equal(progress.length, 60);
      assert.deepEqual(progress.map((p) => p.completed), Array.from({ length: 60 }, (_, i) => i + 1));
      assert.ok(tracker.max() <= 4, `max in flight ${tracker.max()}`);
      assert.ok(tracker.max() > 1, 'the audits ran in parallel');
      const kinds = new Set(run.results.map((r) => r.kind));
      assert.deepEqual([...kinds].sort(), ['ok', 'skipped']);
    } finally {
      await fx.close();
    }
  });

  it('reports SCP-denied and suspended accounts per account and audits the rest', async () => {
    const fx = await startSandboxFixture({ accounts: 30, suspendedAccounts: 2, scpBlockedAccounts: 3 });
    try {
      const run = await auditAccounts(fx.clients, targetsOf(fx.sandbox.world.accounts));
      const byId = new Map(run.results.map((r) => [r.accountId, r]));
      for (const account of fx.sandbox.world.accounts) {
        const result = byId.get(account.id);
        const expected =
          account.role === 'management' || account.state !== 'ACTIVE' ? 'skipped' : account.scpDeniesRootSessions ? 'failed' : 'ok';
        assert.equal(result?.kind, expected, `${account.id}: ${JSON.stringify(result)}`);
      }
      const failed = run.results.filter((r): r is Extract<AccountAuditResult, { kind: 'failed' }> => r.kind === 'failed');
      assert.equal(failed.length, 3);
      for (const f of failed) assert.equal(f.code, 'AccessDenied');
    } finally {
      await fx.close();
    }
  });

  it('turns throttling past the retries into failed results for those accounts only', async () => {
    // Three AssumeRoot tokens and no refill: exactly three accounts get a session; one attempt, no retries.
    const fx = await startSandboxFixture(
      { accounts: 12, throttling: { perApi: { 'sts:AssumeRoot': { capacity: 3, refillPerSecond: 0 } } } },
      { maxAttempts: 1 },
    );
    try {
      const members = fx.sandbox.world.members;
      const run = await auditAccounts(fx.clients, targetsOf(members), { concurrency: 3 });
      assert.equal(run.results.length, members.length);
      assert.equal(run.results.filter((r) => r.kind === 'ok').length, 3);
      const failed = run.results.filter((r): r is Extract<AccountAuditResult, { kind: 'failed' }> => r.kind === 'failed');
      assert.equal(failed.length, members.length - 3);
      for (const f of failed) {
        assert.equal(f.code, 'Throttling');
        assert.match(f.likelyCause ?? '', /throttled/);
      }
    } finally {
      await fx.close();
    }
  });

  it('lets the SDK retries absorb throttling when attempts remain', async () => {
    // A seeded 20% of all calls throttled: the draws are fixed by the seed, so the run repeats exactly.
    const fx = await startSandboxFixture({ accounts: 5, scpBlockedAccounts: 0, suspendedAccounts: 0, throttling: { rate: 0.2 } }, { maxAttempts: 10 });
    try {
      const run = await auditAccounts(fx.clients, targetsOf(fx.sandbox.world.members), { concurrency: 2 });
      assert.deepEqual(run.results.map((r) => r.kind), run.results.map(() => 'ok'));
      assert.ok(fx.sandbox.requests().some((r) => r.errorCode === 'Throttling'), 'the sandbox did throttle');
    } finally {
      await fx.close();
    }
  });

  it('audits every account under 20% throttling with the default retry budget', async () => {
    // One account at a time keeps the seeded draws on the same calls from run to run: with the SDK's old
    // 3 attempts this very run fails three accounts; the default budget fails none.
    const fx = await startSandboxFixture({ accounts: 40, seed: 12, scpBlockedAccounts: 0, suspendedAccounts: 0, throttling: { rate: 0.2 } });
    try {
      const run = await auditAccounts(fx.clients, targetsOf(fx.sandbox.world.members), { concurrency: 1 });
      const failed = run.results.filter((r) => r.kind !== 'ok').map((r) => r.accountId);
      assert.deepEqual(failed, []);
      assert.equal(run.results.length, 39);
      assert.ok(fx.sandbox.requests().filter((r) => r.errorCode === 'Throttling').length > 20, 'the sandbox did throttle');
    } finally {
      await fx.close();
    }
  });

  it('on cancel starts no new account, stops within one in-flight wave and resolves with what it finished', async () => {
    const fx = await startSandboxFixture({ accounts: 40, latency: { fixedMs: 10 } });
    try {
      const concurrency = 4;
      const controller = new AbortController();
      let completedAtAbort = -1;
      const run = await auditAccounts(fx.clients, targetsOf(fx.sandbox.world.members), {
        concurrency,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.completed === 5) {
            completedAtAbort = p.completed;
            controller.abort();
          }
        },
      });
      assert.equal(run.cancelled, true);
      assert.equal(completedAtAbort, 5);
      assert.equal(run.results.length + run.notAudited.length, 39);
      // Started at most: the five finished plus one wave in flight when the abort came.
      assert.ok(fx.sandbox.world.rootSessions.length <= completedAtAbort + concurrency, `${fx.sandbox.world.rootSessions.length} sessions`);
      assert.ok(run.results.length <= completedAtAbort + concurrency - 1);
    } finally {
      await fx.close();
    }
  });

  it('rejects a concurrency that is not a positive whole number', async () => {
    const fx = await startSandboxFixture({ accounts: 3 });
    try {
      await assert.rejects(auditAccounts(fx.clients, [], { concurrency: 0 }), { code: 'InvalidConcurrency' });
    } finally {
      await fx.close();
    }
  });

  it('opens one session per account when an account is listed more than once', async () => {
    const fx = await startSandboxFixture({ accounts: 8, scpBlockedAccounts: 0, suspendedAccounts: 0 });
    try {
      const [a, b] = fx.sandbox.world.members.filter((m) => m.role === 'member');
      const run = await auditAccounts(fx.clients, targetsOf([a, b, a, a, b]), { concurrency: 5 });
      assert.deepEqual(run.results.map((r) => r.accountId), [a.id, b.id]);
      assert.deepEqual(fx.sandbox.world.rootSessions.map((s) => s.accountId).sort(), [a.id, b.id].sort());
    } finally {
      await fx.close();
    }
  });
});
