// The audit bench's reference: the floor must count each session's rounds as the calls wait for each other,
// or every ratio the bench prints against it is wrong.
import assert from 'node:assert/strict';
import type { RecordedCall } from '../../../bench/callRecorder';
import { callDepths, floorSeconds, walkChain } from '../../../bench/dependencyFloor';
import type { RequestRecord } from '../../../src/sandbox/index';

const CALLER = 'AKIDCALLER';
let served = 0;
function call(operation: string, accessKeyId: string | undefined, status = 200): RequestRecord {
  return { requestId: `r${++served}`, service: operation === 'AssumeRoot' ? 'sts' : 'iam', operation, accessKeyId, status, receivedMs: served };
}

/** Session A reads two pages of keys, then their last use; B only its summary; one AssumeRoot is refused. */
const RECORDS: RequestRecord[] = [
  call('ListAccounts', CALLER),
  call('AssumeRoot', CALLER),
  call('AssumeRoot', CALLER),
  call('AssumeRoot', CALLER, 403),
  call('ListAccessKeys', 'ASIASESSIONA'),
  call('ListAccessKeys', 'ASIASESSIONA'),
  call('GetAccessKeyLastUsed', 'ASIASESSIONA'),
  call('GetAccessKeyLastUsed', 'ASIASESSIONA'),
  call('ListMFADevices', 'ASIASESSIONA'),
  call('GetAccountSummary', 'ASIASESSIONA'),
  call('GetAccountSummary', 'ASIASESSIONB'),
  call('GetCallerIdentity', undefined, 403),
];

describe('bench: the audit dependency floor', () => {
  it('counts AssumeRoot, the longest chain of reads (pages, then last-used lookups) and refused sessions', () => {
    // A: AssumeRoot, two key pages, the last-used lookups in parallel = 4 rounds; B: 2; the refusal: 1.
    assert.deepEqual(callDepths(RECORDS, CALLER), { calls: RECORDS.length, sessions: 2, depthSum: 7, maxDepth: 4 });
  });

  const depths = callDepths(RECORDS, CALLER);
  const cases: { concurrency: number; seconds: number; boundBy: string }[] = [
    { concurrency: 1, seconds: 0.35, boundBy: 'every round one after another' },
    { concurrency: 2, seconds: 0.2, boundBy: 'the deepest account' },
    { concurrency: 64, seconds: 0.2, boundBy: 'the deepest account' },
  ];
  for (const { concurrency, seconds, boundBy } of cases) {
    it(`at concurrency ${concurrency} and 50 ms a call, is ${seconds} s (${boundBy})`, () => {
      assert.equal(floorSeconds(depths, 50, concurrency), seconds);
    });
  }
});

/**
 * The overview's delegated-admin listing takes 2 pages; the root lists 3 account pages and 2 OU pages; ou-a
 * (under the root) 1 and 1; ou-b (under ou-a) 5 account pages and 1 OU page; ou-c (under the root) 1 and 1.
 */
const listed = (operation: string, ParentId?: string): RecordedCall => ({ operation, input: ParentId ? { ParentId } : {} });
const WALK: RecordedCall[] = [
  listed('DescribeOrganization'),
  listed('ListDelegatedAdministrators'),
  listed('ListDelegatedAdministrators'),
  listed('ListRoots'),
  ...['r-1', 'r-1', 'r-1', 'ou-a', 'ou-b', 'ou-b', 'ou-b', 'ou-b', 'ou-b', 'ou-c'].map((parent) => listed('ListAccountsForParent', parent)),
  ...['r-1', 'r-1', 'ou-a', 'ou-b', 'ou-c'].map((parent) => listed('ListOrganizationalUnitsForParent', parent)),
];
const TREE = {
  root: { id: 'r-1', arn: '', name: 'Root' },
  units: [
    { id: 'ou-a', arn: '', name: 'a', parentId: 'r-1' },
    { id: 'ou-c', arn: '', name: 'c', parentId: 'r-1' },
    { id: 'ou-b', arn: '', name: 'b', parentId: 'ou-a' },
  ],
};

describe('bench: the organization load floor', () => {
  it('is the overview beside ListRoots, the OU pages down to the deepest OU, then its longest listing', () => {
    // ou-b: 2 overview pages (ListRoots beside them), the root's 2 OU pages, ou-a's 1, then its 5 account pages.
    assert.equal(walkChain(WALK, TREE), 10);
  });

  it('starts the walk after ListRoots alone when the overview is one round', () => {
    assert.equal(walkChain(WALK.filter((c) => c.operation !== 'ListDelegatedAdministrators'), TREE), 9);
  });

  const depths = { calls: WALK.length, sessions: 0, depthSum: WALK.length, maxDepth: walkChain(WALK, TREE) };
  it('at concurrency 8 and 50 ms a call, is 0.5 s (the chain); at concurrency 1, 0.95 s (all 19 calls in a row)', () => {
    assert.deepEqual([floorSeconds(depths, 50, 8), floorSeconds(depths, 50, 1)], [0.5, 0.95]);
  });
});
