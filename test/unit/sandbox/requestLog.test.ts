import assert from 'node:assert/strict';
import { RequestLog } from '../../../src/sandbox/requestLog';

describe('sandbox request log (ring buffer)', () => {
  it('keeps every record, oldest first, until it is full', () => {
    const log = new RequestLog<number>(4);
    for (const n of [1, 2, 3]) log.add(n);
    assert.deepEqual(log.toArray(), [1, 2, 3]);
  });

  it('drops the oldest records once full, and still reads oldest first', () => {
    const log = new RequestLog<number>(4);
    for (let n = 1; n <= 10; n++) log.add(n);
    assert.deepEqual(log.toArray(), [7, 8, 9, 10]);
    log.add(11);
    assert.deepEqual(log.toArray(), [8, 9, 10, 11]);
  });

  it('hands out a copy that later records do not change, and starts over when cleared', () => {
    const log = new RequestLog<number>(2);
    log.add(1);
    const taken = log.toArray();
    log.add(2);
    log.add(3);
    assert.deepEqual(taken, [1]);
    log.clear();
    assert.deepEqual(log.toArray(), []);
    log.add(4);
    assert.deepEqual(log.toArray(), [4]);
  });

  it('refuses a capacity that is not a positive whole number', () => {
    assert.throws(() => new RequestLog(0), /maxRecords/);
  });
});
