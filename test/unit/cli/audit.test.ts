import assert from 'node:assert/strict';
import { runAudit } from '../../../src/cli/auditCommand';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index';

function buffers() {
  const out = { text: '' };
  const err = { text: '' };
  return {
    out,
    err,
    io: { stdout: { write: (t: string) => (out.text += t) }, stderr: { write: (t: string) => (err.text += t) } },
  };
}

describe('rootguard audit', function () {
  this.timeout(30_000);

  it('prints the sandbox posture as JSON on stdout, progress on stderr, and exits 0 when all were audited', async () => {
    const { out, err, io } = buffers();
    const code = await runAudit(['--sandbox', '--format', 'json'], io);
    assert.equal(code, 0, err.text);
    const report = JSON.parse(out.text);
    assert.equal(report.totals.accounts, 10);
    assert.equal(report.totals.failed + report.totals.notAudited, 0);
    assert.equal(report.totals.skipped, 1);
    assert.match(err.text, /audited 10\/10/);
  });

  it('exits 1 when some accounts could not be audited (an SCP-denied account in a larger sandbox)', async () => {
    const { out, io } = buffers();
    const code = await runAudit(['--sandbox', '--sandbox-accounts', '60', '--format', 'csv'], io);
    assert.equal(code, 1);
    assert.match(out.text, /AccessDenied/);
  });

  it('audits only the accounts named', async () => {
    const { out, io } = buffers();
    assert.equal(await runAudit(['--sandbox', '--accounts', '999900000002,999900000003', '--format', 'json'], io), 0);
    assert.deepEqual(JSON.parse(out.text).rows.map((r: { accountId: string }) => r.accountId).sort(), ['999900000002', '999900000003']);
  });

  it('audits the accounts under an OU, or every account under the root, as rootguard task reads --ou', async () => {
    let sandbox: SandboxHandle | undefined;
    try {
      sandbox = await startSandbox({ accounts: 10 });
      const { world } = sandbox;
      const ids = (text: string) => (JSON.parse(text).rows as { accountId: string }[]).map((r) => r.accountId).sort();
      const ou = world.findOu(world.members[1].parentId)!;
      const isUnder = (parentId: string | undefined): boolean => parentId !== undefined && (parentId === ou.id || isUnder(world.findOu(parentId)?.parentId));
      const under = world.accounts.filter((a) => isUnder(a.parentId)).map((a) => a.id).sort();
      const byOu = buffers();
      assert.equal(await runAudit(['--sandbox', '--ou', ou.id, '--format', 'json'], { ...byOu.io, sandbox }), 0, byOu.err.text);
      assert.deepEqual(ids(byOu.out.text), under);
      const byRoot = buffers();
      assert.equal(await runAudit(['--sandbox', '--ou', world.organization.rootId, '--format', 'json'], { ...byRoot.io, sandbox }), 0, byRoot.err.text);
      assert.deepEqual(ids(byRoot.out.text), world.accounts.map((a) => a.id).sort());
      const unknown = buffers();
      assert.equal(await runAudit(['--sandbox', '--ou', 'ou-none-00000000', '--format', 'json'], { ...unknown.io, sandbox }), 2);
      assert.match(unknown.err.text, /no OU ou-none-00000000 in organization/);
    } finally {
      await sandbox?.close();
    }
  });

  it('prints nothing and exits 1 when cancelled before the audit started', async () => {
    const { out, err, io } = buffers();
    const controller = new AbortController();
    controller.abort();
    const code = await runAudit(['--sandbox', '--format', 'json'], { ...io, signal: controller.signal });
    assert.equal(code, 1);
    assert.equal(out.text, '');
    assert.match(err.text, /cancelled before the audit started/);
  });

  // Ctrl-C during the audit once lost the whole report: the management account's own read and the history,
  // which come after the member accounts, threw the cancel on.
  for (const extra of [[], ['--history']]) {
    it(`reports the accounts it finished and exits 1 when cancelled during the audit${extra.length ? ', with --history' : ''}`, async () => {
      const { out, err, io } = buffers();
      const controller = new AbortController();
      const stderr = {
        write: (text: string) => {
          io.stderr.write(text);
          if (text.startsWith('audited 3/')) controller.abort();
        },
      };
      const code = await runAudit(['--sandbox', '--concurrency', '1', '--format', 'json', ...extra], { ...io, stderr, signal: controller.signal });
      assert.equal(code, 1, err.text);
      const report = JSON.parse(out.text);
      assert.equal(report.totals.accounts, 10);
      // The three audited before the cancel are in the report; the management account's own root user, read after them, is not.
      assert.equal(report.totals.notAudited, 8);
      assert.equal(report.totals.failed, 0);
      assert.match(err.text, /cancelled: 7 accounts not audited/);
      assert.doesNotMatch(err.text, /before the audit started/);
      if (extra.length) assert.match(err.text, /root session history was not read \(cancelled\)/);
    });
  }

  it("says it was cancelled when the cancel comes while the management account's own root user is read", async () => {
    const { out, err, io } = buffers();
    const controller = new AbortController();
    const stderr = {
      write: (text: string) => {
        io.stderr.write(text);
        // Every member account is audited: what is left is the management account's own root user.
        if (text.startsWith('audited 10/10')) controller.abort();
      },
    };
    const code = await runAudit(['--sandbox', '--concurrency', '1', '--format', 'json'], { ...io, stderr, signal: controller.signal });
    assert.equal(code, 1, err.text);
    const report = JSON.parse(out.text);
    assert.deepEqual(report.gaps, { cancelled: true });
    const management = report.rows.find((r: { isManagement: boolean }) => r.isManagement);
    assert.deepEqual([management.outcome, management.summary], ['not-audited', 'not audited']);
    assert.equal(report.totals.failed, 0);
    assert.match(err.text, /its root user could not be read with the caller's credentials \(cancelled\)/);
  });

  it('rejects bad options with exit 2 and the usage', async () => {
    for (const args of [['--format', 'xml'], ['--concurrency', '0'], ['--accounts', '1', '--ou', 'ou-x'], ['--accounts', 'abc'], ['--bogus']]) {
      const { err, io } = buffers();
      assert.equal(await runAudit(args, io), 2, args.join(' '));
      assert.match(err.text, /Usage: rootguard audit/);
    }
  });

  it('--sandbox with --endpoint is a usage error: the endpoint would be ignored', async () => {
    const { err, io } = buffers();
    assert.equal(await runAudit(['--sandbox', '--endpoint', 'http://127.0.0.1:1'], io), 2);
    assert.match(err.text, /rootguard audit: --sandbox starts its own organization: give --sandbox or --endpoint, not both/);
  });

  it('an account id the organization does not hold is a usage error, as for rootguard task', async () => {
    const { out, err, io } = buffers();
    assert.equal(await runAudit(['--sandbox', '--accounts', '123456789012'], io), 2);
    assert.match(err.text, /rootguard audit: not in organization o-\w+: 123456789012/);
    assert.equal(out.text, '');
  });
});

describe('rootguard audit --fail-on', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 12, suspendedAccounts: 0, scpBlockedAccounts: 0 });
  });
  after(() => sandbox.close());

  /** Runs the audit against the shared sandbox through its endpoint, as a scheduled job would. */
  async function audit(args: string[]) {
    const { out, err, io } = buffers();
    const { accessKeyId, secretAccessKey } = sandbox.credentials.management;
    const env = { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_REGION: sandbox.region };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const code = await runAudit(['--endpoint', sandbox.endpoint, '--format', 'json', ...args], { ...io, env });
      return { code, out: out.text, err: err.text };
    } finally {
      for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
    }
  }

  it('exits 1 and names the accounts that have a refused kind, per kind', async () => {
    const withKeys = sandbox.world.members.filter((a) => a.root.accessKeys.length > 0).map((a) => a.id);
    const withCerts = sandbox.world.members.filter((a) => a.root.signingCertificates.length > 0).map((a) => a.id);
    assert.ok(withKeys.length > 0 && withCerts.length > 0);
    const result = await audit(['--fail-on', 'keys,certificates']);
    assert.equal(result.code, 1);
    const named = (kind: string) => /: ([\d, ]+)$/.exec(result.err.split('\n').find((l) => l.startsWith(`--fail-on ${kind}: `)) ?? '')?.[1].split(', ').sort();
    assert.deepEqual(named('keys'), withKeys.sort(), result.err);
    assert.deepEqual(named('certificates'), withCerts.sort(), result.err);
    assert.match(result.err, new RegExp(`--fail-on keys: ${withKeys.length} accounts? ha(s|ve) root access keys: `));
    assert.doesNotMatch(result.err, /--fail-on (password|mfa)/);
  });

  it('exits 0 once the kinds are gone, and "any" covers all four', async () => {
    for (const account of sandbox.world.members) {
      account.root.accessKeys = [];
      account.root.signingCertificates = [];
    }
    assert.equal((await audit(['--fail-on', 'keys,certificates'])).code, 0);
    const any = await audit(['--fail-on', 'any']);
    assert.equal(any.code, 1);
    assert.match(any.err, /--fail-on password: /);
    assert.match(any.err, /--fail-on mfa: /);
  });

  it('refuses an unknown kind with exit 2', async () => {
    const { err, io } = buffers();
    assert.equal(await runAudit(['--fail-on', 'passwords'], io), 2);
    assert.match(err.text, /--fail-on takes password, keys, mfa, certificates or any/);
  });

  it('takes --concurrency as digits from 1 to 1024 only: 1e3, 0x10 and 20 digits are usage errors', async () => {
    for (const raw of ['1e3', '0x10', '99999999999999999999', '1025', '0']) {
      const { err, io } = buffers();
      assert.equal(await runAudit(['--concurrency', raw], io), 2, raw);
      assert.match(err.text, new RegExp(`--concurrency must be a whole number from 1 to 1024, not "${raw}"`), raw);
    }
  });
});
