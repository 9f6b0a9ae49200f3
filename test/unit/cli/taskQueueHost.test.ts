/**
 * A queue URL names a queue, never where a root session's requests go. The sandbox serves STS, IAM and
 * Organizations here, and SQS has no configured endpoint, as against real AWS; a listener on 127.0.0.1
 * stands for a host of anyone's and records whatever reaches it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runTaskCommand } from '../../../src/cli/taskCommand';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index';

describe('rootguard task: a queue URL on another host than the SQS endpoint', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandle;
  let listener: Server;
  let foreignOrigin: string;
  let received: string[];
  let dir: string;
  let auditLogPath: string;

  before(async () => {
    sandbox = await startSandbox({ accounts: 6, suspendedAccounts: 0, scpBlockedAccounts: 0 });
    listener = createServer((req, res) => {
      received.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end('{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    foreignOrigin = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => listener.close(resolve));
    await sandbox.close();
  });
  beforeEach(async () => {
    received = [];
    dir = await mkdtemp(join(tmpdir(), 'rootguard-queue-host-'));
    auditLogPath = join(dir, 'audit', 'root-tasks.jsonl');
    sandbox.clearRequests();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Runs the command with endpoints for everything but SQS, and the sandbox's management keys from the environment. */
  async function run(args: string[]): Promise<{ code: number; stderr: string }> {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = sandbox.credentials.management.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = sandbox.credentials.management.secretAccessKey;
    let stderr = '';
    const pipe = Object.assign(new PassThrough(), { isTTY: false });
    pipe.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      const code = await runTaskCommand([...args, '--audit-log', auditLogPath, '--max-attempts', '1'], {
        stdout: { write: () => true },
        stderr: pipe,
        stdin: Object.assign(new PassThrough(), { isTTY: false }),
        env: {
          AWS_REGION: 'us-east-1',
          AWS_ENDPOINT_URL_STS: sandbox.endpoint,
          AWS_ENDPOINT_URL_IAM: sandbox.endpoint,
          AWS_ENDPOINT_URL_ORGANIZATIONS: sandbox.endpoint,
          AWS_CONFIG_FILE: join(dir, 'no-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        },
      });
      return { code, stderr };
    } finally {
      for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }

  const lockedQueue = () => {
    const owner = sandbox.world.members.find((a) => a.state === 'ACTIVE' && a.queues.some((q) => q.attributes.Policy))!;
    return { owner, queue: owner.queues.find((q) => q.attributes.Policy)! };
  };

  it('unlock-sqs-queue, dry run or not: exit 2 before any session, and nothing reaches the host the URL names', async () => {
    const { owner, queue } = lockedQueue();
    const policy = queue.attributes.Policy;
    for (const mode of ['--dry-run', '--yes']) {
      const out = await run(['unlock-sqs-queue', '--accounts', owner.id, '--queue', `${foreignOrigin}/${owner.id}/${queue.name}`, mode]);
      assert.equal(out.code, 2, out.stderr);
      assert.match(out.stderr, new RegExp(`must be on the SQS endpoint of us-east-1 \\(https://sqs\\.us-east-1\\.amazonaws\\.com/\\.\\.\\.\\), not ${foreignOrigin}`));
    }
    assert.deepEqual(received, []);
    assert.equal(queue.attributes.Policy, policy);
    assert.deepEqual(sandbox.requests(), [], 'no AWS call at all, so no session');
    assert.equal(await readFile(auditLogPath, 'utf8').catch(() => 'none'), 'none');
  });

  it('restore-policy: refuses a record whose queue is on another host, or in another account than the record', async () => {
    const { owner, queue } = lockedQueue();
    const other = sandbox.world.members.find((a) => a.id !== owner.id && a.state === 'ACTIVE')!;
    const record = (id: string, target: string) => ({
      v: 1,
      id,
      time: '2026-12-01T00:00:00.000Z',
      runId: `run-${id}`,
      callerArn: `arn:aws:iam::${sandbox.world.organization.managementAccountId}:user/admin`,
      accountId: owner.id,
      task: 'unlockSqsQueuePolicy',
      taskPolicy: 'SQSUnlockQueuePolicy',
      sessionAccessKeyId: 'ASIASANDBOXEXAMPLE01',
      parameters: { queue: queue.name },
      type: 'intent',
      changes: [{ operation: 'SetQueueAttributes', target, description: 'Remove the policy' }],
      keptPolicy: { resource: 'queue', target, policy: '{"Version":"2012-10-17","Statement":[]}' },
    });
    const records = [
      record('rec-foreign-host', `${foreignOrigin}/${owner.id}/${queue.name}`),
      record('rec-other-account', `https://sqs.us-east-1.amazonaws.com/${other.id}/${queue.name}`),
    ];
    await mkdir(dirname(auditLogPath), { recursive: true });
    await writeFile(auditLogPath, records.map((r) => `${JSON.stringify(r)}\n`).join(''));

    const foreign = await run(['restore-policy', '--from-record', 'rec-foreign-host', '--dry-run']);
    assert.equal(foreign.code, 2, foreign.stderr);
    assert.match(foreign.stderr, new RegExp(`Cannot restore from record rec-foreign-host: A queue URL must be on the SQS endpoint of us-east-1 .*, not ${foreignOrigin}`));
    const otherAccount = await run(['restore-policy', '--from-record', 'rec-other-account', '--yes']);
    assert.equal(otherAccount.code, 2, otherAccount.stderr);
    assert.match(otherAccount.stderr, new RegExp(`Cannot restore from record rec-other-account: The queue belongs to account ${other.id}, not ${owner.id}`));
    assert.deepEqual(received, []);
    assert.deepEqual(sandbox.requests(), [], 'no AWS call at all, so no session');
  });
});
