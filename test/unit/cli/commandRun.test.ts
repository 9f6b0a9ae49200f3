// How every command that talks to AWS ends: the line it prints on stderr and its exit code, and that the
// connection it opened is closed whatever happened.
import assert from 'node:assert/strict';
import type { AwsClients } from '../../../src/core/aws/clients';
import { RootGuardError } from '../../../src/core/aws/errors';
import { parseCommandArgs, runConnected } from '../../../src/cli/commandRun';

function streams() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
}

describe('cli: a command run', () => {
  const HELP = 'Usage: rootguard demo [--flag]';

  it('prints a usage error with the help and exits 2; --help prints the help and exits 0', () => {
    const bad = streams();
    assert.deepEqual(parseCommandArgs('demo', HELP, bad.io, () => { throw new RootGuardError('Usage', '--flag takes a number'); }), { exitCode: 2 });
    assert.equal(bad.out.stderr, `rootguard demo: --flag takes a number\n\n${HELP}\n`);
    const help = streams();
    assert.deepEqual(parseCommandArgs('demo', HELP, help.io, () => 'help' as const), { exitCode: 0 });
    assert.equal(help.out.stdout, `${HELP}\n`);
    assert.deepEqual(parseCommandArgs('demo', HELP, streams().io, () => ({ flag: 1 })), { args: { flag: 1 } });
  });

  const cases: { name: string; failure: unknown; stderr: string; exitCode: number }[] = [
    { name: 'an AWS failure, with its code', failure: new RootGuardError('AccessDenied', 'not allowed to list accounts'), stderr: 'rootguard demo: not allowed to list accounts (AccessDenied)\n', exitCode: 2 },
    { name: 'a usage error found late, without a code', failure: new RootGuardError('Usage', 'no OU ou-x in organization o-y'), stderr: 'rootguard demo: no OU ou-x in organization o-y\n', exitCode: 2 },
    { name: "a cancel, with the command's own line and code", failure: new RootGuardError('Aborted', 'aborted'), stderr: 'rootguard demo: cancelled before anything started\n', exitCode: 1 },
  ];
  for (const { name, failure, stderr, exitCode } of cases) {
    it(`ends on ${name}, and closes the connection`, async () => {
      const { out, io } = streams();
      let closed = 0;
      const connect = async () => ({ clients: {} as AwsClients, close: async () => void closed++ });
      const code = await runConnected('demo', io, connect, async () => { throw failure; }, { message: 'cancelled before anything started', exitCode: 1 });
      assert.deepEqual({ code, stderr: out.stderr, closed }, { code: exitCode, stderr, closed: 1 });
    });
  }

  it("returns the work's exit code and closes the connection", async () => {
    let closed = 0;
    const code = await runConnected('demo', streams().io, async () => ({ clients: {} as AwsClients, close: async () => void closed++ }), async () => 1);
    assert.deepEqual({ code, closed }, { code: 1, closed: 1 });
  });
});
