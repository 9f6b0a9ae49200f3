/**
 * Unlock an SQS queue policy (`SQSUnlockQueuePolicy`): find the queue (a name is resolved with `GetQueueUrl`
 * inside the session), read its `Policy`, show it, then set `Policy` to "" (SQS has no delete call for it).
 */
import { GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { RootGuardError, tagged } from '../aws/errors';
import { type SqsEndpointPlace, queueUrlEndpointProblem } from '../aws/sqsEndpoints';
import { type QueueRef, parseQueueRef } from './resourceNames';
import type { RootTask, TaskPlan } from './taskModel';
import { formatPolicy, policyFingerprint } from './unlockS3';

async function resolveQueueUrl(sqs: SQSClient, queue: QueueRef, accountId: string, signal?: AbortSignal): Promise<string> {
  if (queue.kind === 'url') {
    // Checked again here: the task may be built before the target account is known (the palette flow).
    if (queue.accountId !== accountId) throw new RootGuardError('QueueInOtherAccount', `The queue belongs to account ${queue.accountId}, not ${accountId}`);
    return queue.url;
  }
  const { QueueUrl } = await tagged('GetQueueUrl', sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }), { abortSignal: signal }));
  if (!QueueUrl) throw new RootGuardError('QueueNotFound', `GetQueueUrl answered without a URL for ${queue.name}`);
  return QueueUrl;
}

/**
 * Why `input` cannot be the queue to unlock in `accountId` over a connection whose SQS calls go to `place`, or
 * undefined when it can: the check a prompt runs as the user types, in the words the task refuses it with.
 */
export function queueInputProblem(input: string, accountId: string, place: SqsEndpointPlace): string | undefined {
  const parsed = parseQueueRef(input, accountId);
  if (!parsed.ok) return parsed.message;
  return parsed.value.kind === 'url' ? queueUrlEndpointProblem(parsed.value.url, place) : undefined;
}

/** The task that removes the policy of `queueInput` (a queue URL or a queue name in the target account). */
export function unlockSqsQueuePolicyTask(queueInput: string): RootTask {
  const parsed = parseQueueRef(queueInput);
  if (!parsed.ok) throw new RootGuardError('InvalidQueue', parsed.message);
  const queue = parsed.value;
  return {
    kind: 'unlockSqsQueuePolicy',
    taskPolicy: 'SQSUnlockQueuePolicy',
    title: `Unlock the policy of queue ${queue.name}`,
    parameters: { queue: queue.kind === 'url' ? queue.url : queue.name },
    rereadAfterConfirmation: true,
    checkConnection(clients) {
      const problem = queue.kind === 'url' ? queueUrlEndpointProblem(queue.url, clients.sqsPlace) : undefined;
      if (problem) throw new RootGuardError('InvalidQueue', problem);
    },
    async plan(session, signal): Promise<TaskPlan> {
      const sqs = session.sqs();
      const url = await resolveQueueUrl(sqs, queue, session.accountId, signal);
      const command = new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] });
      const { Attributes } = await tagged('GetQueueAttributes', sqs.send(command, { abortSignal: signal }));
      // A queue without a policy omits the attribute; "" would mean the same.
      const policy = Attributes?.Policy;
      if (!policy) return { changes: [], note: `Queue ${queue.name} has no queue policy` };
      return {
        changes: [{ operation: 'SetQueueAttributes', target: url, description: `Remove the policy of queue ${queue.name} (${policyFingerprint(policy)})` }],
        preview: { title: `Policy of queue ${queue.name} in ${session.accountId}`, content: formatPolicy(policy) },
        keptPolicy: { resource: 'queue', target: url, policy },
      };
    },
    async applyChange(session, change) {
      if (change.operation !== 'SetQueueAttributes') {
        throw new RootGuardError('UnknownChange', `Unlock SQS queue policy cannot apply ${change.operation}`);
      }
      // Setting Policy to "" removes it, and doing so twice is harmless, so a retry needs no special case.
      const command = new SetQueueAttributesCommand({ QueueUrl: change.target, Attributes: { Policy: '' } });
      await tagged('SetQueueAttributes', session.sqs().send(command));
      return 'changed';
    },
  };
}
