import assert from 'node:assert/strict';
import http from 'node:http';
import type { LookupFunction } from 'node:net';
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, ListBucketsCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueuesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { startSandbox, type SandboxAccount, type SandboxHandle } from '../../../src/sandbox/index';
import { clientsFor, rejection, rootSession } from './helpers';

describe('sandbox S3 and SQS unlock tasks', () => {
  let sandbox: SandboxHandle;
  // Owners of the seeded locked resources, fixed before any test unlocks one.
  let bucketOwners: SandboxAccount[];
  let queueOwners: SandboxAccount[];
  before(async () => {
    sandbox = await startSandbox({ accounts: 20, lockedBuckets: 4, lockedQueues: 4, scpBlockedAccounts: 0, suspendedAccounts: 0 });
    bucketOwners = sandbox.world.members.filter((a) => a.buckets.some((b) => b.policy));
    queueOwners = sandbox.world.members.filter((a) => a.queues.some((q) => q.attributes.Policy));
    assert.deepEqual([bucketOwners.length, queueOwners.length], [4, 4]);
  });
  after(() => sandbox.close());

  const lockedBucketOwner = (n = 0): SandboxAccount => bucketOwners[n];
  const lockedQueueOwner = (n = 0): SandboxAccount => queueOwners[n];

  it('an S3 session lists its buckets, reads and deletes a deny-all bucket policy', async () => {
    const owner = lockedBucketOwner();
    const bucket = owner.buckets.find((b) => b.policy)!;
    const { s3 } = clientsFor(sandbox, await rootSession(sandbox, owner.id, 'S3UnlockBucketPolicy'));
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(Buckets?.map((b) => b.Name), owner.buckets.map((b) => b.name));
    const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket.name, ExpectedBucketOwner: owner.id }));
    assert.equal(JSON.parse(Policy!).Statement[0].Effect, 'Deny');
    const deleted = await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket.name }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    assert.equal(bucket.policy, undefined);
    const gone = await rejection(() => s3.send(new GetBucketPolicyCommand({ Bucket: bucket.name })));
    assert.deepEqual([gone.name, gone.$metadata.httpStatusCode], ['NoSuchBucketPolicy', 404]);
  });

  it('an S3 session may also put a fixed policy; malformed policies are refused', async () => {
    const owner = lockedBucketOwner(1);
    const bucket = owner.buckets.find((b) => b.policy)!;
    const { s3 } = clientsFor(sandbox, await rootSession(sandbox, owner.id, 'S3UnlockBucketPolicy'));
    const fixed = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${bucket.name}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket.name, Policy: fixed }));
    assert.equal(bucket.policy, fixed);
    assert.equal((await rejection(() => s3.send(new PutBucketPolicyCommand({ Bucket: bucket.name, Policy: 'not json' })))).name, 'MalformedPolicy');
    assert.equal(bucket.policy, fixed);
  });

  it('a session used against another account is refused, and the policy stays', async () => {
    const owner = lockedBucketOwner(2);
    const other = sandbox.world.members.find((a) => a.id !== owner.id && a.role === 'member')!;
    const bucket = owner.buckets.find((b) => b.policy)!;
    const { s3 } = clientsFor(sandbox, await rootSession(sandbox, other.id, 'S3UnlockBucketPolicy'));
    const err = await rejection(() => s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket.name })));
    assert.deepEqual([err.name, err.$metadata.httpStatusCode], ['AccessDenied', 403]);
    assert.match(err.message, new RegExp(`^User: arn:aws:iam::${other.id}:root is not authorized to perform: s3:DeleteBucketPolicy`));
    assert.ok(bucket.policy);
    const wrongOwner = await rejection(() => s3.send(new GetBucketPolicyCommand({ Bucket: other.buckets[0].name, ExpectedBucketOwner: owner.id })));
    assert.equal(wrongOwner.name, 'AccessDenied');
    assert.equal((await rejection(() => s3.send(new GetBucketPolicyCommand({ Bucket: 'no-such-bucket-anywhere' })))).name, 'NoSuchBucket');
  });

  it('serves virtual-host style requests (Host: <bucket>.localhost)', async () => {
    const owner = lockedBucketOwner(3);
    const bucket = owner.buckets.find((b) => b.policy)!;
    const creds = await rootSession(sandbox, owner.id, 'S3UnlockBucketPolicy');
    // `<bucket>.localhost` may not resolve here: connect every name to 127.0.0.1, keep the Host header.
    const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) as unknown as LookupFunction;
    const s3 = new S3Client({
      endpoint: `http://localhost:${sandbox.port}`,
      region: sandbox.region,
      credentials: creds,
      maxAttempts: 1,
      requestHandler: { httpAgent: new http.Agent({ lookup }) },
    });
    const hosts: string[] = [];
    s3.middlewareStack.add(
      (next) => async (args) => {
        hosts.push((args.request as { hostname: string }).hostname);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    sandbox.clearRequests();
    const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket.name }));
    assert.deepEqual(hosts, [`${bucket.name}.localhost`]);
    assert.equal(Policy, bucket.policy);
    assert.deepEqual(sandbox.requests().map((r) => [r.operation, r.status]), [['GetBucketPolicy', 200]]);
  });

  it('an SQS session finds a locked queue on the sandbox origin and removes its policy with Policy ""', async () => {
    const owner = lockedQueueOwner();
    const queue = owner.queues.find((q) => q.attributes.Policy)!;
    const { sqs } = clientsFor(sandbox, await rootSession(sandbox, owner.id, 'SQSUnlockQueuePolicy'));
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({}));
    assert.deepEqual(QueueUrls, owner.queues.map((q) => `${sandbox.endpoint}/${owner.id}/${q.name}`));
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }));
    assert.equal(QueueUrl, `${sandbox.endpoint}/${owner.id}/${queue.name}`);
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy', 'QueueArn'] }));
    assert.equal(JSON.parse(Attributes!.Policy!).Statement[0].Effect, 'Deny');
    assert.equal(Attributes!.QueueArn, queue.attributes.QueueArn);
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: '' } }));
    assert.equal(queue.attributes.Policy, undefined);
    const after = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    assert.equal(after.Attributes?.Policy, undefined);
    assert.equal(after.Attributes?.VisibilityTimeout, '30');
  });

  it('SQS refuses other accounts\' queues, unknown queues and wrong tasks', async () => {
    const owner = lockedQueueOwner(1);
    const other = sandbox.world.members.find((a) => a.id !== owner.id && a.role === 'member')!;
    const queue = owner.queues.find((q) => q.attributes.Policy)!;
    const url = `${sandbox.endpoint}/${owner.id}/${queue.name}`;
    const { sqs } = clientsFor(sandbox, await rootSession(sandbox, other.id, 'SQSUnlockQueuePolicy'));
    const denied = await rejection(() => sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: '' } })));
    assert.deepEqual([denied.name, denied.$metadata.httpStatusCode], ['AccessDenied', 403]);
    assert.ok(queue.attributes.Policy);
    const missing = await rejection(() => sqs.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' })));
    assert.deepEqual([missing.name, missing.Code, missing.Type], ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'Sender']);
    const audit = clientsFor(sandbox, await rootSession(sandbox, owner.id, 'IAMAuditRootUserCredentials')).sqs;
    assert.equal((await rejection(() => audit.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] })))).name, 'AccessDenied');
    const s3Task = clientsFor(sandbox, await rootSession(sandbox, owner.id, 'SQSUnlockQueuePolicy')).s3;
    assert.equal((await rejection(() => s3Task.send(new ListBucketsCommand({})))).name, 'AccessDenied');
  });
});
