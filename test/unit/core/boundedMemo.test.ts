import assert from 'node:assert/strict';
import { BoundedMemo, clearMemos } from '../../../src/core/boundedMemo';
import { matchingActions } from '../../../src/core/lint/actions';

describe('BoundedMemo: memos of work keyed by policy text', () => {
  it('remembers values, null among them, and returns what it was given', () => {
    const memo = new BoundedMemo<string, string | null>(10);
    assert.equal(memo.set('a', null), null);
    assert.equal(memo.get('a'), null);
    assert.equal(memo.get('b'), undefined);
  });

  it('empties itself whole when full, so that ever new text cannot grow it without bound', () => {
    const memo = new BoundedMemo<number, number>(3);
    for (const n of [1, 2, 3]) memo.set(n, n);
    memo.set(4, 4);
    assert.deepEqual([1, 2, 3, 4].map((n) => memo.get(n)), [undefined, undefined, undefined, 4]);
  });

  it('clearMemos empties every memo, the product\'s own included, and the answers stay the same', () => {
    const memo = new BoundedMemo<string, number>(10);
    memo.set('x', 1);
    const before = matchingActions('s3:GetBucketPol*');
    clearMemos();
    assert.equal(memo.get('x'), undefined);
    const after = matchingActions('s3:GetBucketPol*');
    assert.notEqual(after, before, 'worked out again, not the remembered list');
    assert.deepEqual(after, before);
  });
});
