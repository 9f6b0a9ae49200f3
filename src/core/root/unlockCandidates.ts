/**
 * The buckets and queues an unlock task could act on, listed inside a root session of the task's own policy
 * (`S3UnlockBucketPolicy` allows `s3:ListAllMyBuckets` and `s3:GetBucketPolicy`; `SQSUnlockQueuePolicy`
 * allows `sqs:ListQueues` and `sqs:GetQueueAttributes`), each with whether its policy locks out the account's
 * own administrators: the policy engine decides a request of an administrator of the owning account to
 * manage the policy against the resource policy alone. Nothing is changed, and the session ends with the list.
 */
import { GetBucketPolicyCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { mapConcurrently } from '../aws/concurrency';
import { awsErrorCode, tagged } from '../aws/errors';
import type { Logger } from '../log';
import { evaluate, readPolicy } from '../policy';
import { type RootSession, withRootSession } from './session';

export type UnlockResourceKind = 'bucket' | 'queue';

export interface UnlockCandidate {
  /** The bucket or queue name. */
  name: string;
  /** What the task takes: the bucket name, or the queue URL. */
  ref: string;
  /** `locked`: the policy denies the account's own administrators managing it, as a lockout does. */
  policy: 'none' | 'present' | 'locked' | 'unreadable';
}

export interface ListCandidatesOptions {
  signal?: AbortSignal;
  durationSeconds?: number;
  logger?: Logger;
}

/** Policy reads at once inside the session. */
const READS_IN_FLIGHT = 8;

/** How an administrator of `accountId` would manage the policy; a lockout denies exactly this. */
const MANAGE_ACTION: Record<UnlockResourceKind, string> = { bucket: 's3:PutBucketPolicy', queue: 'sqs:SetQueueAttributes' };

/** Whether `policyText` explicitly denies an administrator of `accountId` managing the resource's policy. */
export function locksOutAdministrators(policyText: string, kind: UnlockResourceKind, resourceArn: string, accountId: string): boolean {
  try {
    const policy = readPolicy(policyText, kind === 'bucket' ? 'bucket policy' : 'queue policy');
    const principal = { type: 'AWS', id: `arn:aws:iam::${accountId}:role/Administrator` };
    return evaluate({ action: MANAGE_ACTION[kind], resource: resourceArn, principal }, { resource: policy }).decision === 'explicitDeny';
  } catch {
    return false; // a policy the engine cannot read is shown as present, not guessed at
  }
}

function classify(policy: string | undefined, kind: UnlockResourceKind, arn: string, accountId: string): UnlockCandidate['policy'] {
  if (!policy) return 'none';
  return locksOutAdministrators(policy, kind, arn, accountId) ? 'locked' : 'present';
}

async function listBuckets(session: RootSession, signal?: AbortSignal): Promise<UnlockCandidate[]> {
  const s3 = session.s3();
  const { Buckets = [] } = await tagged('ListBuckets', s3.send(new ListBucketsCommand({}), { abortSignal: signal }));
  const names = Buckets.map((b) => b.Name).filter((n): n is string => Boolean(n));
  return mapConcurrently(
    names,
    READS_IN_FLIGHT,
    async (name): Promise<UnlockCandidate> => {
      try {
        const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: name, ExpectedBucketOwner: session.accountId }), { abortSignal: signal });
        return { name, ref: name, policy: classify(Policy, 'bucket', `arn:aws:s3:::${name}`, session.accountId) };
      } catch (err) {
        if (awsErrorCode(err) === 'NoSuchBucketPolicy') return { name, ref: name, policy: 'none' };
        if (signal?.aborted) throw err;
        return { name, ref: name, policy: 'unreadable' };
      }
    },
    signal,
  );
}

async function listQueues(session: RootSession, signal?: AbortSignal): Promise<UnlockCandidate[]> {
  const sqs = session.sqs();
  const urls: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await tagged('ListQueues', sqs.send(new ListQueuesCommand({ MaxResults: 1000, NextToken }), { abortSignal: signal }));
    urls.push(...(page.QueueUrls ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return mapConcurrently(
    urls,
    READS_IN_FLIGHT,
    async (url): Promise<UnlockCandidate> => {
      const name = url.slice(url.lastIndexOf('/') + 1);
      try {
        const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy', 'QueueArn'] }), { abortSignal: signal });
        const arn = Attributes?.QueueArn ?? `arn:aws:sqs:*:${session.accountId}:${name}`;
        return { name, ref: url, policy: classify(Attributes?.Policy, 'queue', arn, session.accountId) };
      } catch (err) {
        if (signal?.aborted) throw err;
        return { name, ref: url, policy: 'unreadable' };
      }
    },
    signal,
  );
}

/** Lists the account's buckets or queues in one root session of the unlock task's policy; locked ones first. */
export async function listUnlockCandidates(
  clients: Parameters<typeof withRootSession>[0],
  accountId: string,
  kind: UnlockResourceKind,
  options: ListCandidatesOptions = {},
): Promise<UnlockCandidate[]> {
  const taskPolicy = kind === 'bucket' ? 'S3UnlockBucketPolicy' : 'SQSUnlockQueuePolicy';
  const list = await withRootSession(clients, accountId, taskPolicy, (session) => (kind === 'bucket' ? listBuckets(session, options.signal) : listQueues(session, options.signal)), {
    signal: options.signal,
    durationSeconds: options.durationSeconds,
    logger: options.logger,
  });
  const rank: Record<UnlockCandidate['policy'], number> = { locked: 0, present: 1, unreadable: 2, none: 3 };
  return list.sort((a, b) => rank[a.policy] - rank[b.policy] || a.name.localeCompare(b.name));
}
