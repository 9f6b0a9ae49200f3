import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAudit } from '../../../src/cli/auditCommand';
import type { PostureReport } from '../../../src/core/report/posture';
import { SEEDED_REGIONS, type SandboxHandle, startSandbox } from '../../../src/sandbox/index';

describe('rootguard audit --history', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandle;
  let dir: string;
  beforeEach(async () => {
    sandbox = await startSandbox({ accounts: 10 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-audit-history-'));
  });
  afterEach(async () => {
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function audit(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runAudit(['--sandbox', ...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { HOME: dir }, sandbox });
    return { code, stdout, stderr };
  }

  it('adds each account’s last root session before the audit, its task and the flagged sessions to the report', async () => {
    const startedAt = Date.now();
    const out = await audit(['--history', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout) as PostureReport;
    assert.ok(sandbox.world.rootSessions.length > 0, 'the audit opened root sessions of its own');
    // Every region enabled for the account, the three seeded ones among them.
    const enabled = sandbox.world.regions.filter((r) => r.optStatus !== 'DISABLED').map((r) => r.name);
    assert.ok(report.history.read && report.history.regions.join() === enabled.join() && SEEDED_REGIONS.every((r) => enabled.includes(r)));
    // Read as the management account: its CloudTrail, so its sessions only, which the report says.
    const management = report.organization!.managementAccountId;
    assert.ok(report.history.read && report.history.openedFrom === management);
    const seeded = sandbox.seededHistory.sessions.filter((s) => s.daysAgo <= 90);
    for (const row of report.rows) {
      const mine = seeded.filter((s) => s.accountId === row.accountId).sort((a, b) => a.daysAgo - b.daysAgo);
      assert.ok(row.rootSessions.read && row.rootSessions.openedFrom === management, row.accountId);
      assert.equal(row.rootSessions.sessions, mine.length, `${row.accountId}: the seeded sessions, none of the audit's own`);
      assert.equal(row.rootSessions.last?.task, mine[0]?.taskPolicy, row.accountId);
      if (row.rootSessions.last) assert.ok(Date.parse(row.rootSessions.last.time) < startedAt);
    }
    const flaggedOf = (id: string) => report.rows.find((r) => r.accountId === id)!.rootSessions;
    const recovered = flaggedOf(sandbox.seededHistory.recoveredNotDeleted);
    assert.ok(recovered.read && recovered.flagged >= 1, 'the recovery never followed by a deletion is flagged');
    const unlocked = flaggedOf(sandbox.seededHistory.unlockedByContractor);
    assert.ok(unlocked.read && unlocked.flagged >= 1, 'the contractor’s unlock is flagged');
  });

  it('a region whose later history page fails is said to be read in part, as `rootguard history` says it, never NOT READ', async () => {
    // One LookupEvents request answered, then throttling for good: the first page of us-east-1's history.
    sandbox.setKnobs({ throttling: { perApi: { 'cloudtrail:LookupEvents': { capacity: 1, refillPerSecond: 0.001 } } } });
    const out = await audit(['--history', '--history-region', 'us-east-1', '--max-attempts', '1', '--format', 'markdown']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^Root session history: last 90 days; read in part in us-east-1 \(older sessions may be missing\)\. Only root sessions opened from 999900000000 are included: /m);
    assert.match(out.stderr, /^rootguard audit: root session history of us-east-1 read in part \(Throttling(Exception)?\)$/m);
    assert.doesNotMatch(out.stdout + out.stderr, /NOT READ|not read: us-east-1/);
  });

  it('without --history the table and CSV say "not read", never a blank', async () => {
    const table = await audit([]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Root session history: not read/);
    const row = table.stdout.split('\n').find((l) => l.startsWith(sandbox.seededHistory.recoveredNotDeleted))!;
    assert.match(row, /not read\s+not read$/);
    const usage = await audit(['--history-region', 'eu-west-1']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--history-region and --audit-log go with --history/);
  });
});
