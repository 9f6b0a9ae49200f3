import assert from 'node:assert/strict';
import { runAudit } from '../../../src/cli/auditCommand';

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

  it('reports what it finished and exits 1 when cancelled', async () => {
    const { out, io } = buffers();
    const controller = new AbortController();
    controller.abort();
    const code = await runAudit(['--sandbox', '--format', 'json'], { ...io, signal: controller.signal });
    assert.equal(code, 1);
    assert.equal(out.text, '');
  });

  it('rejects bad options with exit 2 and the usage', async () => {
    for (const args of [['--format', 'xml'], ['--concurrency', '0'], ['--accounts', '1', '--ou', 'ou-x'], ['--bogus']]) {
      const { err, io } = buffers();
      assert.equal(await runAudit(args, io), 2, args.join(' '));
      assert.match(err.text, /Usage: rootguard audit/);
    }
  });
});
