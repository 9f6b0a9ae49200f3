import assert from 'node:assert/strict';
import { loadOrganization } from '../../../../src/core/org/loadOrganization';
import type { OrgSnapshot } from '../../../../src/core/org/model';
import type { World } from '../../../../src/sandbox/index';
import { startSandboxFixture, trackCallsInFlight } from '../aws/sandboxClients';

/** Accounts the snapshot lacks must be exactly those under the parents whose account listing failed. */
function assertKeptEverythingElse(snapshot: OrgSnapshot, world: World): void {
  const unlistedAccounts = new Set(snapshot.unlisted?.filter((u) => u.listing === 'accounts').map((u) => u.parentId));
  const expected = world.accounts.filter((a) => !unlistedAccounts.has(a.parentId)).map((a) => a.id).sort();
  assert.deepEqual(snapshot.accounts.map((a) => a.id).sort(), expected);
}

describe('loading the organization under throttling and faults', function () {
  this.timeout(30_000);

  it('lists every parent concurrently, never more than `concurrency` calls in flight', async () => {
    const fx = await startSandboxFixture({ accounts: 64, ouDepth: 5, latency: { fixedMs: 20 } });
    try {
      const listings = trackCallsInFlight(fx.clients.organizations(), (command) => /ForParentCommand$/.test(command));
      const snapshot = await loadOrganization(fx.clients, { concurrency: 3 });
      assert.equal(listings.max(), 3, 'the limit is reached and never passed');
      assert.equal(snapshot.accounts.length, fx.sandbox.world.accounts.length);
      assert.equal(snapshot.units.length, fx.sandbox.world.organizationalUnits.length);
    } finally {
      await fx.close();
    }
  });

  it('lists the root together with the overview, not after it', async () => {
    const fx = await startSandboxFixture({ accounts: 16, latency: { fixedMs: 20 } });
    try {
      const opening = trackCallsInFlight(fx.clients.organizations(), (command) => /^(ListRoots|DescribeOrganization)Command$/.test(command));
      await loadOrganization(fx.clients);
      assert.equal(opening.max(), 2, 'ListRoots is in flight with DescribeOrganization');
      const member = await fx.clientsAs('member');
      await assert.rejects(loadOrganization(member), { code: 'NotManagementOrDelegatedAdmin' }, 'a member still hears why, not that ListRoots was refused');
    } finally {
      await fx.close();
    }
  });

  it('keeps every listing that worked and reports the ones that failed after every retry', async () => {
    // Four ListAccountsForParent calls succeed, every later one is throttled for good.
    const fx = await startSandboxFixture(
      { accounts: 64, ouDepth: 5, throttling: { perApi: { 'organizations:ListAccountsForParent': { capacity: 4, refillPerSecond: 0 } } } },
      { maxAttempts: 2 },
    );
    try {
      const world = fx.sandbox.world;
      const snapshot = await loadOrganization(fx.clients);
      assert.ok(snapshot.unlisted && snapshot.unlisted.length > 0, 'some account listings failed');
      for (const u of snapshot.unlisted) {
        assert.equal(u.listing, 'accounts');
        assert.equal(u.code, 'TooManyRequests');
      }
      assert.deepEqual(snapshot.units.map((u) => u.id).sort(), world.organizationalUnits.map((u) => u.id).sort(), 'every OU is still listed');
      assertKeptEverythingElse(snapshot, world);
      assert.ok(snapshot.accounts.length > 0, 'the accounts of the listings that worked are kept');
    } finally {
      await fx.close();
    }
  });

  it('loads the whole organization under 20% throttling with the default retry budget', async () => {
    // One call at a time, so the seeded throttling draws fall on the same calls every run: with the SDK's
    // old 3 attempts this very run loses two listings; the default budget loses none.
    const fx = await startSandboxFixture({ accounts: 200, ouDepth: 5, seed: 3, throttling: { rate: 0.2 } });
    try {
      const world = fx.sandbox.world;
      const snapshot = await loadOrganization(fx.clients, { concurrency: 1 });
      assert.equal(snapshot.unlisted, undefined);
      assert.deepEqual(snapshot.accounts.map((a) => a.id).sort(), world.accounts.map((a) => a.id).sort());
      assert.ok(fx.sandbox.requests().filter((r) => r.errorCode === 'TooManyRequestsException').length > 5, 'the sandbox did throttle');
    } finally {
      await fx.close();
    }
  });

  it('stops a listing whose server repeats the page marker, and loads the rest', async () => {
    const fx = await startSandboxFixture({ accounts: 200, ouDepth: 2, faults: { repeatPageToken: true } });
    try {
      const world = fx.sandbox.world;
      const sizes = new Map<string, number>();
      for (const a of world.accounts) sizes.set(a.parentId, (sizes.get(a.parentId) ?? 0) + 1);
      const paged = [...sizes].filter(([, n]) => n > 20).map(([id]) => id).sort();
      assert.ok(paged.length > 0, 'some parent has more than one page of accounts');
      const snapshot = await loadOrganization(fx.clients);
      assert.deepEqual(snapshot.unlisted?.map((u) => [u.parentId, u.listing, u.code]).sort(), paged.map((id) => [id, 'accounts', 'PagingLoop']));
      assertKeptEverythingElse(snapshot, world);
    } finally {
      await fx.close();
    }
  });
});
