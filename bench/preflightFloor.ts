/**
 * The preflight's floor, from the calls it actually made (recorded by the client): the time no client could
 * beat at 50 ms per call with `concurrency` calls in flight per limiter. The preflight runs two branches at
 * once, each with its own limiter:
 * - the organization's listing: the overview (DescribeOrganization, GetCallerIdentity and the feature checks
 *   together, each listing's pages one after another), ListRoots, then per root or OU its accounts' and its
 *   child OUs' pages, each OU listed once its parent's OU pages are all in;
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
import type { CallDepths } from './dependencyFloor';

/** One call as the client sent it (a retry is the same call). */
export interface RecordedCall {
  operation: string;
  input: { ParentId?: string; PolicyId?: string; Filter?: string };
}

const OVERVIEW_LISTINGS = ['ListAWSServiceAccessForOrganization', 'ListDelegatedAdministrators'];
const POLICY_READS = ['ListPolicies', 'DescribePolicy', 'ListTargetsForPolicy'];

export function callsByOperation(calls: readonly RecordedCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Pages per key of one operation's calls (the parent, the policy or the policy type). */
function pagesBy(calls: readonly RecordedCall[], operation: string, key: (c: RecordedCall) => string | undefined): Map<string, number> {
  const pages = new Map<string, number>();
  for (const c of calls) if (c.operation === operation) pages.set(key(c) ?? '', (pages.get(key(c) ?? '') ?? 0) + 1);
  return pages;
}

/** Each branch's calls and chain, for dependencyFloor.ts's `floorSeconds`; the preflight's floor is the larger. */
export interface PreflightBranches {
  listing: CallDepths;
  policies: CallDepths;
}

export function preflightBranches(calls: readonly RecordedCall[], snapshot: OrgSnapshot, policies: OrgPolicies): PreflightBranches {
  const counts = callsByOperation(calls);
  const count = (ops: string[]) => ops.reduce((n, op) => n + (counts[op] ?? 0), 0);
  // The organization has one root, listed in one page by each branch.
  const overview = Math.max(1, ...OVERVIEW_LISTINGS.map((op) => counts[op] ?? 0)) + 1;
  const accountPages = pagesBy(calls, 'ListAccountsForParent', (c) => c.input.ParentId);
  const unitPages = pagesBy(calls, 'ListOrganizationalUnitsForParent', (c) => c.input.ParentId);
  // Units come breadth first, so a parent's depth is known before its children's.
  const foundAfter = new Map<string, number>([[snapshot.root.id, 0]]);
  for (const unit of snapshot.units) foundAfter.set(unit.id, (foundAfter.get(unit.parentId) ?? 0) + (unitPages.get(unit.parentId) ?? 0));
  let tree = 0;
  for (const [parent, found] of foundAfter) tree = Math.max(tree, found + Math.max(accountPages.get(parent) ?? 0, unitPages.get(parent) ?? 0));

  const listPages = pagesBy(calls, 'ListPolicies', (c) => c.input.Filter);
  const targetPages = pagesBy(calls, 'ListTargetsForPolicy', (c) => c.input.PolicyId);
  let typeChain = 0;
  for (const [kind, pages] of listPages) {
    const ofKind = policies.policies.filter((p) => p.kind === kind);
    typeChain = Math.max(typeChain, pages + Math.max(0, ...ofKind.map((p) => Math.max(1, targetPages.get(p.id) ?? 0))));
  }
  const listingCalls = calls.length - count(POLICY_READS) - 1;
  return {
    listing: { calls: listingCalls, sessions: 0, depthSum: listingCalls, maxDepth: overview + tree },
    policies: { calls: count(POLICY_READS) + 1, sessions: 0, depthSum: count(POLICY_READS) + 1, maxDepth: 1 + typeChain },
  };
}
