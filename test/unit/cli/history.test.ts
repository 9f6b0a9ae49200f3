import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runHistoryCommand } from '../../../src/cli/historyCommand';
import type { RootSessionHistory } from '../../../src/core/history/model';
import type { SandboxAccount } from '../../../src/sandbox/index';
import { type TaskHarness, startTaskHarness } from './taskHarness';

const hasRootCredentials = (a: SandboxAccount) => Boolean(a.root.loginProfile || a.root.accessKeys.length || a.root.signingCertificates.length || a.root.mfaDevices.length);

describe('rootguard history --sandbox', function () {
  this.timeout(60_000);
  let h: TaskHarness;
  beforeEach(async () => {
    h = await startTaskHarness();
  });
  afterEach(() => h.close());

  async function history(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runHistoryCommand([...args, '--sandbox', '--audit-log', h.auditLogPath, '--max-attempts', '10'], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      sandbox: h.sandbox,
      clientSettings: { retryDelayMs: 2 },
      env: {},
    });
    return { code, stdout, stderr };
  }

  it('joins the session of a real task with the audit log and flags the seeded foreign sessions', async () => {
    const target = h.sandbox.world.members.find((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions && hasRootCredentials(a))!;
    const task = await h.run(['delete-credentials', '--accounts', target.id, '--yes']);
    assert.equal(task.code, 0, task.stderr);
    const [intent] = await h.auditRecords();
    const mgmt = h.sandbox.world.organization.managementAccountId;
    const out = await history(['--format', 'json', '--expected-principal', `arn:aws:iam::${mgmt}:user/rootguard-sandbox-admin`, '--expected-principal', `arn:aws:iam::${mgmt}:role/breakglass/*`]);
    assert.equal(out.code, 1, out.stderr);
    const report = JSON.parse(out.stdout) as RootSessionHistory;
    const mine = report.sessions.find((s) => s.sessionAccessKeyId === intent.sessionAccessKeyId)!;
    assert.deepEqual([mine.targetAccountId, mine.taskPolicy, mine.region, mine.flags], [target.id, 'IAMDeleteRootUserCredentials', 'us-east-1', []]);
    assert.deepEqual(mine.rootGuard, { runId: intent.runId, task: 'deleteRootCredentials', result: 'done' });
    assert.equal(report.accounts.find((a) => a.accountId === target.id)!.last.startedByRootGuard, true);
    const seeded = h.sandbox.seededHistory;
    const flagsOn = (account: string, taskPolicy: string) => report.sessions.find((s) => s.targetAccountId === account && s.taskPolicy === taskPolicy)!.flags;
    assert.deepEqual(flagsOn(seeded.recoveredNotDeleted, 'IAMCreateRootUserPassword'), ['not-started-by-rootguard', 'recovery-not-followed-by-deletion']);
    assert.deepEqual(flagsOn(seeded.recoveredAndDeleted, 'IAMCreateRootUserPassword'), ['not-started-by-rootguard']);
    assert.deepEqual(flagsOn(seeded.unlockedByContractor, 'S3UnlockBucketPolicy'), ['not-started-by-rootguard', 'unexpected-principal']);
    assert.equal(report.totals.startedByRootGuard, 1);
    // No --region: every region enabled for the account, the opt-in one it enabled too, none of those left disabled.
    const enabled = h.sandbox.world.regions.filter((r) => r.optStatus === 'ENABLED' || r.optStatus === 'ENABLED_BY_DEFAULT').map((r) => r.name);
    assert.equal(enabled.length, 18);
    assert.deepEqual(report.regions.map((r) => [r.region, Boolean(r.error)]), enabled.map((r) => [r, false]));
    assert.ok(enabled.includes('eu-south-1') && !enabled.includes('af-south-1'));
    assert.deepEqual(report.regionSource, { kind: 'enabled' });
    assert.deepEqual([...new Set(report.sessions.map((s) => s.region))].sort(), ['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    // Progress on stderr: a region read in one page is done with it; none is still "so far".
    assert.match(out.stderr, /^eu-west-1: \d+ AssumeRoot events?, 1 page$/m);
    assert.ok(!out.stderr.includes('no audit log'));
    for (const secret of [...h.sandbox.issuedSecrets(), 'SeededHistoryToken']) assert.ok(!out.stdout.includes(secret) && !out.stderr.includes(secret), 'no secret printed');
  });

  it('by default expects the principals of the holders view: the task’s own session and the break-glass role pass, the contractor is flagged', async () => {
    const target = h.sandbox.world.members.find((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions && hasRootCredentials(a))!;
    assert.equal((await h.run(['delete-credentials', '--accounts', target.id, '--yes'])).code, 0);
    const [intent] = await h.auditRecords();
    const out = await history(['--format', 'json']);
    assert.equal(out.code, 1, out.stderr);
    const report = JSON.parse(out.stdout) as RootSessionHistory;
    const unexpected = report.sessions.filter((s) => s.flags.includes('unexpected-principal'));
    assert.deepEqual(unexpected.map((s) => [s.targetAccountId, s.taskPolicy, s.unexpected]), [[h.sandbox.seededHistory.unlockedByContractor, 'S3UnlockBucketPolicy', 'not an expected principal']]);
    assert.deepEqual(report.sessions.find((s) => s.sessionAccessKeyId === intent.sessionAccessKeyId)!.flags, []);
    assert.deepEqual(report.expectedFrom, { from: 'holders', gaps: [] });
    const markdown = await history(['--format', 'markdown', '--region', 'ap-southeast-2']);
    assert.match(markdown.stdout, /opened by a principal not expected to: 1 \(expected: the \d+ holders of the holders view, for the tasks and accounts they hold\)/);
    assert.match(markdown.stdout, /\| not-started-by-rootguard, unexpected-principal \(not an expected principal\) \|/);
  });

  it('reads only the connection’s region when the enabled regions cannot be listed, says so, and exits 1', async () => {
    // An SCP on the delegated administrator's account refuses it account:ListRegions.
    h.sandbox.world.policies.add({
      id: 'p-sbxnoregns', arn: 'arn:aws:organizations::999900000000:policy/o-sandbox0001/service_control_policy/p-sbxnoregns', name: 'NoRegionListing', description: '',
      type: 'SERVICE_CONTROL_POLICY', awsManaged: false,
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'account:ListRegions', Resource: '*' }] }),
    });
    h.sandbox.world.policies.attach('p-sbxnoregns', h.sandbox.world.accounts[1].id);
    let stdout = '';
    let stderr = '';
    const code = await runHistoryCommand(['--sandbox', '--no-holders', '--audit-log', h.auditLogPath], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      sandbox: h.sandbox,
      clientSettings: { retryDelayMs: 2, credentials: { kind: 'static', credentials: h.sandbox.credentials.delegatedAdmin } },
      env: {},
    });
    assert.equal(code, 1, stderr);
    assert.match(stdout, /^Regions read: only the connection's us-east-1, because account:ListRegions failed \(AccessDenied(Exception)?: .*explicit deny in a service control policy.*\); sessions opened through other regions are missing$/m);
    assert.match(stderr, /the enabled regions could not be listed \(AccessDenied(Exception)?\); only us-east-1 was read/);
    const given = await history(['--region', 'eu-west-1', '--region', 'us-east-1', '--no-holders']);
    assert.match(given.stdout, /^Regions read: eu-west-1, us-east-1 \(as given\)$/m);
  });

  it('a region whose later page fails is read in part: its sessions listed, said so, exit 1 (not 2)', async () => {
    // One LookupEvents request answered, then throttling for good: the first page of us-east-1's two.
    h.sandbox.setKnobs({ throttling: { perApi: { 'cloudtrail:LookupEvents': { capacity: 1, refillPerSecond: 0.001 } } } });
    let stdout = '';
    let stderr = '';
    const code = await runHistoryCommand(['--sandbox', '--region', 'us-east-1', '--no-holders', '--audit-log', h.auditLogPath, '--max-attempts', '1'], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      sandbox: h.sandbox,
      env: {},
    });
    assert.equal(code, 1, stderr);
    assert.match(stdout, /^us-east-1: read in part: 50 events in 1 pages, then Throttling(Exception)?: .*; older sessions may be missing$/m);
    assert.match(stdout, /^50 root sessions on \d+ accounts/m);
    assert.match(stderr, /^rootguard history: us-east-1 was read in part \(1 page, then Throttling(Exception)?\); older sessions may be missing$/m);
    assert.doesNotMatch(stdout + stderr, /NOT READ|could not be read/);
  });

  it('prints a table, and refuses --days beyond CloudTrail’s 90 with exit 2', async () => {
    const table = await history(['--region', 'ap-southeast-2', '--no-holders']);
    assert.equal(table.code, 1, table.stderr);
    assert.match(table.stdout, /S3UnlockBucketPolicy .*user\/contractor-temp .*no .*not-started-by-rootguard$/m);
    assert.match(table.stdout, /opened by a principal not expected to: not evaluated \(no expected principals given\)/);
    // No task has run: the audit log is missing, and a mistyped path would look the same.
    assert.ok(table.stderr.includes(`rootguard history: no audit log at ${h.auditLogPath}: every root session RootGuard started would show as not started by RootGuard`), table.stderr);
    assert.ok(!h.sandbox.requests().some((r) => r.operation === 'GetAccountAuthorizationDetails'), '--no-holders reads no IAM');
    const usage = await history(['--days', '91']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--days must be a whole number from 1 to 90/);
  });

  it('skips an audit log line that is not a whole record, says how many, and still reads the history', async () => {
    await mkdir(dirname(h.auditLogPath), { recursive: true });
    await writeFile(h.auditLogPath, ['{"v":1,"type":"outcome","task":"deleteRootCredentials","sessionAccessKeyId":"ASIAX"}', '42', '[]'].join('\n'));
    const out = await history(['--region', 'ap-southeast-2', '--no-holders', '--format', 'json']);
    assert.equal(out.code, 1, out.stderr);
    const report = JSON.parse(out.stdout) as RootSessionHistory;
    assert.equal(report.totals.startedByRootGuard, 0);
    assert.ok(report.totals['not-started-by-rootguard'] > 0);
    assert.equal(report.auditLogSkippedLines, 3, 'the JSON counts them as stderr does');
    assert.ok(out.stderr.includes(`rootguard history: 3 lines of ${h.auditLogPath} skipped: not a whole audit record (a torn or edited line); a session only they name shows as not started by RootGuard`), out.stderr);
  });

  it('refuses a --region that is not a region name with exit 2, before any AWS call (no history read as clean)', async () => {
    const before = h.sandbox.requests().length;
    const typo = await history(['--region', 'nowhere-1', '--no-holders']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /--region takes AWS region names such as us-east-1, not "nowhere-1"/);
    assert.equal(h.sandbox.requests().length, before);
  });

  it('reads a region named twice once, and names it once', async () => {
    const out = await history(['--region', 'us-east-1', '--region', 'eu-west-1', '--region', 'us-east-1', '--no-holders', '--format', 'json']);
    assert.match(out.stderr, /^reading AssumeRoot events of the last 90 days in us-east-1, eu-west-1…$/m);
    assert.deepEqual((JSON.parse(out.stdout) as RootSessionHistory).regions.map((r) => r.region), ['us-east-1', 'eu-west-1']);
  });
});
