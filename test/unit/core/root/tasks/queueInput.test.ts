// The check the unlock-queue prompt runs as the user types: what the task would refuse on this connection,
// refused at the prompt already, in the words the CLI refuses it with.
import assert from 'node:assert/strict';
import type { AwsClients } from '../../../../../src/core/aws/clients';
import type { SqsEndpointPlace } from '../../../../../src/core/aws/sqsEndpoints';
import { queueInputProblem, unlockSqsQueuePolicyTask } from '../../../../../src/core/root/unlockSqs';

const ACCOUNT = '999900000004';
const AWS_EAST: SqsEndpointPlace = { region: 'us-east-1' };
const SANDBOX: SqsEndpointPlace = { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' };

/** What the task says when the run checks the queue against the connection (the CLI's words). */
function refusedByTheRun(input: string, place: SqsEndpointPlace): string | undefined {
  try {
    unlockSqsQueuePolicyTask(input).checkConnection?.({ sqsPlace: place } as AwsClients);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('the queue a user types for the unlock task', () => {
  it('refuses a queue URL on a host that is not SQS of the connection\'s region, with the words the run refuses it with', () => {
    const url = `https://sqs.us-east-1.amazonaws.com.example.net/${ACCOUNT}/orders`;
    const problem = queueInputProblem(url, ACCOUNT, AWS_EAST);
    assert.equal(problem, 'A queue URL must be on the SQS endpoint of us-east-1 (https://sqs.us-east-1.amazonaws.com/...), not https://sqs.us-east-1.amazonaws.com.example.net');
    assert.equal(problem, refusedByTheRun(url, AWS_EAST));
  });

  it('refuses a queue of another region, naming the region to connect to', () => {
    const url = `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/orders`;
    assert.equal(queueInputProblem(url, ACCOUNT, AWS_EAST), "The queue is in region eu-west-1, but this connection's SQS calls go to us-east-1: connect to eu-west-1 for it");
    assert.equal(queueInputProblem(url, ACCOUNT, AWS_EAST), refusedByTheRun(url, AWS_EAST));
  });

  it('refuses a queue URL of another account and a malformed name as before', () => {
    assert.equal(queueInputProblem('https://sqs.us-east-1.amazonaws.com/111122223333/orders', ACCOUNT, AWS_EAST), `The queue belongs to account 111122223333, not ${ACCOUNT}`);
    assert.match(queueInputProblem('has spaces', ACCOUNT, AWS_EAST) ?? '(accepted)', /^A queue name has 1-80 letters/);
  });

  it('accepts a queue URL on the connection\'s SQS endpoint or the configured one, and a bare name (looked up in the session)', () => {
    assert.equal(queueInputProblem(`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/orders`, ACCOUNT, AWS_EAST), undefined);
    assert.equal(queueInputProblem(`http://127.0.0.1:4566/${ACCOUNT}/orders`, ACCOUNT, SANDBOX), undefined);
    assert.equal(queueInputProblem('orders.fifo', ACCOUNT, AWS_EAST), undefined);
  });
});
