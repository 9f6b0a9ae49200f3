import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { clearCredentialCache } from '@smithy/signature-v4';
import type { AwsClients } from '../aws/clients';
import type { AwsCredentials } from '../aws/credentials';
import { RootGuardError, tagged, throwIfAborted } from '../aws/errors';
import { containsKnownSecret } from '../aws/secretScrub';
import type { SecretHolder } from './auditLog';
import { silentLogger, type Logger } from '../log';
import { MAX_ROOT_SESSION_SECONDS, type TaskPolicyName, taskPolicyArn } from './taskPolicies';

/** The session length when the caller names none: long enough for any single-account task, far below 900 s. */
export const DEFAULT_ROOT_SESSION_SECONDS = 300;

/**
 * A task-scoped root session in one member account. Its clients work only while the task runs; afterwards
 * every accessor throws `SessionEnded` and the credentials have been wiped.
 */
export interface RootSession extends SecretHolder {
  readonly accountId: string;
  readonly taskPolicy: TaskPolicyName;
  /** The session's access key id (not secret), for the audit log and CloudTrail correlation. */
  readonly accessKeyId: string;
  readonly expiresAt?: Date;
  iam(): IAMClient;
  s3(): S3Client;
  sqs(): SQSClient;
}

export interface RootSessionOptions {
  signal?: AbortSignal;
  /** 1 to 900 seconds; default 300. Choose the shortest that serves the task. */
  durationSeconds?: number;
  logger?: Logger;
  /**
   * Told of each AssumeRoot attempt whose response was lost (the request went out, the connection dropped
   * before the answer), before the SDK sends it again: AWS may have issued a session for it that only
   * CloudTrail names, so the audit log records it then (awaited: the record comes before the next attempt).
   */
  onResponseLost?: (error: Error) => Promise<void>;
}

const ACCOUNT_ID = /^\d{12}$/;

function validate(targetAccountId: string, durationSeconds: number): void {
  if (!ACCOUNT_ID.test(targetAccountId)) {
    throw new RootGuardError('InvalidAccountId', `"${targetAccountId}" is not a 12-digit AWS account id`);
  }
  if (!Number.isInteger(durationSeconds) || durationSeconds < 1 || durationSeconds > MAX_ROOT_SESSION_SECONDS) {
    throw new RootGuardError('InvalidDuration', `A root session lasts 1 to ${MAX_ROOT_SESSION_SECONDS} seconds, not ${durationSeconds}`);
  }
}

/** Failures after which AWS may have received the request: the connection dropped before its response came. */
const RESPONSE_LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

function responseWasLost(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  // A status code is an answer: AWS refused (throttling, a 5xx) and issued nothing.
  if (e?.$metadata?.httpStatusCode) return false;
  return e?.name === 'TimeoutError' || RESPONSE_LOST_CODES.has(e?.code ?? '');
}

/**
 * The AssumeRoot attempts whose responses were lost, reported as they happen. AssumeRoot is not idempotent, so
 * each such attempt may have issued a session nobody holds; the SDK still sends it again, as a request sent on a
 * keep-alive connection the server had just closed (the common way to lose a response) never reached AWS, and
 * failing an account for that race would make every large run fail some accounts. Placed inside the retry
 * loop, it sees every attempt; `lastLost` says whether the final one was lost.
 */
function lostResponseWatch(onLost: RootSessionOptions['onResponseLost']) {
  const watch = {
    lost: 0,
    lastLost: false,
    async send<T>(attempt: () => Promise<T>): Promise<T> {
      try {
        const answer = await attempt();
        watch.lastLost = false;
        return answer;
      } catch (err) {
        watch.lastLost = responseWasLost(err);
        if (watch.lastLost) {
          watch.lost++;
          await onLost?.(err instanceof Error ? err : new Error(String(err)));
        }
        throw err;
      }
    },
  };
  return watch;
}

async function assumeRoot(
  clients: AwsClients,
  targetAccountId: string,
  taskPolicy: TaskPolicyName,
  durationSeconds: number,
  onResponseLost: RootSessionOptions['onResponseLost'],
): Promise<AwsCredentials> {
  const command = new AssumeRootCommand({
    TargetPrincipal: targetAccountId,
    TaskPolicyArn: { arn: taskPolicyArn(taskPolicy, clients.partition) },
    DurationSeconds: durationSeconds,
  });
  const watch = lostResponseWatch(onResponseLost);
  command.middlewareStack.add((next) => (args) => watch.send(() => next(args)), { step: 'finalizeRequest', priority: 'low', name: 'rootGuardAssumeRootLostResponses' });
  let answer;
  try {
    answer = await tagged('AssumeRoot', clients.sts().send(command));
  } catch (err) {
    if (!watch.lastLost) throw err;
    const lost = err instanceof Error ? err.message : String(err);
    const times = watch.lost === 1 ? 'once' : `${watch.lost} times`;
    throw new RootGuardError('AssumeRootResponseLost', `AssumeRoot was sent and its response lost ${times} (${lost}): AWS may have issued root sessions whose key ids only CloudTrail knows`);
  }
  const { Credentials: c } = answer;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
    throw new RootGuardError('IncompleteCredentials', 'AssumeRoot answered without complete credentials');
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

function openSession(
  clients: AwsClients,
  accountId: string,
  taskPolicy: TaskPolicyName,
  credentials: AwsCredentials,
): { session: RootSession; end: () => void } {
  let sessionClients: AwsClients | undefined = clients.withCredentials(credentials);
  const live = (): AwsClients => {
    if (!sessionClients) throw new RootGuardError('SessionEnded', `The ${taskPolicy} session for ${accountId} has ended`);
    return sessionClients;
  };
  const session: RootSession = {
    accountId,
    taskPolicy,
    accessKeyId: credentials.accessKeyId,
    expiresAt: credentials.expiration,
    iam: () => live().iam(),
    s3: () => live().s3(),
    sqs: () => live().sqs(),
    // Once ended, the wiped credentials hold nothing to reveal.
    revealsSecret: (text) => containsKnownSecret(text, [credentials.secretAccessKey, credentials.sessionToken]),
  };
  const end = () => {
    sessionClients = undefined;
    // The session clients read this very object, so wiping it disarms any client reference left behind.
    credentials.secretAccessKey = '';
    credentials.sessionToken = '';
    // The SDK's signer keeps the keys it derived, process-wide and keyed by the session token, and each
    // signs requests until the session expires. Clearing drops them; other open sessions derive theirs again.
    clearCredentialCache();
  };
  return { session, end };
}

/**
 * Opens a task-scoped root session in `targetAccountId` with `sts:AssumeRoot` (regional STS, the task
 * policy's ARN, the shortest duration that serves), runs `task` with clients signed by it, and ends the session
 * when `task` settles, success or not. The credentials exist only in memory for that time; nothing here logs
 * or returns them. AssumeRoot failures are thrown as `AwsCallError` with operation `AssumeRoot`. `signal`
 * stops the session from being asked for; an `AssumeRoot` already sent is not aborted (see below).
 */
export async function withRootSession<T>(
  clients: AwsClients,
  targetAccountId: string,
  taskPolicy: TaskPolicyName,
  task: (session: RootSession) => Promise<T>,
  options: RootSessionOptions = {},
): Promise<T> {
  const { signal, durationSeconds = DEFAULT_ROOT_SESSION_SECONDS, logger = silentLogger } = options;
  validate(targetAccountId, durationSeconds);
  // A cancel stops a session from being asked for, never one already asked for: AWS may issue it whatever
  // happens to the connection, and a response dropped here would lose the key id that the audit log and
  // CloudTrail match on. It is one short call; `task` sees the cancel at its first step.
  throwIfAborted(signal);
  const credentials = await assumeRoot(clients, targetAccountId, taskPolicy, durationSeconds, options.onResponseLost);
  const { session, end } = openSession(clients, targetAccountId, taskPolicy, credentials);
  logger.debug(`root session ${session.accessKeyId} opened in ${targetAccountId} for ${taskPolicy}`);
  try {
    return await task(session);
  } finally {
    end();
    logger.debug(`root session ${session.accessKeyId} ended`);
  }
}
