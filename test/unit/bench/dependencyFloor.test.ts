// The audit bench's reference: the floor must count each session's rounds as the calls wait for each other,
// or every ratio the bench prints against it is wrong.
import assert from 'node:assert/strict';
import { callDepths, floorSeconds, listingPages, orgLoadFloorSeconds } from '../../../bench/dependencyFloor';
import type { RequestRecord } from '../../../src/sandbox/index';

const CALLER = 'AKIDCALLER';
let served = 0;
function call(operation: string, accessKeyId: string | undefined, status = 200): RequestRecord {
  return { requestId: `r${++served}`, service: operation === 'AssumeRoot' ? 'sts' : 'iam', operation, accessKeyId, status };
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

/** The root lists 3 account pages and 1 OU page; ou-a (under the root) 1 and 1; ou-b (under ou-a) 5 account pages. */
function listing(operation: string, parentId: string): RequestRecord {
  return { requestId: `r${++served}`, service: 'organizations', operation, accessKeyId: CALLER, status: 200, parentId };
}
const LISTINGS: RequestRecord[] = [
  call('ListRoots', CALLER),
  ...['r-1', 'r-1', 'r-1', 'ou-a', 'ou-b', 'ou-b', 'ou-b', 'ou-b', 'ou-b'].map((parent) => listing('ListAccountsForParent', parent)),
  ...['r-1', 'ou-a', 'ou-b'].map((parent) => listing('ListOrganizationalUnitsForParent', parent)),
];
const PARENT_OF = new Map([
  ['ou-a', 'r-1'],
  ['ou-b', 'ou-a'],
]);

describe('bench: the organization load floor', () => {
  it('counts each parent\'s pages of accounts and of OUs', () => {
    assert.deepEqual(listingPages(LISTINGS), { 'r-1': { accounts: 3, units: 1 }, 'ou-a': { accounts: 1, units: 1 }, 'ou-b': { accounts: 5, units: 1 } });
  });

  const cases: { concurrency: number; seconds: number; longestChain: number; boundBy: string }[] = [
    // ou-b: ListRoots, the root's OU page, ou-a's OU page, then its 5 account pages = 8 calls in a row.
    { concurrency: 8, seconds: 0.4, longestChain: 8, boundBy: 'the deepest OU\'s chain of pages' },
    { concurrency: 1, seconds: 0.65, longestChain: 8, boundBy: 'all 13 calls one after another' },
  ];
  for (const { concurrency, seconds, longestChain, boundBy } of cases) {
    it(`at concurrency ${concurrency} and 50 ms a call, is ${seconds} s (${boundBy})`, () => {
      const floor = orgLoadFloorSeconds(listingPages(LISTINGS), PARENT_OF, LISTINGS.length, 50, concurrency);
      assert.deepEqual(floor, { seconds, longestChain });
    });
  }
});
