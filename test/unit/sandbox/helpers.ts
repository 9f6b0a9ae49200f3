/**
 * Shared set-up for the sandbox tests: real SDK clients pointed at a sandbox, with retries off unless a test
 * turns them on, so a refused call fails at once.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRootCommand, STSClient } from '@aws-sdk/client-sts';
import { taskPolicyArn, type TaskPolicyName } from '../../../src/core/root/taskPolicies';
import type { SandboxHandle } from '../../../src/sandbox/index';

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Clients {
  sts: STSClient;
  iam: IAMClient;
  orgs: OrganizationsClient;
  s3: S3Client;
  sqs: SQSClient;
}

export function clientsFor(sandbox: SandboxHandle, credentials: Creds, extra: { maxAttempts?: number; region?: string } = {}): Clients {
  const base = { endpoint: sandbox.endpoint, region: extra.region ?? sandbox.region, credentials, maxAttempts: extra.maxAttempts ?? 1 };
  return {
    sts: new STSClient(base),
    iam: new IAMClient(base),
    orgs: new OrganizationsClient(base),
    s3: new S3Client({ ...base, forcePathStyle: true }),
    sqs: new SQSClient(base),
  };
}

/** AssumeRoot from the management account; returns the session credentials. */
export async function rootSession(sandbox: SandboxHandle, accountId: string, task: TaskPolicyName, durationSeconds?: number): Promise<Creds> {
  const { sts } = clientsFor(sandbox, sandbox.credentials.management);
  const out = await sts.send(new AssumeRootCommand({ TargetPrincipal: accountId, TaskPolicyArn: { arn: taskPolicyArn(task) }, DurationSeconds: durationSeconds }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** What the SDK throws for a service error: the wire code as `name`, plus modeled members. */
export interface SdkError extends Error {
  $metadata: { httpStatusCode?: number; attempts?: number };
  Code?: string;
  Type?: string;
  Reason?: string;
}

/** Runs `fn` and returns the error it throws; fails when it does not throw. */
export async function rejection(fn: () => Promise<unknown>): Promise<SdkError> {
  try {
    await fn();
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('expected the call to be refused');
}
