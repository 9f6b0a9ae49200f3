/**
 * The preflight's prediction against what really happens: every call of every task, made in a root session
 * in every active member account of a seeded sandbox organization, whose SCPs and RCPs the sandbox enforces
 * with its own evaluator (written apart from src/core). The calls the sandbox refuses must be exactly the
 * calls the preflight predicts blocked, account by account and task by task.
 */
import assert from 'node:assert/strict';
import {
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  DeleteVirtualMFADeviceCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
  CreateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, ListBucketsCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueuesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../../../../src/core/aws/clients';
import { TASK_CALLS, TASK_POLICY_NAMES, type TaskPolicyName } from '../../../../src/core/policy';
import { preflightOrganization } from '../../../../src/core/preflight';
import { type SandboxHandle, startSandbox } from '../../../../src/sandbox/index';
import { type Clients, clientsFor, rootSession } from '../../sandbox/helpers';

/** One call of a task, sent as the SDK sends it, on the account's own bucket or queue where it has one. */
function send(clients: Clients, action: string, account: { id: string; bucket: string; queueUrl: string; queueName: string }): Promise<unknown> {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.id}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${account.bucket}/*` }] });
  const calls: Record<string, () => Promise<unknown>> = {
    'iam:GetAccountSummary': () => clients.iam.send(new GetAccountSummaryCommand({})),
    'iam:GetLoginProfile': () => clients.iam.send(new GetLoginProfileCommand({})),
    'iam:ListAccessKeys': () => clients.iam.send(new ListAccessKeysCommand({})),
    'iam:GetAccessKeyLastUsed': () => clients.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })),
    'iam:ListMFADevices': () => clients.iam.send(new ListMFADevicesCommand({})),
    'iam:ListSigningCertificates': () => clients.iam.send(new ListSigningCertificatesCommand({})),
    'iam:GetUser': () => clients.iam.send(new GetUserCommand({})),
    'iam:CreateLoginProfile': () => clients.iam.send(new CreateLoginProfileCommand({})),
    'iam:DeleteAccessKey': () => clients.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })),
    'iam:DeleteSigningCertificate': () => clients.iam.send(new DeleteSigningCertificateCommand({ CertificateId: 'EXAMPLECERTIFICATEID0000000000000000' })),
    'iam:DeleteLoginProfile': () => clients.iam.send(new DeleteLoginProfileCommand({})),
    'iam:DeactivateMFADevice': () => clients.iam.send(new DeactivateMFADeviceCommand({ SerialNumber: `arn:aws:iam::${account.id}:mfa/root-account-mfa-device` })),
    'iam:DeleteVirtualMFADevice': () => clients.iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: `arn:aws:iam::${account.id}:mfa/root-account-mfa-device` })),
    's3:DeleteBucketPolicy': () => clients.s3.send(new DeleteBucketPolicyCommand({ Bucket: account.bucket })),
    's3:PutBucketPolicy': () => clients.s3.send(new PutBucketPolicyCommand({ Bucket: account.bucket, Policy: policy })),
    's3:GetBucketPolicy': () => clients.s3.send(new GetBucketPolicyCommand({ Bucket: account.bucket })),
    's3:ListAllMyBuckets': () => clients.s3.send(new ListBucketsCommand({})),
    'sqs:SetQueueAttributes': () => clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: account.queueUrl, Attributes: { Policy: '' } })),
    'sqs:GetQueueAttributes': () => clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: account.queueUrl, AttributeNames: ['Policy'] })),
    'sqs:ListQueues': () => clients.sqs.send(new ListQueuesCommand({})),
    'sqs:GetQueueUrl': () => clients.sqs.send(new GetQueueUrlCommand({ QueueName: account.queueName, QueueOwnerAWSAccountId: account.id })),
  };
  return calls[action]();
}

/** Refused by an SCP or RCP: AWS's denial names the policy type (a key of another account is refused too, for other reasons). */
const isOrgPolicyDenial = (err: unknown) => /AccessDenied/.test((err as Error).name ?? '') && /control policy/.test((err as Error).message ?? '');

describe('preflight: the prediction agrees with the sandbox organization, account by account', function () {
  this.timeout(120_000);
  let sandbox: SandboxHandle;
  before(async () => {
    // Four blocked accounts: one of each blocking shape the sandbox seeds.
    sandbox = await startSandbox({ accounts: 16, ouDepth: 2, scpBlockedAccounts: 4, suspendedAccounts: 1, seed: 3 });
  });
  after(() => sandbox.close());

  it('every call the sandbox refuses in a root session is one the preflight predicts blocked, and only those', async () => {
    const clients = await createAwsClients({ credentials: { kind: 'static', credentials: sandbox.credentials.management }, endpoint: sandbox.endpoint, region: sandbox.region });
    const { preflight } = await preflightOrganization(clients, { tasks: TASK_POLICY_NAMES });
    clients.destroy();
    const world = sandbox.world;
    const mismatches: string[] = [];
    let compared = 0;
    let blocked = 0;
    let depends = 0;
    for (const prediction of preflight.predictions) {
      const member = world.account(prediction.accountId);
      const queue = member.queues[0];
      const target = {
        id: member.id,
        bucket: member.buckets[0]?.name ?? `no-bucket-${member.id}`,
        queueName: queue?.name ?? 'no-queue',
        queueUrl: queue ? `${sandbox.endpoint}/${member.id}/${queue.name}` : `${sandbox.endpoint}/${member.id}/no-queue`,
      };
      const session = clientsFor(sandbox, await rootSession(sandbox, member.id, prediction.task as TaskPolicyName));
      const refused: string[] = [];
      for (const { action } of TASK_CALLS[prediction.task]) {
        await send(session, action, target).catch((err: unknown) => {
          if (isOrgPolicyDenial(err)) refused.push(action);
        });
      }
      compared++;
      if (prediction.result === 'depends') {
        depends++;
        // The sandbox's callers come from 127.0.0.1, outside the corporate ranges: the only unknown is the address.
        if (prediction.dependsOn.join() !== 'aws:SourceIp') mismatches.push(`${member.id} ${prediction.task}: depends on ${prediction.dependsOn.join(', ')}`);
        continue;
      }
      if (prediction.result === 'blocked') blocked++;
      // Every call the sandbox refuses: those the task needs, and those it does without (listing, undo).
      const blockedCalls = [...prediction.blockedCalls, ...(prediction.blockedOptionalCalls ?? [])];
      const predicted = TASK_CALLS[prediction.task].map((c) => c.action).filter((action) => blockedCalls.includes(action));
      if (predicted.join() !== refused.join()) mismatches.push(`${member.id} ${prediction.task}: predicted ${prediction.result} [${predicted.join(' ')}], sandbox refused [${refused.join(' ')}]`);
    }
    assert.deepEqual(mismatches, []);
    // Control Tower's deny (5 tasks), the LZA deny with the S3 RCP (5), the account without FullAWSAccess (4 of 5).
    assert.ok(blocked >= 14, `the seeded organization blocks tasks where it should (${blocked} of ${compared})`);
    assert.ok(depends >= 5, `the SourceIp deny makes every task depend (${depends})`);
  });
});
