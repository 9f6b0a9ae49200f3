/**
 * The audit's dependency floor, computed from the calls the sandbox actually served: the time the audit could
 * not beat at a given concurrency even with a client that costs nothing. In each account the calls wait for
 * each other in rounds: AssumeRoot, then the reads (in parallel), then `GetAccessKeyLastUsed` after
 * `ListAccessKeys` where there are keys (and each further page of a listing after the one before). An
 * account's depth is its number of rounds; with `concurrency` accounts at once and `latencyMs` per call,
 *   floor = max(sum of depths x latency / concurrency, deepest account x latency).
 * The organization load's floor has the same form, with the longest chain of its listings' calls
 * (walkChain). Not a benchmark itself: the audit bench and its sandbox process import it.
 */
import type { OrgSnapshot } from '../src/core/org/model';
import type { RequestRecord } from '../src/sandbox/index';
import { type RecordedCall, pagesBy } from './callRecorder';

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

const OVERVIEW_LISTINGS = ['ListAWSServiceAccessForOrganization', 'ListDelegatedAdministrators'];

/**
 * The longest chain of calls that wait for each other in loadOrganization's walk, counted in calls: the
 * overview (its feature listings' pages one after another) beside ListRoots, then per root or OU its
 * account pages beside its OU pages, an OU listed once all of its parent's OU pages are in. The floor of a
 * load is dependencyFloor's: max(calls x latency / concurrency, chain x latency).
 */
export function walkChain(calls: readonly RecordedCall[], snapshot: Pick<OrgSnapshot, 'root' | 'units'>): number {
  const opening = Math.max(1, ...OVERVIEW_LISTINGS.map((op) => calls.filter((c) => c.operation === op).length));
  const accountPages = pagesBy(calls, 'ListAccountsForParent', (c) => c.input.ParentId);
  const unitPages = pagesBy(calls, 'ListOrganizationalUnitsForParent', (c) => c.input.ParentId);
  const parentOf = new Map(snapshot.units.map((u) => [u.id, u.parentId]));
  const foundAfter = (id: string): number => {
    const parent = parentOf.get(id);
    return parent === undefined ? opening : foundAfter(parent) + (unitPages.get(parent) ?? 0);
  };
  let chain = opening;
  for (const id of [snapshot.root.id, ...parentOf.keys()]) {
    chain = Math.max(chain, foundAfter(id) + Math.max(accountPages.get(id) ?? 0, unitPages.get(id) ?? 0));
  }
  return chain;
}
