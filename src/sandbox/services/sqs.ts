/**
 * SQS (awsJson1_0, query-compatible): the four operations of the SQSUnlockQueuePolicy task. Queue URLs are on
 * the sandbox's own origin (`http://127.0.0.1:PORT/<account>/<queue>`) so the SDK's `useQueueUrlAsEndpoint`
 * never sends a request elsewhere (section 5.2). `SetQueueAttributes` with `Policy: ""` removes the policy;
 * GetQueueAttributes then omits `Policy` (the live choice between omitting and "" is not confirmed).
 */
import type { Access } from '../authz';
import { str, type CallContext } from '../context';
import { SandboxError } from '../errors';
import type { Queue, SandboxAccount, World } from '../world';

export const SQS_OPERATIONS = ['GetQueueAttributes', 'SetQueueAttributes', 'ListQueues', 'GetQueueUrl'] as const;

type Input = Record<string, unknown>;

const SETTABLE = new Set(['Policy', 'VisibilityTimeout', 'MaximumMessageSize', 'MessageRetentionPeriod', 'DelaySeconds', 'ReceiveMessageWaitTimeSeconds', 'RedrivePolicy', 'SqsManagedSseEnabled', 'KmsMasterKeyId']);

function sqsError(name: string, queryCode: string, status: number, message: string): SandboxError {
  return new SandboxError(`com.amazonaws.sqs#${name}`, status, message, {}, queryCode);
}

const noSuchQueue = () => sqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 400, 'The specified queue does not exist.');

/** `<account>/<queue>` from a queue URL on any host (the real `https://sqs.<region>.amazonaws.com/...` too). */
function parseQueueUrl(url: string | undefined): { accountId: string; name: string } | undefined {
  const match = /^https?:\/\/[^/]+\/(\d{12})\/([\w-]{1,80})\/?$/.exec(url ?? '');
  return match ? { accountId: match[1], name: match[2] } : undefined;
}

export function sqsAccess(operation: string, input: Input, ctx: Pick<CallContext, 'caller' | 'region'>): Access {
  const action = `sqs:${operation}`;
  const fromUrl = parseQueueUrl(str(input, 'QueueUrl'));
  const accountId = fromUrl?.accountId ?? str(input, 'QueueOwnerAWSAccountId') ?? ctx.caller.accountId;
  const name = fromUrl?.name ?? str(input, 'QueueName') ?? '*';
  return { action, resourceArn: `arn:aws:sqs:${ctx.region}:${accountId}:${name}`, resourceAccount: accountId };
}

export function handleSqs(ctx: CallContext, operation: string, input: Input): unknown {
  switch (operation) {
    case 'ListQueues':
      return listQueues(ctx, input);
    case 'GetQueueUrl': {
      const owner = ctx.world.findAccount(str(input, 'QueueOwnerAWSAccountId') ?? ctx.caller.accountId);
      const queue = owner?.queues.find((q) => q.name === str(input, 'QueueName'));
      if (!owner || !queue) throw noSuchQueue();
      return { QueueUrl: queueUrl(ctx, owner, queue) };
    }
    case 'GetQueueAttributes':
      return { Attributes: selectAttributes(findQueue(ctx.world, input).attributes, input.AttributeNames) };
    case 'SetQueueAttributes':
      setAttributes(findQueue(ctx.world, input), input.Attributes, ctx.clock.now());
      return {};
    default:
      throw sqsError('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', 400, `${operation} is not supported by the sandbox.`);
  }
}

function queueUrl(ctx: CallContext, account: SandboxAccount, queue: Queue): string {
  return `${ctx.origin}/${account.id}/${queue.name}`;
}

function findQueue(world: World, input: Input): Queue {
  const parsed = parseQueueUrl(str(input, 'QueueUrl'));
  const queue = parsed && world.findAccount(parsed.accountId)?.queues.find((q) => q.name === parsed.name);
  if (!queue) throw noSuchQueue();
  return queue;
}

function listQueues(ctx: CallContext, input: Input) {
  const account = ctx.world.account(ctx.caller.accountId);
  const prefix = str(input, 'QueueNamePrefix') ?? '';
  const urls = account.queues.filter((q) => q.name.startsWith(prefix)).map((q) => queueUrl(ctx, account, q));
  const max = typeof input.MaxResults === 'number' ? input.MaxResults : 1000;
  const start = Number(str(input, 'NextToken') ?? 0) || 0;
  const pageUrls = urls.slice(start, start + max);
  // With no queues the real service sends `{}`: no QueueUrls member at all.
  if (pageUrls.length === 0) return {};
  return { QueueUrls: pageUrls, NextToken: start + max < urls.length ? String(start + max) : undefined };
}

function selectAttributes(attributes: Record<string, string>, names: unknown): Record<string, string> {
  const wanted = Array.isArray(names) ? names.map(String) : [];
  if (wanted.includes('All')) return { ...attributes };
  const out: Record<string, string> = {};
  for (const name of wanted) {
    if (!/^[A-Za-z]+$/.test(name)) throw sqsError('InvalidAttributeName', 'InvalidAttributeName', 400, `Unknown Attribute ${name}.`);
    if (attributes[name] !== undefined) out[name] = attributes[name];
  }
  return out;
}

function setAttributes(queue: Queue, attributes: unknown, now: Date): void {
  if (typeof attributes !== 'object' || attributes === null) return;
  for (const [name, value] of Object.entries(attributes as Record<string, unknown>)) {
    if (!SETTABLE.has(name)) throw sqsError('InvalidAttributeName', 'InvalidAttributeName', 400, `Unknown Attribute ${name}.`);
    const text = String(value);
    if (name === 'Policy' && text === '') {
      delete queue.attributes.Policy;
      continue;
    }
    if (name === 'Policy' && !isJsonObject(text)) {
      throw sqsError('InvalidAttributeValue', 'InvalidAttributeValue', 400, 'Invalid value for the parameter Policy.');
    }
    queue.attributes[name] = text;
  }
  queue.attributes.LastModifiedTimestamp = String(Math.floor(now.getTime() / 1000));
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
