import assert from 'node:assert/strict';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { parseSandboxArgs, runSandboxCommand } from '../../../src/cli/sandboxCommand';

describe('rootguard sandbox command', () => {
  it('rejects bad options with exit code 2 and prints help on --help', async () => {
    for (const args of [['--accounts', '2'], ['--accounts', 'ten'], ['--port', '70000'], ['--latency', '-1'], ['--bogus'], ['extra']]) {
      let err = '';
      const code = await runSandboxCommand(args, { stdout: () => undefined, stderr: (t) => (err += t) });
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /^rootguard sandbox: /);
    }
    let out = '';
    assert.equal(await runSandboxCommand(['--help'], { stdout: (t) => (out += t), stderr: () => undefined }), 0);
    assert.match(out, /Usage: rootguard sandbox/);
    assert.deepEqual(parseSandboxArgs(['--accounts', '25', '--seed', '9', '--latency', '5']), { accounts: 25, seed: 9, latency: 5 });
  });

  it('prints an endpoint and environment that work with the SDK, then stops cleanly', async () => {
    let out = '';
    let listed: number | undefined;
    const code = await runSandboxCommand(['--accounts', '7', '--seed', '3'], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      untilStopped: async () => {
        const env = Object.fromEntries([...out.matchAll(/(AWS_[A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
        const orgs = new OrganizationsClient({
          endpoint: env.AWS_ENDPOINT_URL,
          region: env.AWS_REGION,
          credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
        });
        listed = (await orgs.send(new ListAccountsCommand({}))).Accounts?.length;
      },
    });
    assert.equal(code, 0);
    assert.match(out, /Endpoint: http:\/\/127\.0\.0\.1:\d+/);
    assert.match(out, /aws organizations list-accounts/);
    assert.equal(listed, 7);
  });
});
