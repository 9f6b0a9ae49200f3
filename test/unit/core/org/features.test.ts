import assert from 'node:assert/strict';
import { IAMClient, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClients } from '../../../../src/core/aws/clients';
import { enableCentralizedRootAccess, getRootAccessFeatures, listOrganizationsFeatures } from '../../../../src/core/org/features';
import { type SandboxFixture, startSandboxFixture } from '../aws/sandboxClients';

describe('centralized root access features against the sandbox', function () {
  this.timeout(20_000);
  let fx: SandboxFixture;
  afterEach(() => fx?.close());

  const off = { iamTrustedAccess: false, rootCredentialsManagement: false, rootSessions: false };

  it('enables trusted access, both features and a delegated admin, then finds all of it done on a second run', async () => {
    fx = await startSandboxFixture({ accounts: 6, delegatedAdmin: false, features: off });
    const before = await getRootAccessFeatures(fx.clients);
    assert.deepEqual([before.trustedAccess, before.rootCredentialsManagement, before.rootSessions], [false, false, false]);
    const security = fx.sandbox.world.accounts[1].id;

    const first = await enableCentralizedRootAccess(fx.clients, { delegatedAdminAccountId: security });
    assert.deepEqual(first.map((s) => `${s.step}:${s.outcome}`), ['trustedAccess:enabled', 'delegatedAdmin:enabled', 'rootCredentialsManagement:enabled', 'rootSessions:enabled']);
    assert.ok(fx.sandbox.world.hasServiceAccess('iam.amazonaws.com'));
    assert.deepEqual(fx.sandbox.world.features, { rootCredentialsManagement: true, rootSessions: true });
    assert.deepEqual(fx.sandbox.world.delegatedAdministrators.map((d) => d.accountId), [security]);

    const second = await enableCentralizedRootAccess(fx.clients, { delegatedAdminAccountId: security });
    assert.ok(second.every((s) => s.outcome === 'alreadyEnabled'), JSON.stringify(second));
    assert.equal(fx.sandbox.world.delegatedAdministrators.length, 1);
  });

  it('refuses to enable from the delegated admin account: only the management account may', async () => {
    fx = await startSandboxFixture({ accounts: 6, features: { rootSessions: false } });
    await assert.rejects(enableCentralizedRootAccess(await fx.clientsAs('delegatedAdmin')), { code: 'NotManagementAccount' });
    assert.equal(fx.sandbox.world.features.rootSessions, false);
  });

  it('refuses an organization that is not in all-features mode', async () => {
    fx = await startSandboxFixture({ accounts: 6, features: { allFeatures: false } });
    await assert.rejects(enableCentralizedRootAccess(fx.clients), { code: 'NotAllFeaturesMode' });
  });

  it('says trusted access is off when IAM cannot see the organization', async () => {
    fx = await startSandboxFixture({ accounts: 6, features: { iamTrustedAccess: false } });
    await assert.rejects(listOrganizationsFeatures(fx.clients), { code: 'TrustedAccessOff' });
    const features = await getRootAccessFeatures(fx.clients);
    assert.equal(features.trustedAccess, false);
    assert.equal(features.errors.features?.code, 'TrustedAccessOff');
  });
});

describe('listOrganizationsFeatures at the SDK boundary', () => {
  // Mock one instance, not the class: a class mock would also capture the sandbox suites' real clients.
  const iam = new IAMClient({ region: 'us-east-1' });
  const iamMock = mockClient(iam);
  const clients = { iam: () => iam } as unknown as AwsClients;
  afterEach(() => iamMock.reset());
  after(() => iamMock.restore());

  it('treats an absent EnabledFeatures as none enabled', async () => {
    iamMock.on(ListOrganizationsFeaturesCommand).resolves({ OrganizationId: 'o-aa111bb222' });
    assert.deepEqual(await listOrganizationsFeatures(clients), { rootCredentialsManagement: false, rootSessions: false });
  });

  for (const name of ['ServiceAccessNotEnabled', 'ServiceAccessNotEnabledException']) {
    it(`maps IAM's ${name} to TrustedAccessOff`, async () => {
      iamMock.on(ListOrganizationsFeaturesCommand).rejects(Object.assign(new Error('trusted access off'), { name }));
      await assert.rejects(listOrganizationsFeatures(clients), { code: 'TrustedAccessOff' });
    });
  }

  for (const [name, code] of [
    ['AccountNotManagementOrDelegatedAdministrator', 'NotManagementOrDelegatedAdmin'],
    ['OrganizationNotInAllFeaturesModeException', 'NotAllFeaturesMode'],
    ['OrganizationNotFoundException', 'NotInOrganization'],
  ]) {
    it(`maps ${name} to ${code}`, async () => {
      iamMock.on(ListOrganizationsFeaturesCommand).rejects(Object.assign(new Error(name), { name }));
      await assert.rejects(listOrganizationsFeatures(clients), { code });
    });
  }
});
