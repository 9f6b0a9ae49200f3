import assert from 'node:assert/strict';
import { parseBucketName, parseQueueRef } from '../../../../../src/core/root/resourceNames';

describe('bucket and queue input validation', () => {
  const bucketCases: [string, string | undefined][] = [
    ['my-bucket', 'my-bucket'],
    ['  logs.example.com ', 'logs.example.com'],
    ['s3://my-bucket/', 'my-bucket'],
    ['arn:aws:s3:::my-bucket', 'my-bucket'],
    ['ab', undefined],
    ['a'.repeat(64), undefined],
    ['My-Bucket', undefined],
    ['-bucket', undefined],
    ['bucket-', undefined],
    ['my..bucket', undefined],
    ['192.168.5.4', undefined],
    ['xn--bucket', undefined],
    ['sthree-bucket', undefined],
    ['bucket-s3alias', undefined],
    ['bucket--ol-s3', undefined],
    ['under_score', undefined],
    ['', undefined],
  ];
  for (const [input, expected] of bucketCases) {
    it(`bucket ${JSON.stringify(input)} -> ${expected ?? 'refused'}`, () => {
      const parsed = parseBucketName(input);
      if (expected === undefined) assert.equal(parsed.ok, false);
      else assert.deepEqual(parsed, { ok: true, value: expected });
    });
  }

  it('takes a queue name as a name to look up', () => {
    assert.deepEqual(parseQueueRef('orders-dlq'), { ok: true, value: { kind: 'name', name: 'orders-dlq' } });
    assert.deepEqual(parseQueueRef('orders.fifo'), { ok: true, value: { kind: 'name', name: 'orders.fifo' } });
  });

  it('takes a queue URL with its account and name', () => {
    assert.deepEqual(parseQueueRef('https://sqs.eu-west-1.amazonaws.com/111122223333/orders/', '111122223333'), {
      ok: true,
      value: { kind: 'url', url: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders', accountId: '111122223333', name: 'orders' },
    });
  });

  it('refuses a URL whose host a URL parser reads otherwise than it is written (another host, another path)', () => {
    for (const input of [
      'https://sqs.us-east-1.amazonaws.com\\@evil.example/111122223333/q',
      'https://sqs.us-east-1.amazonaws.com\\999999999999\\q/111122223333/q',
      'https://sqs.us-east-1.amazonaws%2Ecom/111122223333/q',
      'https://sqs\u3002us-east-1\u3002amazonaws\u3002com/111122223333/q',
      'https://@sqs.us-east-1.amazonaws.com/111122223333/q',
      'https://user:pass@sqs.us-east-1.amazonaws.com/111122223333/q',
      'https://SQS.US-EAST-1.AMAZONAWS.COM/111122223333/q',
    ]) {
      const parsed = parseQueueRef(input, '111122223333');
      assert.equal(parsed.ok, false, input);
    }
    assert.equal(parseQueueRef('http://127.0.0.1:4566/111122223333/q', '111122223333').ok, true, 'a sandbox or emulator on a port');
  });

  it('refuses a URL of another account, a malformed URL and a bad name, with a message', () => {
    const other = parseQueueRef('https://sqs.us-east-1.amazonaws.com/111122223333/orders', '999900000003');
    assert.deepEqual(other, { ok: false, message: 'The queue belongs to account 111122223333, not 999900000003' });
    for (const input of ['https://sqs.us-east-1.amazonaws.com/orders', 'https://sqs.us-east-1.amazonaws.com/111122223333/bad name', 'a'.repeat(81), 'no spaces', '']) {
      const parsed = parseQueueRef(input);
      assert.equal(parsed.ok, false, input);
      assert.ok(!parsed.ok && parsed.message.length > 0);
    }
  });
});
