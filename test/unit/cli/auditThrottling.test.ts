import assert from 'node:assert/strict';
import path from 'node:path';
import { runAudit } from '../../../src/cli/auditCommand';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../../src/sandbox/index';

const NO_FILE = path.join(__dirname, 'no-such-aws-config');

/**
 * Runs `rootguard audit --endpoint` against a sandbox of the test's own (so the test sets its knobs), signed
 * with the management keys through the SDK's default chain (the environment), as a CI job would be.
 */
async function auditAgainst(options: SandboxOptions, args: string[]): Promise<{ code: number; out: string; err: string; sandbox: SandboxHandle }> {
  const sandbox = await startSandbox(options);
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID = sandbox.credentials.management.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = sandbox.credentials.management.secretAccessKey;
  let out = '';
  let err = '';
  try {
    const code = await runAudit(['--endpoint', sandbox.endpoint, '--region', sandbox.region, '--format', 'json', ...args], {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      env: { AWS_CONFIG_FILE: NO_FILE, AWS_SHARED_CREDENTIALS_FILE: NO_FILE },
    });
    return { code, out, err, sandbox };
  } finally {
    for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await sandbox.close();
  }
}

describe('rootguard audit under throttling', function () {
  this.timeout(60_000);

  it('prints the report of what it loaded, names what it could not list, and exits 1, not 2', async () => {
    // Three ListAccountsForParent calls succeed, every later one stays throttled through every retry.
    const { code, out, err, sandbox } = await auditAgainst(
      { accounts: 40, ouDepth: 3, throttling: { perApi: { 'organizations:ListAccountsForParent': { capacity: 3, refillPerSecond: 0 } } } },
      ['--max-attempts', '2'],
    );
    assert.equal(code, 1, err);
    const report = JSON.parse(out);
    const reported = new Set<string>(report.rows.map((r: { accountId: string }) => r.accountId));
    assert.ok(reported.size > 0 && reported.size < sandbox.world.accounts.length, `${reported.size} accounts in the report`);
    const unlisted = [...err.matchAll(/could not list the accounts of (\S+) \(TooManyRequests\)/g)].map((m) => m[1]);
    assert.ok(unlisted.length > 0, err);
    // Every account is either in the report or under a parent the run said it could not list.
    for (const account of sandbox.world.accounts) {
      assert.ok(reported.has(account.id) !== unlisted.includes(account.parentId), `${account.id} under ${account.parentId}`);
    }
  });

  it('audits every account under 20% throttling with the default retry budget', async () => {
    const { code, out, err, sandbox } = await auditAgainst({ accounts: 30, seed: 5, scpBlockedAccounts: 0, suspendedAccounts: 0, throttling: { rate: 0.2 } }, []);
    assert.equal(code, 0, err);
    const report = JSON.parse(out);
    assert.equal(report.totals.accounts, 30);
    assert.equal(report.totals.failed + report.totals.notAudited, 0);
    assert.ok(sandbox.requests().filter((r) => /Throttl|TooManyRequests/.test(r.errorCode ?? '')).length > 10, 'the sandbox did throttle');
  });

  it('opens one root session per account however often --accounts names it', async () => {
    const { code, out, err, sandbox } = await auditAgainst({ accounts: 10 }, ['--accounts', '999900000003,999900000004,999900000003, 999900000003']);
    assert.equal(code, 0, err);
    assert.deepEqual(JSON.parse(out).rows.map((r: { accountId: string }) => r.accountId).sort(), ['999900000003', '999900000004']);
    assert.deepEqual(sandbox.world.rootSessions.map((s) => s.accountId).sort(), ['999900000003', '999900000004']);
  });
});
