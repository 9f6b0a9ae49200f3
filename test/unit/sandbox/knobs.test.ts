import assert from 'node:assert/strict';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { ListAccountsCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { KnobState } from '../../../src/sandbox/knobs';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { clientsFor, rejection, rootSession, type Clients, type Creds } from './helpers';

/** The SDK's own retry machinery (standard strategy, throttling classification) with 5 ms waits instead of up to seconds. */
function fastRetryClients(sandbox: SandboxHandle, creds: Creds): Clients {
  const clients = clientsFor(sandbox, creds);
  for (const client of Object.values(clients)) client.config.retryStrategy = async () => new ConfiguredRetryStrategy(8, 5);
  return clients;
}

describe('sandbox knobs', function () {
  // Over a hundred sequential signed calls; the unit runner allows 20 s, plain mocha only 2 s.
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 30, seed: 7, scpBlockedAccounts: 0, suspendedAccounts: 0 });
  });
  afterEach(() => sandbox.setKnobs({ throttling: undefined, faults: undefined, latency: undefined }));
  after(() => sandbox.close());

  const member = () => sandbox.world.members.find((a) => a.role === 'member')!.id;

  it('a 20% throttling run is absorbed by the SDK retries, with each service\'s throttling code', async () => {
    const audit = fastRetryClients(sandbox, await rootSession(sandbox, member(), 'IAMAuditRootUserCredentials'));
    const s3 = fastRetryClients(sandbox, await rootSession(sandbox, member(), 'S3UnlockBucketPolicy'));
    const sqs = fastRetryClients(sandbox, await rootSession(sandbox, member(), 'SQSUnlockQueuePolicy'));
    const mgmt = fastRetryClients(sandbox, sandbox.credentials.management);
    sandbox.setKnobs({ throttling: { rate: 0.2 } });
    sandbox.clearRequests();
    const attempts: number[] = [];
    for (let i = 0; i < 25; i++) {
      const outs = [
        await mgmt.orgs.send(new ListAccountsCommand({ MaxResults: 5 })),
        await mgmt.sts.send(new GetCallerIdentityCommand({})),
        await audit.iam.send(new GetAccountSummaryCommand({})),
        await s3.s3.send(new ListBucketsCommand({})),
        await sqs.sqs.send(new ListQueuesCommand({})),
      ];
      attempts.push(...outs.map((o) => o.$metadata.attempts ?? 1));
    }
    const records = sandbox.requests();
    const throttled = records.filter((r) => r.errorCode);
    const share = throttled.length / records.length;
    assert.ok(share > 0.1 && share < 0.3, `throttled share ${share}`);
    assert.deepEqual(
      new Set(throttled.map((r) => `${r.service}:${r.errorCode}:${r.status}`)),
      new Set(['organizations:TooManyRequestsException:400', 'sts:Throttling:400', 'iam:Throttling:400', 's3:SlowDown:503', 'sqs:com.amazonaws.sqs#RequestThrottled:403']),
    );
    assert.equal(attempts.length, 125, 'every call succeeded');
    assert.equal(attempts.reduce((a, b) => a + b, 0), records.length, 'retries account for every throttled request');
  });

  it('token buckets throttle one API and not the others', async () => {
    sandbox.setKnobs({ throttling: { perApi: { 'sts:GetCallerIdentity': { capacity: 2, refillPerSecond: 0 }, 'organizations:ListRoots': { capacity: 1, refillPerSecond: 0 } } } });
    const { sts, orgs } = clientsFor(sandbox, sandbox.credentials.management);
    await sts.send(new GetCallerIdentityCommand({}));
    await sts.send(new GetCallerIdentityCommand({}));
    const err = await rejection(() => sts.send(new GetCallerIdentityCommand({})));
    assert.deepEqual([err.name, err.message, err.$metadata.httpStatusCode], ['Throttling', 'Rate exceeded', 400]);
    await orgs.send(new ListRootsCommand({}));
    const orgErr = await rejection(() => orgs.send(new ListRootsCommand({})));
    assert.deepEqual([orgErr.name, orgErr.Type, orgErr.$metadata.httpStatusCode], ['TooManyRequestsException', 'RequestThrottled', 400]);
    assert.ok((await orgs.send(new ListAccountsCommand({}))).Accounts?.length);
  });

  it('sends x-amz-retry-after with throttling errors when asked', async () => {
    sandbox.setKnobs({ throttling: { rate: 1, retryAfterMs: 250 } });
    const { sts } = clientsFor(sandbox, sandbox.credentials.management);
    const err = (await rejection(() => sts.send(new GetCallerIdentityCommand({})))) as Error & { $response?: { headers: Record<string, string> } };
    assert.equal(err.$response?.headers['x-amz-retry-after'], '250');
  });

  it('injected 5xx faults are retried by the SDK; connection resets surface without retries', async () => {
    sandbox.setKnobs({ faults: { rate: 0.3, kinds: ['5xx'] } });
    sandbox.clearRequests();
    const mgmt = fastRetryClients(sandbox, sandbox.credentials.management);
    for (let i = 0; i < 20; i++) await mgmt.sts.send(new GetCallerIdentityCommand({}));
    const faults = sandbox.requests().filter((r) => r.errorCode);
    assert.ok(faults.length > 0);
    assert.ok(faults.every((r) => r.errorCode === 'InternalFailure' && r.status === 500));

    sandbox.setKnobs({ faults: { rate: 1, kinds: ['reset'] } });
    const err = await rejection(() => clientsFor(sandbox, sandbox.credentials.management).sts.send(new GetCallerIdentityCommand({})));
    assert.match(`${(err as { code?: string }).code} ${err.message}`, /ECONNRESET|socket hang up/);
    assert.equal(sandbox.requests().at(-1)?.errorCode, 'ConnectionReset');
    sandbox.setKnobs({ faults: { rate: 0.3, kinds: ['reset'] } });
    for (let i = 0; i < 10; i++) await mgmt.sts.send(new GetCallerIdentityCommand({}));
  });

  it('latency and jitter come from the seed: same seed, same delays', () => {
    const a = new KnobState({ latency: { fixedMs: 10, jitterMs: 5 } }, 42);
    const b = new KnobState({ latency: { fixedMs: 10, jitterMs: 5 } }, 42);
    const delays = Array.from({ length: 50 }, () => a.delayMs());
    assert.deepEqual(delays, Array.from({ length: 50 }, () => b.delayMs()));
    assert.ok(delays.every((d) => d >= 10 && d < 15));
    assert.ok(new Set(delays).size > 40);
    assert.equal(new KnobState({}, 1).delayMs(), 0);
  });
});
