import assert from 'node:assert/strict';
import net from 'node:net';
import os from 'node:os';
import { accountIdAt, buildWorld, ROOT_PROFILES, startSandbox } from '../../../src/sandbox/index';

/** gitleaks' AWS access key rule: sandbox key ids must never match it. */
const REAL_KEY_ID = /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/;

describe('sandbox world', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const strip = (w: ReturnType<typeof buildWorld>) => JSON.stringify({ accounts: w.accounts, ous: w.organizationalUnits, org: w.organization });
    assert.equal(strip(buildWorld({ accounts: 200, seed: 3 })), strip(buildWorld({ accounts: 200, seed: 3 })));
    assert.notEqual(strip(buildWorld({ accounts: 200, seed: 3 })), strip(buildWorld({ accounts: 200, seed: 4 })));
  });

  it('builds 1,000 accounts with fake ids, every credential profile and nesting up to 5 levels', () => {
    const world = buildWorld({ accounts: 1000, ouDepth: 5 });
    assert.equal(world.accounts.length, 1000);
    assert.equal(new Set(world.accounts.map((a) => a.id)).size, 1000);
    assert.ok(world.accounts.every((a, i) => a.id === accountIdAt(i) && /^9999\d{8}$/.test(a.id)));
    assert.deepEqual(new Set(world.members.map((a) => a.rootProfile)), new Set(ROOT_PROFILES));
    assert.equal(Math.max(...world.organizationalUnits.map((o) => o.depth)), 5);
    assert.ok(world.organizationalUnits.every((o) => o.parentId === world.organization.rootId || world.findOu(o.parentId)!.depth === o.depth - 1));
    assert.equal(world.accounts.filter((a) => a.state !== 'ACTIVE').length, Math.floor(1000 / 30));
    assert.equal(world.accounts.filter((a) => a.scpDeniesRootSessions).length, 20);
    assert.equal(world.managementAccount.role, 'management');
    assert.deepEqual(world.delegatedAdministrators.map((d) => [d.accountId, d.servicePrincipal]), [[accountIdAt(1), 'iam.amazonaws.com']]);
  });

  it('seeds root credentials to match each profile', () => {
    const world = buildWorld({ accounts: 12 });
    const of = (profile: string) => world.members.find((a) => a.rootProfile === profile)!.root;
    assert.equal(of('none').loginProfile, undefined);
    assert.deepEqual([of('none').accessKeys, of('none').mfaDevices, of('none').signingCertificates], [[], [], []]);
    assert.ok(of('passwordNeverUsed').loginProfile && !of('passwordNeverUsed').passwordLastUsed);
    assert.ok(of('passwordUsed').passwordLastUsed);
    assert.deepEqual(of('inactiveKey').accessKeys.map((k) => k.status), ['Inactive']);
    assert.equal(of('activeKeyNeverUsed').accessKeys[0].lastUsed, undefined);
    assert.deepEqual(of('hardwareMfa').mfaDevices.map((d) => d.kind), ['hardware']);
    assert.deepEqual(of('passwordAndVirtualMfa').mfaDevices.map((d) => d.kind), ['virtual']);
    assert.equal(of('signingCertificate').signingCertificates.length, 1);
    const everything = of('everything');
    assert.deepEqual([everything.accessKeys.length, everything.mfaDevices.length, everything.signingCertificates.length, !!everything.loginProfile], [2, 1, 1, true]);
  });

  it('honours the knobs: mix, suspended, SCP-blocked, locked resources, features, no delegated admin', () => {
    const world = buildWorld({
      accounts: 40,
      ouDepth: 0,
      credentialMix: ['hardwareMfa'],
      suspendedAccounts: 5,
      scpBlockedAccounts: 4,
      lockedBuckets: 6,
      lockedQueues: 7,
      delegatedAdmin: false,
      features: { rootSessions: false },
    });
    assert.ok(world.members.every((a) => a.rootProfile === 'hardwareMfa'));
    assert.ok(world.accounts.every((a) => a.parentId === world.organization.rootId));
    assert.equal(world.accounts.filter((a) => a.state !== 'ACTIVE').length, 5);
    assert.equal(world.accounts.filter((a) => a.scpDeniesRootSessions).length, 4);
    assert.equal(world.accounts.filter((a) => a.buckets.some((b) => b.policy)).length, 6);
    assert.equal(world.accounts.filter((a) => a.queues.some((q) => q.attributes.Policy)).length, 7);
    assert.deepEqual(world.delegatedAdministrators, []);
    assert.deepEqual(world.features, { rootCredentialsManagement: true, rootSessions: false });
    assert.throws(() => buildWorld({ accounts: 2 }), RangeError);
    assert.throws(() => buildWorld({ ouDepth: 6 }), RangeError);
  });

  it('issues keys that look like AWS keys yet never match a secret scanner, and lists every secret', async () => {
    const sandbox = await startSandbox({ accounts: 4 });
    try {
      const ids = [...Object.values(sandbox.credentials).map((c) => c.accessKeyId), ...sandbox.world.accounts.flatMap((a) => a.root.accessKeys.map((k) => k.accessKeyId))];
      for (const id of ids) {
        assert.match(id, /^(AKIA|ASIA)SANDBOX\w+$/);
        assert.equal(id.length, 20);
        assert.doesNotMatch(id, REAL_KEY_ID);
      }
      const secrets = sandbox.issuedSecrets();
      assert.deepEqual(secrets, Object.values(sandbox.credentials).map((c) => c.secretAccessKey));
      assert.ok(secrets.every((s) => s.length === 40));
      const other = await startSandbox({ accounts: 4 });
      assert.notEqual(other.credentials.management.secretAccessKey, sandbox.credentials.management.secretAccessKey);
      await other.close();
    } finally {
      await sandbox.close();
    }
  });

  it('binds to 127.0.0.1 only', async () => {
    const sandbox = await startSandbox({ accounts: 3 });
    try {
      assert.match(sandbox.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      // The same port on any non-loopback address of this machine must refuse connections.
      const external = Object.values(os.networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4');
      for (const nic of external) {
        const outcome = await new Promise<string>((resolve) => {
          const socket = net.connect(sandbox.port, nic!.address, () => resolve('connected'));
          socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
          socket.setTimeout(2000, () => resolve('timeout'));
        });
        assert.notEqual(outcome, 'connected', nic!.address);
      }
    } finally {
      await sandbox.close();
    }
  });
});
