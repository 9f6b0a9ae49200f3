import assert from 'node:assert/strict';
import { loadRootSessionHistory } from '../../../../src/core/history/history';
import { SEEDED_CONTRACTOR_USER, SEEDED_REGIONS } from '../../../../src/sandbox/index';
import { startSandboxFixture, type SandboxFixture } from '../aws/sandboxClients';

describe('root session history expects the principals of the holders view (SDK against the sandbox)', function () {
  this.timeout(60_000);
  let f: SandboxFixture;
  beforeEach(async () => {
    f = await startSandboxFixture({ accounts: 12 }, { maxAttempts: 1 });
  });
  afterEach(() => f.close());

  const load = () => loadRootSessionHistory(f.clients, { regions: [...SEEDED_REGIONS], days: 90, auditRecords: [], expectedFromHolders: true, intervalMs: 0, now: f.sandbox.clock.now() });

  it('reads IAM and Identity Center, and flags only the contractor nobody grants AssumeRoot', async () => {
    const history = await load();
    const mgmt = f.sandbox.world.organization.managementAccountId;
    const unexpected = history.sessions.filter((s) => s.flags.includes('unexpected-principal'));
    assert.deepEqual(unexpected.map((s) => [s.callerArn, s.taskPolicy, s.unexpected]), [[`arn:aws:iam::${mgmt}:user/${SEEDED_CONTRACTOR_USER}`, 'S3UnlockBucketPolicy', 'not an expected principal']]);
    assert.ok(history.sessions.filter((s) => s.principalArn === `arn:aws:iam::${mgmt}:role/breakglass/BreakGlassRoot`).length > 50, 'the break-glass sessions are the holders view’s break-glass role');
    assert.equal(history.expectedFrom?.from, 'holders');
    assert.ok(history.expectedPrincipals!.includes(`arn:aws:iam::${mgmt}:role/ci/rootguard-ci-audit`));
    assert.ok(f.sandbox.requests().some((r) => r.operation === 'GetAccountAuthorizationDetails'));
  });

  it('uses a holders view the caller already read instead of reading IAM again', async () => {
    const mgmt = f.sandbox.world.organization.managementAccountId;
    const only = { accountId: mgmt, examined: 1, gaps: [], holders: [], scps: { status: 'managementAccount' as const }, rootSessions: { state: 'available' as const } };
    const history = await loadRootSessionHistory(f.clients, { regions: ['ap-southeast-2'], days: 90, auditRecords: [], expectedFromHolders: true, holdersReport: async () => only, intervalMs: 0, now: f.sandbox.clock.now() });
    assert.deepEqual(history.expectedPrincipals, []);
    assert.deepEqual(history.sessions.map((s) => s.unexpected), ['not an expected principal']);
    assert.ok(!f.sandbox.requests().some((r) => r.service === 'iam'), 'IAM not read');
  });

  it('when IAM cannot be read the history is still read, with the flag unevaluated and the reason kept', async () => {
    f.sandbox.setKnobs({ faults: { rate: 1, kinds: ['5xx'], apis: ['iam:GetAccountAuthorizationDetails'] } });
    const history = await load();
    assert.equal(history.expectedPrincipals, undefined);
    const from = history.expectedFrom;
    assert.ok(from?.from === 'holders');
    assert.equal(from.error?.code, 'ServiceFailure');
    assert.equal(history.totals['unexpected-principal'], 0);
    assert.ok(history.totals.sessions > 60);
  });
});
