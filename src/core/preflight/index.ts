/**
 * The preflight: which root tasks will work in which member account, and which statement stops them where
 * they won't, from the organization's own SCPs and RCPs, before any root session opens.
 *
 * - `readOrgPolicies`: the policies and their targets, with the caller's credentials (readPolicies.ts).
 * - `predictOrganization`: the prediction per account and task from a snapshot and the policies (predict.ts).
 * - `preflightOrganization`: both, from the AWS clients.
 * - `contradiction`: whether a task's real outcome in an account contradicts its prediction (outcome.ts).
 * - `policyImpacts`: per policy, the accounts it blocks for which tasks, from the predictions (policyImpact.ts).
 * - `updateOrgPolicy`: a fixed policy written back, recorded in the audit log (updatePolicy.ts).
 */
import { setMaxListeners } from 'node:events';
import type { AwsClients } from '../aws/clients';
import { loadOrganization } from '../org/loadOrganization';
import { TASK_POLICY_NAMES, type TaskPolicyName } from '../policy';
import type { OrgSnapshot } from '../org/model';
import type { OrgPolicies, Preflight } from './model';
import { predictOrganization } from './predict';
import { readOrgPolicies } from './readPolicies';

export type * from './model';
export { PREFLIGHT_PERMISSIONS, PolicyAccessError, readOrgPolicies } from './readPolicies';
export { predictOrganization } from './predict';
export { contradiction } from './outcome';
export { type PolicyImpact, type TaskImpact, policyImpact, policyImpacts } from './policyImpact';
export { type PolicyUpdateRequest, UPDATE_POLICY_PERMISSION, updateOrgPolicy } from './updatePolicy';
export { TASK_LABELS, parseTaskName } from './tasks';

export interface PreflightOptions {
  signal?: AbortSignal;
  /** Calls in flight at once, for the organization's listing and the policies' reading each. */
  concurrency?: number;
  tasks?: readonly TaskPolicyName[];
  /**
   * Lists the organization; default `loadOrganization`. The explorer passes the listing its tree shares, so
   * the organization is listed once for both.
   */
  listOrganization?: (signal?: AbortSignal) => Promise<OrgSnapshot>;
}

export interface PreflightRun {
  snapshot: OrgSnapshot;
  policies: OrgPolicies;
  preflight: Preflight;
}

/** Lists the organization and reads its policies at the same time, then predicts. */
export async function preflightOrganization(clients: AwsClients, { signal, concurrency, tasks = TASK_POLICY_NAMES, listOrganization }: PreflightOptions = {}): Promise<PreflightRun> {
  signal = runSignal(signal);
  const listing = listOrganization ? listOrganization(signal) : loadOrganization(clients, { signal, concurrency });
  // Both settle before a failure goes up, so no listing keeps running unobserved.
  const [listed, read] = await Promise.allSettled([listing, readOrgPolicies(clients.organizations(), { signal, concurrency })]);
  if (listed.status === 'rejected') throw listed.reason;
  if (read.status === 'rejected') throw read.reason;
  const snapshot = listed.value;
  const policies = read.value;
  const preflight = predictOrganization(snapshot, policies, { region: clients.region, partition: clients.partition, tasks });
  return { snapshot, policies, preflight };
}

/**
 * A signal of our own following the caller's: every call in flight adds an abort listener, past Node's leak
 * warning threshold of 10 at the default concurrency; raising the limit on our own leaves the caller's alone.
 */
function runSignal(parent: AbortSignal | undefined): AbortSignal | undefined {
  if (!parent) return undefined;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller.signal;
}
