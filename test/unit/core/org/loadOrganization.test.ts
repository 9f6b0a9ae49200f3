import assert from 'node:assert/strict';
import { listChildren, loadOrganization, openOrganization } from '../../../../src/core/org/loadOrganization';
import { warningsDuring } from '../aws/processWarnings';
import { type SandboxFixture, startSandboxFixture } from '../aws/sandboxClients';

describe('loading the organization from the sandbox', function () {
  this.timeout(20_000);
  let fx: SandboxFixture;

  before(async () => {
    // Every third Organizations page comes back empty with a NextToken (the sandbox default).
    fx = await startSandboxFixture({ accounts: 64, ouDepth: 5, suspendedAccounts: 4 });
  });
  after(() => fx.close());

  it('loads every OU and account at once with the right parents, states and roles', async () => {
    const world = fx.sandbox.world;
    const snapshot = await loadOrganization(fx.clients);
    assert.equal(snapshot.organization.id, world.organization.id);
    assert.equal(snapshot.organization.managementAccountId, world.organization.managementAccountId);
    assert.equal(snapshot.root.id, world.organization.rootId);
    const units = snapshot.units.map((u) => [u.id, u.parentId]).sort();
    assert.deepEqual(units, world.organizationalUnits.map((u) => [u.id, u.parentId]).sort());
    const accounts = snapshot.accounts.map((a) => [a.id, a.parentId, a.state, a.isManagement, a.isDelegatedAdmin]).sort();
    const expected = world.accounts.map((a) => [a.id, a.parentId, a.state, a.role === 'management', a.role === 'delegatedAdmin']).sort();
    assert.deepEqual(accounts, expected);
    assert.ok(snapshot.accounts.some((a) => a.state === 'CLOSED' || a.state === 'SUSPENDED'));
  });

  it('reports the caller and the feature switches of the organization', async () => {
    const overview = await openOrganization(fx.clients);
    assert.equal(overview.caller.role, 'management');
    assert.equal(overview.caller.accountId, fx.sandbox.world.organization.managementAccountId);
    assert.deepEqual(
      { trusted: overview.features.trustedAccess, rcm: overview.features.rootCredentialsManagement, rs: overview.features.rootSessions },
      { trusted: true, rcm: true, rs: true },
    );
    assert.deepEqual(overview.features.delegatedAdmins.map((a) => a.accountId), [fx.sandbox.world.accounts[1].id]);
    assert.deepEqual(overview.features.errors, {});
  });

  it('lists one level lazily: exactly the direct children of a parent', async () => {
    const world = fx.sandbox.world;
    const overview = await openOrganization(fx.clients);
    const deep = world.organizationalUnits.find((u) => u.depth === 2 && world.accounts.some((a) => a.parentId === u.id));
    assert.ok(deep);
    for (const parentId of [world.organization.rootId, deep.id]) {
      const children = await listChildren(fx.clients, parentId, overview);
      assert.deepEqual(children.units.map((u) => u.id).sort(), world.organizationalUnits.filter((u) => u.parentId === parentId).map((u) => u.id).sort());
      assert.deepEqual(children.accounts.map((a) => a.id).sort(), world.accounts.filter((a) => a.parentId === parentId).map((a) => a.id).sort());
    }
  });

  it('recognises the delegated admin as a caller that may run root tasks', async () => {
    const overview = await openOrganization(await fx.clientsAs('delegatedAdmin'));
    assert.equal(overview.caller.role, 'delegatedAdmin');
    assert.ok(overview.root);
  });

  it('tells a plain member account it cannot list the organization', async () => {
    const member = await fx.clientsAs('member');
    const overview = await openOrganization(member);
    assert.equal(overview.caller.role, 'member');
    assert.equal(overview.root, undefined);
    assert.ok(overview.features.errors.features, 'the features check records why it failed');
    await assert.rejects(loadOrganization(member), { code: 'NotManagementOrDelegatedAdmin' });
  });

  it('stops on an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(loadOrganization(fx.clients, { signal: controller.signal }), { name: 'AbortError' });
  });

  it('keeps many listings in flight on one signal without a listener-leak warning', async () => {
    const controller = new AbortController();
    let accounts = 0;
    const warnings = await warningsDuring(async () => {
      accounts = (await loadOrganization(fx.clients, { signal: controller.signal, concurrency: 32 })).accounts.length;
    });
    assert.equal(accounts, fx.sandbox.world.accounts.length);
    assert.deepEqual(warnings.map((w) => w.name), []);
  });

  it('asks for full pages of 20, not the service default', async () => {
    // 120 accounts under the root: six pages of 20 and, as the sandbox answers every third page empty, two
    // empty ones: 8 calls. The sandbox's default page is 10, as AWS's default is not documented: 18 calls.
    const flat = await startSandboxFixture({ accounts: 120, ouDepth: 0 });
    try {
      const snapshot = await loadOrganization(flat.clients);
      assert.equal(snapshot.accounts.length, 120);
      const pages = flat.sandbox.requests().filter((r) => r.operation === 'ListAccountsForParent');
      assert.equal(pages.length, 8);
    } finally {
      await flat.close();
    }
  });
});
