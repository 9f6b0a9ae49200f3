import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../../src/sandbox/index';
import { auditCommand } from '../../../src/cli/auditCommand';
import { holdersCommand } from '../../../src/cli/holdersCommand';
import { preflightCommand } from '../../../src/cli/preflightCommand';
import type { CliCommand } from '../../../src/cli/commands';
import { startCliProcess, until } from './cliProcess';

/** Runs a command as its table entry does, with a SIGINT sent as it starts; returns its exit code and stderr. */
async function interruptedAtStart(command: CliCommand, args: string[]): Promise<{ code: number; stderr: string }> {
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  let stderr = '';
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    const running = command.run(args);
    process.emit('SIGINT', 'SIGINT');
    return { code: await running, stderr };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}

describe('read-only commands stopped by Ctrl+C', function () {
  this.timeout(120_000);

  for (const [name, command, said] of [
    ['audit', auditCommand, 'cancelled before the audit started'],
    ['holders', holdersCommand, 'cancelled'],
    ['preflight', preflightCommand, 'cancelled'],
  ] as const) {
    it(`${name}: the first Ctrl+C says it is cancelling, then "${said}", with the command's exit code`, async () => {
      const { code, stderr } = await interruptedAtStart(command, ['--sandbox']);
      assert.deepEqual(stderr.split('\n').filter((line) => line.startsWith('rootguard')), [`rootguard ${name}: cancelling (Ctrl+C again stops at once)`, `rootguard ${name}: ${said}`]);
      assert.equal(code, name === 'audit' ? 1 : 2);
      assert.equal(process.listenerCount('SIGINT'), 0, 'the handler is removed when the run ends');
    });
  }

  it('Ctrl+C while the report is still being written to a reader that stopped reading: said, and a second one exits 130', async () => {
    const cli = startCliProcess('', ['preflight', '--sandbox', '--sandbox-accounts', '400', '--format', 'json'], {}, { stdout: 'stalled' });
    // The report's first chunk has come: it is written whole, most of it waiting in the pipe.
    await until(cli, () => cli.stdout().includes('"generatedAt"'));
    process.kill(cli.pid, 'SIGINT');
    await until(cli, () => cli.stderr().includes('cancelling (Ctrl+C again stops at once)'));
    process.kill(cli.pid, 'SIGINT');
    assert.equal(await cli.exited, 130, cli.stderr());
    assert.match(cli.stderr(), /\nrootguard preflight: cancelling \(Ctrl\+C again stops at once\)\nrootguard preflight: stopped at once\n$/);
  });

  it('a second Ctrl+C, while the reads already sent finish, exits at once with a line saying so and status 130', async () => {
    // Every call takes a second: the root sessions the audit asked for are still open when the signals come.
    const sandbox = await startSandbox({ accounts: 12, suspendedAccounts: 0, scpBlockedAccounts: 0, latency: { fixedMs: 1000 } });
    const home = await mkdtemp(join(tmpdir(), 'rootguard-audit-signals-'));
    try {
      const { accessKeyId, secretAccessKey } = sandbox.credentials.management;
      const env = { HOME: home, AWS_PROFILE: '', AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: '', AWS_REGION: sandbox.region };
      const cli = startCliProcess('', ['audit', '--endpoint', sandbox.endpoint], env);
      await until(cli, () => cli.stderr().includes('auditing 12 with concurrency 8'));
      process.kill(cli.pid, 'SIGINT');
      await until(cli, () => cli.stderr().includes('cancelling (Ctrl+C again stops at once)'));
      process.kill(cli.pid, 'SIGINT');
      assert.equal(await cli.exited, 130, cli.stderr());
      assert.match(cli.stderr(), /\nrootguard audit: cancelling \(Ctrl\+C again stops at once\)\nrootguard audit: stopped at once\n$/);
    } finally {
      await sandbox.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});
