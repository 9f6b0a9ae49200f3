import assert from 'node:assert/strict';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { clientsFor, rejection, rootSession, type Creds } from './helpers';

/** Changes the request after the SDK signed it, as an attacker in the middle would. */
function tamperAfterSigning(client: STSClient, change: (request: { headers: Record<string, string>; body?: unknown }) => void): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      change(args.request as { headers: Record<string, string>; body?: unknown });
      return next(args);
    },
    { step: 'deserialize', name: 'tamperAfterSigning' },
  );
}

describe('sandbox SigV4 and sessions', () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ accounts: 12, scpBlockedAccounts: 0 });
  });
  after(() => sandbox.close());

  const member = () => sandbox.world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE')!;

  it('accepts the SDK signature for any region in the scope', async () => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
      const out = await clientsFor(sandbox, sandbox.credentials.management, { region }).sts.send(new GetCallerIdentityCommand({}));
      assert.equal(out.Account, sandbox.world.organization.managementAccountId);
    }
  });

  it('refuses a tampered signature with SignatureDoesNotMatch', async () => {
    const { sts } = clientsFor(sandbox, sandbox.credentials.management);
    tamperAfterSigning(sts, (request) => {
      request.headers.authorization = request.headers.authorization.replace(/Signature=([0-9a-f])/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`);
    });
    const err = await rejection(() => sts.send(new GetCallerIdentityCommand({})));
    assert.equal(err.name, 'SignatureDoesNotMatch');
    assert.equal(err.$metadata.httpStatusCode, 403);
  });

  it('refuses a body changed after signing', async () => {
    const { sts } = clientsFor(sandbox, sandbox.credentials.management);
    tamperAfterSigning(sts, (request) => {
      request.body = 'Action=GetCallerIdentity&Version=2011-06-15&X=1';
      request.headers['content-length'] = String(Buffer.byteLength(request.body as string));
    });
    assert.equal((await rejection(() => sts.send(new GetCallerIdentityCommand({})))).name, 'SignatureDoesNotMatch');
  });

  it('refuses a wrong secret and an unknown key with each service\'s own code', async () => {
    const wrongSecret = { ...sandbox.credentials.management, secretAccessKey: 'x'.repeat(40) };
    assert.equal((await rejection(() => clientsFor(sandbox, wrongSecret).sts.send(new GetCallerIdentityCommand({})))).name, 'SignatureDoesNotMatch');
    assert.equal((await rejection(() => clientsFor(sandbox, wrongSecret).orgs.send(new ListRootsCommand({})))).name, 'InvalidSignatureException');
    const unknown: Creds = { accessKeyId: 'AKIASANDBOX099999999', secretAccessKey: 'y'.repeat(40) };
    const c = clientsFor(sandbox, unknown);
    assert.equal((await rejection(() => c.sts.send(new GetCallerIdentityCommand({})))).name, 'InvalidClientTokenId');
    assert.equal((await rejection(() => c.iam.send(new GetAccountSummaryCommand({})))).name, 'InvalidClientTokenId');
    assert.equal((await rejection(() => c.orgs.send(new ListRootsCommand({})))).name, 'UnrecognizedClientException');
    assert.equal((await rejection(() => c.s3.send(new ListBucketsCommand({})))).name, 'InvalidAccessKeyId');
    const sqsErr = await rejection(() => c.sqs.send(new ListQueuesCommand({})));
    // Query-compatible SQS: the SDK names unmodeled errors by the x-amzn-query-error code.
    assert.equal(sqsErr.name, 'InvalidClientTokenId');
    assert.equal(sqsErr.$metadata.httpStatusCode, 403);
  });

  it('refuses session keys without or with a wrong session token', async () => {
    const session = await rootSession(sandbox, member().id, 'IAMAuditRootUserCredentials');
    const noToken = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey };
    assert.equal((await rejection(() => clientsFor(sandbox, noToken).iam.send(new GetAccountSummaryCommand({})))).name, 'InvalidClientTokenId');
    const wrongToken = { ...session, sessionToken: `${session.sessionToken}x` };
    assert.equal((await rejection(() => clientsFor(sandbox, wrongToken).iam.send(new GetAccountSummaryCommand({})))).name, 'InvalidClientTokenId');
  });

  it('refuses an expired session with ExpiredToken, on sandbox time', async () => {
    const session = await rootSession(sandbox, member().id, 'IAMAuditRootUserCredentials', 60);
    const { iam } = clientsFor(sandbox, session);
    assert.ok((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap);
    sandbox.clock.advance(61_000);
    try {
      const err = await rejection(() => iam.send(new GetAccountSummaryCommand({})));
      assert.equal(err.name, 'ExpiredToken');
      assert.equal(err.$metadata.httpStatusCode, 400);
      const s3Session = await rootSession(sandbox, member().id, 'S3UnlockBucketPolicy', 0);
      assert.equal((await rejection(() => clientsFor(sandbox, s3Session).s3.send(new ListBucketsCommand({})))).name, 'ExpiredToken');
    } finally {
      sandbox.clock.advance(-61_000);
    }
    const last = sandbox.requests().filter((r) => r.errorCode === 'ExpiredToken');
    assert.ok(last.some((r) => r.accessKeyId === session.accessKeyId));
  });

  it('refuses a request signed 20 minutes off the wall clock', async () => {
    const sts = new STSClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials.management, maxAttempts: 1, systemClockOffset: -20 * 60_000 });
    const err = await rejection(() => sts.send(new GetCallerIdentityCommand({})));
    assert.equal(err.name, 'SignatureDoesNotMatch');
    assert.match(err.message, /Signature expired/);
  });

  it('refuses unsigned requests', async () => {
    const res = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /<Code>MissingAuthenticationToken<\/Code>/);
  });
  it('answers a malformed percent-encoding and a SignedHeaders entry named after an Object member with 4xx, not 500', async () => {
    const amzDate = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    const authorization = (service: string, signedHeaders: string) =>
      `AWS4-HMAC-SHA256 Credential=${sandbox.credentials.management.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/${service}/aws4_request, SignedHeaders=${signedHeaders}, Signature=${'0'.repeat(64)}`;
    const malformedPath = await fetch(`${sandbox.endpoint}/bucket%E0%A4%A/?policy`, { headers: { authorization: authorization('s3', 'host;x-amz-date'), 'x-amz-date': amzDate } });
    assert.equal(malformedPath.status, 400);
    assert.match(await malformedPath.text(), /<Code>InvalidURI<\/Code>/);
    for (const name of ['constructor', '__proto__']) {
      const s3 = await fetch(`${sandbox.endpoint}/bucket/?policy`, { headers: { authorization: authorization('s3', `${name};host;x-amz-date`), 'x-amz-date': amzDate } });
      assert.equal(s3.status, 403, name);
      assert.match(await s3.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
      const sts = await fetch(sandbox.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authorization('sts', `${name};host;x-amz-date`), 'x-amz-date': amzDate },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      });
      assert.equal(sts.status, 403, name);
    }
  });

  it('with the signature fault, echoes the canonical request with the session token as AWS does (STS/IAM in the message, S3 in elements)', async () => {
    const creds = await rootSession(sandbox, member().id, 'IAMAuditRootUserCredentials');
    const s3Creds = await rootSession(sandbox, member().id, 'S3UnlockBucketPolicy');
    sandbox.setKnobs({ faults: { rate: 1, kinds: ['signature'], apis: ['iam:GetAccountSummary', 's3:GetBucketPolicy'] } });
    try {
      const iamErr = await rejection(() => clientsFor(sandbox, creds).iam.send(new GetAccountSummaryCommand({})));
      assert.equal(iamErr.name, 'SignatureDoesNotMatch');
      assert.match(iamErr.message, /The Canonical String for this request should have been/);
      assert.ok(iamErr.message.includes(`x-amz-security-token:${creds.sessionToken}`), 'the token is echoed');
      const s3Err = await rejection(() => clientsFor(sandbox, s3Creds).s3.send(new GetBucketPolicyCommand({ Bucket: 'any-bucket' })));
      assert.equal(s3Err.name, 'SignatureDoesNotMatch');
      assert.ok(String((s3Err as unknown as Record<string, unknown>).CanonicalRequest).includes(s3Creds.sessionToken!), 'S3 echoes it in CanonicalRequest');
      // Other APIs are untouched by a fault scoped to these two.
      await clientsFor(sandbox, creds).sts.send(new GetCallerIdentityCommand({}));
    } finally {
      sandbox.setKnobs({ faults: undefined });
    }
  });
});
