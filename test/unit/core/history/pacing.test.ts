import assert from 'node:assert/strict';
import { lookupAssumeRootEvents } from '../../../../src/core/history/lookup';
import type { PacingClock } from '../../../../src/core/history/pacing';
import { taskPolicyArn } from '../../../../src/core/root/taskPolicies';
import { assumeRootEvent } from '../../../../src/sandbox/trail';
import { startSandboxFixture, type SandboxFixture } from '../aws/sandboxClients';

const DAY_MS = 86_400_000;

describe('root session history: LookupEvents pacing', function () {
  this.timeout(60_000);
  // One clock for the sandbox and the pacing: a wait moves it at once, and the sandbox stamps each request with it.
  let now = Date.now();
  const clock: PacingClock = {
    nowMs: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      if (ms > 0) now += ms;
    },
  };
  let f: SandboxFixture;
  beforeEach(async () => {
    now = Date.now();
    // Other callers share the limit: 60% of LookupEvents calls are throttled, and the SDK retries them.
    f = await startSandboxFixture({ accounts: 4, seedHistory: false, now: () => now, throttling: { rate: 0.6 } }, { maxAttempts: 12 });
  });
  afterEach(() => f.close());

  it('spaces every attempt to a region, the SDK’s retries too: no second holds more than two requests', async () => {
    const { world } = f.sandbox;
    for (let i = 0; i < 300; i++) {
      world.cloudTrail.add(
        assumeRootEvent({
          caller: { kind: 'user', accountId: world.organization.managementAccountId, userName: 'bulk', accessKeyId: 'AKIASANDBOX0BULK0001' },
          region: 'eu-west-1',
          time: new Date(now - (i + 1) * 60_000),
          targetPrincipal: world.members[1].id,
          taskPolicyArn: taskPolicyArn('IAMAuditRootUserCredentials'),
          session: { accessKeyId: `ASIASANDBOXPACE${String(i).padStart(5, '0')}`, sessionToken: 'pace-token', expiration: new Date(now) },
        }),
      );
    }
    const result = await lookupAssumeRootEvents(f.clients, { regions: ['eu-west-1'], start: new Date(now - 90 * DAY_MS), end: new Date(now), clock });
    assert.deepEqual(result.regions, [{ region: 'eu-west-1', pages: 6, events: 300 }]);
    const lookups = f.sandbox.requests().filter((r) => r.operation === 'LookupEvents');
    assert.ok(lookups.length > 6, 'some pages were throttled and retried');
    const gaps = lookups.slice(1).map((r, i) => r.receivedMs - lookups[i].receivedMs);
    assert.deepEqual(gaps.filter((gap) => gap < 500), [], 'each request at least 500 ms after the one before');
    const busiest = Math.max(...lookups.map((r) => lookups.filter((o) => o.receivedMs >= r.receivedMs && o.receivedMs < r.receivedMs + 1000).length));
    assert.equal(busiest, 2);
  });
});
