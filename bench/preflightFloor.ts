/**
 * The preflight's floor, from the calls it actually made (recorded by the client): the time no client could
 * beat at 50 ms per call with `concurrency` calls in flight per limiter. The preflight runs two branches at
 * once, each with its own limiter:
 * - the organization's listing, whose chain is dependencyFloor.ts's walkChain: the overview beside ListRoots,
 *   then per root or OU its accounts' and its child OUs' pages, each OU listed once its parent's OU pages
 *   are all in;
 * - the policies: ListRoots, then per enabled type the ListPolicies pages, then per policy DescribePolicy
 *   beside the ListTargetsForPolicy pages. The SCPs and the RCPs need nothing from each other, so their
 *   chains count side by side here, though readPolicies.ts reads one type after the other: the ratio shows
 *   what that costs.
 * A branch's chain is its longest run of calls that wait for each other; its floor is dependencyFloor.ts's:
 * max(calls x latency / concurrency, chain x latency). The preflight's floor is the larger branch's.
 * Not a benchmark itself.
 */
import type { OrgSnapshot } from '../src/core/org/model';
import type { OrgPolicies } from '../src/core/preflight';
import { type RecordedCall, callsByOperation, pagesBy } from './callRecorder';
import { type CallDepths, walkChain } from './dependencyFloor';

const POLICY_READS = ['ListPolicies', 'DescribePolicy', 'ListTargetsForPolicy'];

/** Each branch's calls and chain, for dependencyFloor.ts's `floorSeconds`; the preflight's floor is the larger. */
export interface PreflightBranches {
  listing: CallDepths;
  policies: CallDepths;
}

export function preflightBranches(calls: readonly RecordedCall[], snapshot: OrgSnapshot, policies: OrgPolicies): PreflightBranches {
  const counts = callsByOperation(calls);
  const count = (ops: string[]) => ops.reduce((n, op) => n + (counts[op] ?? 0), 0);
  const listPages = pagesBy(calls, 'ListPolicies', (c) => c.input.Filter);
  const targetPages = pagesBy(calls, 'ListTargetsForPolicy', (c) => c.input.PolicyId);
  let typeChain = 0;
  for (const [kind, pages] of listPages) {
    const ofKind = policies.policies.filter((p) => p.kind === kind);
    typeChain = Math.max(typeChain, pages + Math.max(0, ...ofKind.map((p) => Math.max(1, targetPages.get(p.id) ?? 0))));
  }
  const listingCalls = calls.length - count(POLICY_READS) - 1;
  return {
    listing: { calls: listingCalls, sessions: 0, depthSum: listingCalls, maxDepth: walkChain(calls, snapshot) },
    policies: { calls: count(POLICY_READS) + 1, sessions: 0, depthSum: count(POLICY_READS) + 1, maxDepth: 1 + typeChain },
  };
}
