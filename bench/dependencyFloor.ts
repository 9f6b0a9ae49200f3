/**
 * The audit's dependency floor, computed from the calls the sandbox actually served: the time the audit could
 * not beat at a given concurrency even with a client that costs nothing. In each account the calls wait for
 * each other in rounds: AssumeRoot, then the reads (in parallel), then `GetAccessKeyLastUsed` after
 * `ListAccessKeys` where there are keys (and each further page of a listing after the one before). An
 * account's depth is its number of rounds; with `concurrency` accounts at once and `latencyMs` per call,
 *   floor = max(sum of depths x latency / concurrency, deepest account x latency).
 * Not a benchmark itself: the audit bench's sandbox process imports it.
 */
import type { RequestRecord } from '../src/sandbox/index';

export interface CallDepths {
  /** Every request the sandbox served. */
  calls: number;
  /** Root sessions whose reads were seen. */
  sessions: number;
  /** Sum over accounts of their rounds (a refused AssumeRoot is one round). */
  depthSum: number;
  maxDepth: number;
}

/** Reads of a root session that follow one another: a listing's pages, then the last-used lookups. */
function sessionDepth(operations: Map<string, number>): number {
  const count = (op: string) => operations.get(op) ?? 0;
  const keyChain = count('ListAccessKeys') + (count('GetAccessKeyLastUsed') > 0 ? 1 : 0);
  const reads = Math.max(keyChain, count('ListMFADevices'), count('ListSigningCertificates'), count('GetAccountSummary'), count('GetUser'), count('GetLoginProfile'), 1);
  return 1 + reads; // AssumeRoot first
}

export function callDepths(records: readonly RequestRecord[], callerAccessKeyId: string): CallDepths {
  const bySession = new Map<string, Map<string, number>>();
  let refusedAssumeRoots = 0;
  for (const r of records) {
    if (r.operation === 'AssumeRoot' && r.status !== 200) refusedAssumeRoots++;
    if (!r.accessKeyId || r.accessKeyId === callerAccessKeyId) continue;
    const ops = bySession.get(r.accessKeyId) ?? new Map<string, number>();
    ops.set(r.operation, (ops.get(r.operation) ?? 0) + 1);
    bySession.set(r.accessKeyId, ops);
  }
  let depthSum = refusedAssumeRoots;
  let maxDepth = refusedAssumeRoots ? 1 : 0;
  for (const ops of bySession.values()) {
    const depth = sessionDepth(ops);
    depthSum += depth;
    maxDepth = Math.max(maxDepth, depth);
  }
  return { calls: records.length, sessions: bySession.size, depthSum, maxDepth };
}

/** The floor in seconds for `concurrency` accounts at once. */
export function floorSeconds(depths: CallDepths, latencyMs: number, concurrency: number): number {
  return Math.max((depths.depthSum * latencyMs) / concurrency, depths.maxDepth * latencyMs) / 1000;
}

/** Pages of Organizations listings served per parent (root or OU): the organization load's chains of calls. */
export interface ListingPages {
  [parentId: string]: { accounts: number; units: number };
}

export function listingPages(records: readonly RequestRecord[]): ListingPages {
  const pages: ListingPages = {};
  for (const r of records) {
    if (r.parentId === undefined) continue;
    const entry = (pages[r.parentId] ??= { accounts: 0, units: 0 });
    if (r.operation === 'ListAccountsForParent') entry.accounts++;
    else if (r.operation === 'ListOrganizationalUnitsForParent') entry.units++;
  }
  return pages;
}

/**
 * The organization load's floor, in seconds: its calls spread over `concurrency` slots, or its longest chain of
 * calls that wait for each other, whichever is longer. The root's listings wait for `ListRoots`; an OU's wait
 * for the first page of its parent's OU listing (a lower bound: it may be on a later page); the pages of one
 * listing follow each other. `parentOf` maps each OU to its parent, from the loaded snapshot.
 */
export function orgLoadFloorSeconds(
  pages: ListingPages,
  parentOf: ReadonlyMap<string, string>,
  calls: number,
  latencyMs: number,
  concurrency: number,
): { seconds: number; longestChain: number } {
  const startOf = (id: string): number => {
    const parent = parentOf.get(id);
    return parent === undefined ? 1 : startOf(parent) + 1;
  };
  let longestChain = 0;
  for (const [parentId, { accounts, units }] of Object.entries(pages)) {
    longestChain = Math.max(longestChain, startOf(parentId) + Math.max(accounts, units));
  }
  return { seconds: Math.max((calls * latencyMs) / concurrency, longestChain * latencyMs) / 1000, longestChain };
}
