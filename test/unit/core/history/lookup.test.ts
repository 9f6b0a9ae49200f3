import assert from 'node:assert/strict';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { taskPolicyArn } from '../../../../src/core/root/taskPolicies';
import { loadRootSessionHistory } from '../../../../src/core/history/history';
import { lookupAssumeRootEvents } from '../../../../src/core/history/lookup';
import { renderHistory } from '../../../../src/core/history/render';
import type { AuditRecord } from '../../../../src/core/root/auditLog';
import { LOOKUP_EVENTS_LIMIT, SEEDED_CONTRACTOR_USER, SEEDED_REGIONS } from '../../../../src/sandbox/index';
import { assumeRootEvent } from '../../../../src/sandbox/trail';
import { startSandboxFixture, type SandboxFixture } from '../aws/sandboxClients';

const DAY_MS = 86_400_000;

describe('root session history over the SDK against the sandbox', function () {
  this.timeout(60_000);
  let f: SandboxFixture;
  beforeEach(async () => {
    // One attempt per call: a throttled request fails the region instead of being retried away.
    f = await startSandboxFixture({ accounts: 12, throttling: LOOKUP_EVENTS_LIMIT }, { maxAttempts: 1 });
  });
  afterEach(() => f.close());

  it('reads every page of every region under the real LookupEvents limit without being throttled', async () => {
    const { world, clock } = f.sandbox;
    // 100 more sessions in us-east-1: 160 in all, four pages of 50.
    for (let i = 0; i < 100; i++) {
      world.cloudTrail.add(
        assumeRootEvent({
          caller: { kind: 'user', accountId: world.organization.managementAccountId, userName: 'bulk', accessKeyId: 'AKIASANDBOX0BULK0001' },
          region: 'us-east-1',
          time: new Date(clock.nowMs() - (i + 1) * 3_600_000),
          targetPrincipal: world.members[1].id,
          taskPolicyArn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials',
          session: { accessKeyId: `ASIASANDBOXBULK${String(i).padStart(5, '0')}`, sessionToken: 'bulk-token', expiration: new Date(clock.nowMs()) },
        }),
      );
    }
    const progress: string[] = [];
    const now = clock.now();
    const result = await lookupAssumeRootEvents(f.clients, { regions: [...SEEDED_REGIONS], start: new Date(now.getTime() - 90 * DAY_MS), end: now, onProgress: (p) => progress.push(`${p.region}:${p.pages}${p.done ? ' done' : ''}`) });
    const seededInWindow = f.sandbox.seededHistory.sessions.filter((s) => s.daysAgo <= 90);
    const expected = (region: string) => seededInWindow.filter((s) => s.region === region).length + (region === 'us-east-1' ? 100 : 0);
    assert.deepEqual(
      result.regions.map((r) => [r.region, r.events, r.pages, r.error]),
      SEEDED_REGIONS.map((region) => [region, expected(region), Math.max(1, Math.ceil(expected(region) / 50)), undefined]),
    );
    assert.equal(result.regions[0].pages, 4);
    // Each page reports the counts so far; only the region's last one says it is done.
    assert.deepEqual(progress.filter((p) => p.startsWith('us-east-1:')), ['us-east-1:1', 'us-east-1:2', 'us-east-1:3', 'us-east-1:4 done']);
    const lookups = f.sandbox.requests().filter((r) => r.operation === 'LookupEvents');
    assert.equal(lookups.length, 6);
    assert.deepEqual(lookups.filter((r) => r.status !== 200), [], 'no request was throttled');
    assert.equal(new Set(result.events.map((e) => e.sessionAccessKeyId)).size, result.events.length, 'no event read twice across pages');
  });

  it('parses caller, target, task, time and key id, drops the session token, and flags the seeded foreign sessions', async () => {
    const seeded = f.sandbox.seededHistory;
    const history = await loadRootSessionHistory(f.clients, { regions: [...SEEDED_REGIONS], days: 90, auditRecords: [], now: f.sandbox.clock.now() });
    const contractor = history.sessions.find((s) => s.targetAccountId === seeded.unlockedByContractor && s.taskPolicy === 'S3UnlockBucketPolicy')!;
    const expected = seeded.sessions.find((s) => s.taskPolicy === 'S3UnlockBucketPolicy')!;
    assert.equal(contractor.callerArn, `arn:aws:iam::${f.sandbox.world.organization.managementAccountId}:user/${SEEDED_CONTRACTOR_USER}`);
    assert.equal(contractor.region, 'ap-southeast-2');
    assert.equal(contractor.sessionAccessKeyId, expected.accessKeyId);
    assert.ok(Math.abs(Date.parse(contractor.time) - (f.sandbox.clock.nowMs() - 5 * DAY_MS)) < 1000);
    assert.deepEqual(contractor.flags, ['not-started-by-rootguard']);
    const flagged = (flag: string) => history.sessions.filter((s) => s.flags.includes(flag as never)).map((s) => s.targetAccountId);
    assert.deepEqual(flagged('recovery-not-followed-by-deletion'), [seeded.recoveredNotDeleted]);
    assert.ok(!JSON.stringify(history).includes('SeededHistoryToken'), 'no session token in the history');
    assert.equal(history.regions.every((r) => !r.error), true);
  });

  it('an AssumeRoot the sandbox refused is a refused call in the history, not a session', async () => {
    const mgmt = f.sandbox.world.organization.managementAccountId;
    const sts = f.clients.sts();
    await assert.rejects(sts.send(new AssumeRootCommand({ TargetPrincipal: mgmt, TaskPolicyArn: { arn: taskPolicyArn('IAMCreateRootUserPassword') } })), (err: Error) => err.name === 'AccessDenied');
    const history = await loadRootSessionHistory(f.clients, { regions: [f.sandbox.region], days: 1, auditRecords: [], now: f.sandbox.clock.now() });
    assert.deepEqual(history.refused.map((e) => [e.targetAccountId, e.taskPolicy, e.errorCode, e.sessionAccessKeyId, e.callerArn]), [[mgmt, 'IAMCreateRootUserPassword', 'AccessDenied', undefined, `arn:aws:iam::${mgmt}:user/rootguard-sandbox-admin`]]);
    assert.ok(!history.sessions.some((s) => s.targetAccountId === mgmt));
    assert.equal(history.totals.refused, 1);
  });

  it('counts an event returned twice once, in the region as in the totals', async () => {
    const { world, clock } = f.sandbox;
    const mgmt = world.organization.managementAccountId;
    const call = (key: string | undefined) => ({
      caller: { kind: 'user' as const, accountId: mgmt, userName: 'alice', accessKeyId: 'AKIASANDBOXALICE0001' },
      region: 'eu-north-1',
      time: new Date(clock.nowMs() - 3_600_000),
      targetPrincipal: world.members[1].id,
      taskPolicyArn: taskPolicyArn('IAMAuditRootUserCredentials'),
      ...(key ? { session: { accessKeyId: key, sessionToken: 'dup-token', expiration: clock.now() } } : { errorCode: 'AccessDenied' }),
    });
    const twice = assumeRootEvent(call('ASIASANDBOXDUP000001'));
    world.cloudTrail.add(twice);
    world.cloudTrail.add(twice);
    world.cloudTrail.add(assumeRootEvent(call(undefined)));
    const history = await loadRootSessionHistory(f.clients, { regions: ['eu-north-1'], days: 1, auditRecords: [], now: clock.now() });
    assert.deepEqual(history.regions, [{ region: 'eu-north-1', pages: 1, events: 2 }]);
    assert.deepEqual([history.totals.sessions, history.totals.refused], [1, 1]);
  });

  it('leaves out the audit log’s sessions opened from another account (another organization’s), and says so', async () => {
    const { world, clock } = f.sandbox;
    const mgmt = world.organization.managementAccountId;
    const record = (key: string, callerAccount: string, accountId: string): AuditRecord => ({
      v: 1, id: `i-${key}`, time: new Date(clock.nowMs() - DAY_MS).toISOString(), runId: `run-${key}`, callerArn: `arn:aws:iam::${callerAccount}:user/admin`,
      accountId, task: 'deleteRootCredentials', taskPolicy: 'IAMDeleteRootUserCredentials', sessionAccessKeyId: key, parameters: {}, type: 'intent', changes: [],
    });
    const auditRecords = [record('ASIASANDBOXOTHER0001', '123456789012', '210987654321'), record('ASIASANDBOXOTHER0002', '123456789012', '210987654322'), record('ASIASANDBOXMISSING01', mgmt, world.members[1].id)];
    const history = await loadRootSessionHistory(f.clients, { regions: ['eu-north-1'], days: 30, auditRecords, now: clock.now() });
    assert.deepEqual(history.notFoundInCloudTrail.map((n) => n.sessionAccessKeyId), ['ASIASANDBOXMISSING01']);
    assert.deepEqual(history.fromOtherAccounts, { sessions: 2, callerAccounts: ['123456789012'] });
    const lines = renderHistory(history, 'table').split('\n');
    assert.ok(lines.includes("2 of RootGuard's sessions in the audit log were left out as opened from other accounts (123456789012): another organization's, or another caller account's, whose own CloudTrail holds them"), lines.join('\n'));
    assert.ok(lines.includes(`1 of RootGuard's own sessions in the window are in no region read (another region, or not delivered yet): ${world.members[1].id} ASIASANDBOXMISSING01`));
  });

  it('regions that cannot be read are reported in the history, not thrown', async () => {
    f.sandbox.setKnobs({ throttling: undefined, faults: { rate: 1, kinds: ['5xx'], apis: ['cloudtrail:LookupEvents'] } });
    const history = await loadRootSessionHistory(f.clients, { regions: ['us-east-1', 'eu-west-1'], days: 30, auditRecords: [], now: f.sandbox.clock.now() });
    assert.deepEqual(history.regions.map((r) => [r.region, r.error?.code]), [['us-east-1', 'InternalFailure'], ['eu-west-1', 'InternalFailure']]);
    assert.equal(history.sessions.length, 0);
  });

  it('stops at the abort signal', async () => {
    const controller = new AbortController();
    const run = lookupAssumeRootEvents(f.clients, {
      regions: ['us-east-1'],
      start: new Date(f.sandbox.clock.nowMs() - 90 * DAY_MS),
      end: f.sandbox.clock.now(),
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await assert.rejects(run, (err: Error) => err.name === 'AbortError');
    assert.equal(f.sandbox.requests().filter((r) => r.operation === 'LookupEvents').length, 1, 'no page after the abort');
  });
});
