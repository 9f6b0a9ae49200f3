import assert from 'node:assert/strict';
import { auditAccount, mfaKindOf } from '../../../../src/core/root/audit';
import type { AccountAuditResult, RootCredentialStatus } from '../../../../src/core/org/model';
import { ROOT_PROFILES, type SandboxAccount } from '../../../../src/sandbox/index';
import { type SandboxFixture, startSandboxFixture } from '../aws/sandboxClients';

/** The status an audit must report for a seeded account, computed from the sandbox's own data. */
function expectedStatus(account: SandboxAccount): RootCredentialStatus {
  const root = account.root;
  const enabledMfa = root.mfaDevices.filter((d) => d.enabled);
  return {
    password: {
      present: Boolean(root.loginProfile),
      createdAt: root.loginProfile?.createDate.toISOString(),
      lastUsedAt: root.passwordLastUsed?.toISOString(),
      resetRequired: root.loginProfile?.passwordResetRequired,
    },
    accessKeys: root.accessKeys.map((k) => ({
      id: k.accessKeyId,
      status: k.status,
      createdAt: k.createDate.toISOString(),
      lastUsedAt: k.lastUsed?.date.toISOString(),
      lastUsedService: k.lastUsed?.serviceName,
      lastUsedRegion: k.lastUsed?.region,
    })),
    mfaDevices: enabledMfa.map((d) => ({ serialNumber: d.serialNumber, kind: d.kind, enabledAt: d.enableDate.toISOString() })),
    signingCertificates: root.signingCertificates.map((c) => ({ id: c.certificateId, status: c.status, uploadedAt: c.uploadDate.toISOString() })),
    summary: {
      accountMfaEnabled: enabledMfa.length > 0,
      accountAccessKeysPresent: root.accessKeys.length > 0,
      accountPasswordPresent: Boolean(root.loginProfile),
      accountSigningCertificatesPresent: root.signingCertificates.length > 0,
    },
  };
}

/** Drops undefined members so a parsed status and an expected one compare by their real content. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

function targetOf(account: SandboxAccount) {
  return { id: account.id, state: account.state, isManagement: account.role === 'management' };
}

describe('auditAccount against the sandbox', function () {
  this.timeout(20_000);
  let fx: SandboxFixture;

  before(async () => {
    fx = await startSandboxFixture({ accounts: 40, suspendedAccounts: 3, scpBlockedAccounts: 2 });
  });
  after(() => fx.close());

  const active = () => fx.sandbox.world.members.filter((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions);

  for (const profile of ROOT_PROFILES) {
    it(`reports the seeded root credentials of a "${profile}" account`, async () => {
      const account = active().find((a) => a.rootProfile === profile);
      assert.ok(account, `the seeded world has an active ${profile} account`);
      const result = await auditAccount(fx.clients, targetOf(account));
      assert.equal(result.kind, 'ok', JSON.stringify(result));
      assert.deepEqual(plain((result as Extract<AccountAuditResult, { kind: 'ok' }>).status), plain(expectedStatus(account)));
    });
  }

  it('names the root session it used, which the sandbox issued for the audit task policy', async () => {
    const account = active()[0];
    const result = await auditAccount(fx.clients, targetOf(account));
    assert.equal(result.kind, 'ok');
    const session = fx.sandbox.world.rootSessions.find((s) => s.accessKeyId === (result as { sessionAccessKeyId: string }).sessionAccessKeyId);
    assert.ok(session);
    assert.equal(session.accountId, account.id);
    assert.equal(session.taskPolicy, 'IAMAuditRootUserCredentials');
    assert.equal((session.expiresAt.getTime() - session.issuedAt.getTime()) / 1000, 300);
  });

  it('skips the management account without calling AssumeRoot', async () => {
    const before = fx.sandbox.world.rootSessions.length;
    const result = await auditAccount(fx.clients, targetOf(fx.sandbox.world.managementAccount));
    assert.equal(result.kind, 'skipped');
    assert.equal((result as { reason: string }).reason, 'management-account');
    assert.equal(fx.sandbox.world.rootSessions.length, before);
  });

  it('skips suspended and closed accounts with their state as the reason', async () => {
    const inactive = fx.sandbox.world.members.filter((a) => a.state !== 'ACTIVE');
    assert.equal(inactive.length, 3);
    for (const account of inactive) {
      const result = await auditAccount(fx.clients, targetOf(account));
      assert.deepEqual([result.kind, (result as { reason?: string }).reason], ['skipped', 'not-active']);
      assert.match((result as { detail: string }).detail, new RegExp(account.state));
    }
  });

  it('reports an SCP-denied account as failed with AccessDenied and the SCP as the likely cause', async () => {
    const blocked = fx.sandbox.world.members.filter((a) => a.scpDeniesRootSessions && a.state === 'ACTIVE');
    assert.ok(blocked.length > 0);
    const result = await auditAccount(fx.clients, targetOf(blocked[0]));
    assert.equal(result.kind, 'failed', JSON.stringify(result));
    const failed = result as Extract<AccountAuditResult, { kind: 'failed' }>;
    assert.equal(failed.code, 'AccessDenied');
    assert.match(failed.likelyCause ?? '', /service control policy/);
  });

  it('keeps no secret the sandbox issued in any result', async () => {
    const results = await Promise.all(fx.sandbox.world.accounts.map((a) => auditAccount(fx.clients, targetOf(a))));
    const text = JSON.stringify(results);
    const secrets = fx.sandbox.issuedSecrets();
    assert.ok(secrets.length > 0);
    for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret leaked into a result');
  });

  it('throws an abort instead of reporting it as a failure', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(auditAccount(fx.clients, targetOf(active()[0]), { signal: controller.signal }), { name: 'AbortError' });
  });
});

describe('mfaKindOf', () => {
  it('tells virtual devices, security keys and hardware tokens apart', () => {
    assert.equal(mfaKindOf('arn:aws:iam::123456789012:mfa/root-account-mfa-device'), 'virtual');
    assert.equal(mfaKindOf('arn:aws:iam::123456789012:u2f/root-account-mfa-device/ABC'), 'security-key');
    assert.equal(mfaKindOf('GAHT12345678'), 'hardware');
  });
});
