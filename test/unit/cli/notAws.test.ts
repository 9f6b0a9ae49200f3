// An endpoint that is not AWS but answers every request with 200 and an empty body (a wrong URL, a proxy):
// the commands that read the organization must fail, never report an empty organization as a clean one.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runAudit } from '../../../src/cli/auditCommand';
import { runHolders } from '../../../src/cli/holdersCommand';
import { runPreflight } from '../../../src/cli/preflightCommand';

describe('commands against an endpoint that answers 200 with nothing', function () {
  this.timeout(30_000);
  let server: http.Server;
  let endpoint: string;
  const env = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00', AWS_SECRET_ACCESS_KEY: 'not-a-secret', AWS_REGION: 'us-east-1' };
  // The default credential chain reads the process's environment.
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  before(async () => {
    Object.assign(process.env, env);
    server = http.createServer((request, response) => request.resume().on('end', () => response.end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const run = async (command: (argv: string[], io: never) => Promise<number>, args: string[]) => {
    const out = { text: '' };
    const err = { text: '' };
    const io = { stdout: { write: (t: string) => (out.text += t) }, stderr: { write: (t: string) => (err.text += t) }, env };
    return { code: await command(['--endpoint', endpoint, '--max-attempts', '1', ...args], io as never), out: out.text, err: err.text };
  };

  for (const [name, command, args] of [
    ['audit', runAudit, ['--fail-on', 'any']],
    ['preflight', runPreflight, []],
  ] as const) {
    it(`${name} exits 2 and says the endpoint does not answer as AWS does`, async () => {
      const result = await run(command as never, [...args]);
      assert.equal(result.code, 2, result.err);
      assert.match(result.err, /(DescribeOrganization|GetCallerIdentity) answered without (an organization id|an account): the endpoint does not answer as AWS does/);
      assert.equal(result.out, '');
    });
  }

  it('an answer of HTTP 404 without an AWS error is named as such, not as UnknownError', async () => {
    const notFound = http.createServer((request, response) => request.resume().on('end', () => response.writeHead(404).end()));
    await new Promise<void>((resolve) => notFound.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(notFound.address() as AddressInfo).port}`;
    try {
      const said = /the endpoint answered HTTP 404 without an AWS error: it does not answer as AWS does/;
      const out = { text: '' };
      const err = { text: '' };
      const io = { stdout: { write: (t: string) => (out.text += t) }, stderr: { write: (t: string) => (err.text += t) }, env };
      assert.equal(await runAudit(['--endpoint', url, '--max-attempts', '1'], io), 2);
      assert.match(err.text, said);
      err.text = '';
      assert.equal(await runHolders(['--endpoint', url], io), 2);
      assert.match(err.text, new RegExp(`^rootguard holders: sts:GetCallerIdentity: ${said.source}`, 'm'));
    } finally {
      notFound.close();
    }
  });

  it('holders exits 2 and says the endpoint does not answer as AWS does', async () => {
    const args = ['--endpoint', endpoint];
    const out = { text: '' };
    const err = { text: '' };
    const code = await runHolders(args, { stdout: { write: (t: string) => (out.text += t) }, stderr: { write: (t: string) => (err.text += t) }, env });
    assert.equal(code, 2, err.text);
    assert.match(err.text, /sts:GetCallerIdentity answered without an account: the endpoint does not answer as AWS does/);
    assert.equal(out.text, '');
  });
});
