import type { RetryStrategyV2 } from '@smithy/types';
import assert from 'node:assert/strict';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAwsClients, isLoopbackEndpoint, needsPathStyle, partitionOf } from '../../../../src/core/aws/clients';

interface Captured {
  url: string;
  headers: Record<string, string>;
}

/** Stops a client's request after signing and records where it would have gone; nothing leaves the process. */
function capture(client: { middlewareStack: { add: Function } }): Captured[] {
  const seen: Captured[] = [];
  client.middlewareStack.add(
    () => async (args: { request: { protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string> } }) => {
      const r = args.request;
      seen.push({ url: `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path}`, headers: r.headers });
      throw Object.assign(new Error('captured'), { name: 'Captured' });
    },
    { step: 'finalizeRequest', priority: 'low', name: 'capture' },
  );
  return seen;
}

const staticCredentials = { kind: 'static' as const, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } };

async function send(client: { send: Function }, command: unknown): Promise<void> {
  await assert.rejects(client.send(command), { name: 'Captured' });
}

describe('createAwsClients', () => {
  let home: string;
  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-aws-'));
    fs.writeFileSync(
      path.join(home, 'config'),
      '[profile emu]\nregion = eu-west-1\nservices = local\nendpoint_url = http://127.0.0.1:4999/profile\n\n[services local]\nsqs =\n  endpoint_url = http://127.0.0.1:4566\n',
    );
  });
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  it('sends AssumeRoot to the regional STS endpoint, never the global one', async () => {
    const clients = await createAwsClients({ credentials: staticCredentials, region: 'eu-west-1' }, {});
    const seen = capture(clients.sts());
    await send(clients.sts(), new AssumeRootCommand({ TargetPrincipal: '123456789012', TaskPolicyArn: { arn: 'x'.repeat(20) } }));
    assert.equal(new URL(seen[0].url).hostname, 'sts.eu-west-1.amazonaws.com');
  });

  it('defaults to us-east-1 and refuses aws-global', async () => {
    assert.equal((await createAwsClients({ credentials: staticCredentials }, {})).region, 'us-east-1');
    await assert.rejects(createAwsClients({ credentials: staticCredentials, region: 'aws-global' }, {}), { code: 'InvalidRegion' });
  });

  it('refuses a region that is not a region name, and takes every partition\'s shape', async () => {
    for (const region of ['us-gov-west-1', 'cn-north-1', 'eusc-de-east-1', 'ap-southeast-5']) assert.equal((await createAwsClients({ credentials: staticCredentials, region }, {})).region, region);
    for (const region of ['nowhere-1', 'us-east', 'US-EAST-1', 'us-east-1 ']) {
      await assert.rejects(createAwsClients({ credentials: staticCredentials, region }, {}), { code: 'InvalidRegion', message: `"${region}" is not an AWS region name such as us-east-1` });
    }
  });

  it('calls a connection local only when every service goes to this machine (the sandbox, an emulator)', async () => {
    assert.equal((await createAwsClients({ credentials: staticCredentials, endpoint: 'http://127.0.0.1:4566' }, {})).local, true);
    assert.equal((await createAwsClients({ credentials: staticCredentials }, {})).local, false);
    const profileEnv = { AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none') };
    // The demo's way: a profile whose endpoint_url is the sandbox's.
    assert.equal((await createAwsClients({ credentials: { kind: 'profile', profile: 'emu' } }, profileEnv)).local, true);
    assert.equal((await createAwsClients({ credentials: staticCredentials }, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1' })).local, false, 'one local service is not a local organization');
  });

  it('names RootGuard in the user agent', async () => {
    const clients = await createAwsClients({ credentials: staticCredentials, userAgentApp: 'cli' }, {});
    const seen = capture(clients.iam());
    await send(clients.iam(), new GetAccountSummaryCommand({}));
    assert.match(seen[0].headers['user-agent'], /RootGuard\/\d+\.\d+\.\d+/);
    assert.match(seen[0].headers['user-agent'], /\bcli\b/);
  });

  describe('settings the SDK would look up again for every new client', () => {
    const saved = { app: process.env.AWS_SDK_UA_APP_ID, schemes: process.env.AWS_AUTH_SCHEME_PREFERENCE };
    // What the SDK would find if it looked again: a root session's clients must not.
    beforeEach(() => Object.assign(process.env, { AWS_SDK_UA_APP_ID: 'looked-up-again', AWS_AUTH_SCHEME_PREFERENCE: 'looked-up-again' }));
    afterEach(() => {
      for (const [name, value] of [['AWS_SDK_UA_APP_ID', saved.app], ['AWS_AUTH_SCHEME_PREFERENCE', saved.schemes]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    const session = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };

    it('are read once, with the connection, for the caller and every root session', async () => {
      const clients = await createAwsClients({ credentials: staticCredentials }, { AWS_SDK_UA_APP_ID: 'ops-team', AWS_AUTH_SCHEME_PREFERENCE: 'sigv4, sigv4a' });
      for (const iam of [clients.iam(), clients.withCredentials(session).iam()]) {
        assert.equal(await iam.config.userAgentAppId(), 'ops-team');
        assert.deepEqual(await iam.config.authSchemePreference!(), ['sigv4', 'sigv4a']);
      }
      const iam = clients.withCredentials(session).iam();
      const seen = capture(iam);
      await send(iam, new GetAccountSummaryCommand({}));
      assert.match(seen[0].headers['user-agent'], /\bapp\/ops-team\b/);
    });

    it('stay unset when the connection has none', async () => {
      const clients = await createAwsClients({ credentials: staticCredentials }, {});
      const iam = clients.withCredentials(session).iam();
      assert.equal(await iam.config.userAgentAppId(), undefined);
      assert.deepEqual(await iam.config.authSchemePreference!(), []);
    });
  });

  it('uses path-style S3 URLs on an IP endpoint', async () => {
    const clients = await createAwsClients({ credentials: staticCredentials, endpoint: 'http://127.0.0.1:4566' }, {});
    const seen = capture(clients.s3());
    await send(clients.s3(), new GetBucketPolicyCommand({ Bucket: 'my-bucket' }));
    assert.match(seen[0].url, /^http:\/\/127\.0\.0\.1:4566\/my-bucket\/?$/);
  });

  it('sends SQS calls to the configured endpoint even when the queue URL names AWS', async () => {
    const env = { AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none') };
    const clients = await createAwsClients({ credentials: { kind: 'profile', profile: 'emu' } }, env);
    assert.equal(clients.region, 'eu-west-1');
    const sqs = clients.withCredentials({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's', sessionToken: 't' }).sqs();
    const seen = capture(sqs);
    await send(sqs, new GetQueueAttributesCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', AttributeNames: ['Policy'] }));
    assert.equal(new URL(seen[0].url).origin, 'http://127.0.0.1:4566');
  });

  it('sends a root session\'s SQS calls to the region\'s endpoint, never to the host a queue URL names', async () => {
    const clients = await createAwsClients({ credentials: staticCredentials, region: 'eu-west-1' }, {});
    const sqs = clients.withCredentials({ accessKeyId: 'ASIASANDBOXEXAMPLE01', secretAccessKey: 's', sessionToken: 't' }).sqs();
    const seen = capture(sqs);
    await send(sqs, new GetQueueAttributesCommand({ QueueUrl: 'http://127.0.0.1:47399/123456789012/q', AttributeNames: ['Policy'] }));
    await send(sqs, new GetQueueAttributesCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', AttributeNames: ['Policy'] }));
    assert.deepEqual(seen.map((s) => new URL(s.url).origin), ['https://sqs.eu-west-1.amazonaws.com', 'https://sqs.eu-west-1.amazonaws.com']);
  });

  it('takes AWS_ENDPOINT_URL_<SERVICE> over the profile, and an explicit endpoint over both', async () => {
    const files = { AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none') };
    const originOfIam = async (env: NodeJS.ProcessEnv, endpoint?: string) => {
      const clients = await createAwsClients({ credentials: { kind: 'profile', profile: 'emu' }, endpoint }, env);
      const iam = clients.withCredentials({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's' }).iam();
      const seen = capture(iam);
      await send(iam, new GetAccountSummaryCommand({}));
      return new URL(seen[0].url).origin;
    };
    assert.equal(await originOfIam(files), 'http://127.0.0.1:4999');
    assert.equal(await originOfIam({ ...files, AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:5001' }), 'http://127.0.0.1:5001');
    assert.equal(await originOfIam({ ...files, AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:5001' }, 'http://127.0.0.1:6001'), 'http://127.0.0.1:6001');
  });

  it('applies the configured retry attempts to every client', async () => {
    const clients = await createAwsClients({ credentials: staticCredentials, maxAttempts: 7, retryMode: 'adaptive' }, {});
    assert.equal(await clients.iam().config.maxAttempts(), 7);
    assert.equal(((await clients.sts().config.retryStrategy()) as { mode?: string }).mode, 'adaptive');
    await assert.rejects(createAwsClients({ credentials: staticCredentials, maxAttempts: 0 }, {}), { code: 'InvalidMaxAttempts' });
  });

  it('waits the fixed retry delay when one is set, keeping the attempts', async () => {
    const clients = await createAwsClients({ credentials: staticCredentials, maxAttempts: 4, retryDelayMs: 7 }, {});
    const strategy = (await clients.iam().config.retryStrategy()) as RetryStrategyV2;
    const token = await strategy.acquireInitialRetryToken('iam');
    const retry = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
    // This SDK build sleeps inside refreshRetryTokenForRetry and records the wait on the new token.
    assert.equal((retry as { $retryLog?: { acquisitionDelay?: number } }).$retryLog?.acquisitionDelay, 7);
    const adaptive = await createAwsClients({ credentials: staticCredentials, retryMode: 'adaptive', retryDelayMs: 7 }, {});
    assert.equal(((await adaptive.iam().config.retryStrategy()) as { mode?: string }).mode, 'adaptive');
  });
});

describe('endpoint helpers', () => {
  it('needs path style for IPs and localhost only', () => {
    assert.equal(needsPathStyle('http://127.0.0.1:4566'), true);
    assert.equal(needsPathStyle('http://[::1]:4566'), true);
    assert.equal(needsPathStyle('http://localhost:4566'), true);
    assert.equal(needsPathStyle('https://s3.example.com'), false);
    assert.equal(needsPathStyle(undefined), false);
  });

  it('tells loopback endpoints from others', () => {
    for (const url of ['http://127.0.0.1:4566', 'http://127.9.0.1', 'http://[::1]:1', 'http://localhost:1', 'http://sandbox.localhost']) assert.ok(isLoopbackEndpoint(url), url);
    for (const url of ['http://10.0.0.1', 'https://sts.us-east-1.amazonaws.com', 'http://127.0.0.1.example.com', undefined]) assert.ok(!isLoopbackEndpoint(url), String(url));
  });

  it('derives the partition from the region', () => {
    assert.deepEqual(['us-east-1', 'cn-north-1', 'us-gov-west-1'].map(partitionOf), ['aws', 'aws-cn', 'aws-us-gov']);
  });
});
