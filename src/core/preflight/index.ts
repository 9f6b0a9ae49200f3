/**
 * The preflight: which root tasks will work in which member account, and which statement stops them where
 * they won't, from the organization's own SCPs and RCPs, before any root session opens.
 *
 * - `readOrgPolicies`: the policies and their targets, with the caller's credentials (readPolicies.ts).
 * - `readRootSessionsState`: whether root sessions can be opened at all (org/rootSessions.ts).
 * - `predictOrganization`: the prediction per account and task from a snapshot and the policies (predict.ts).
 * - `preflightOrganization`: all three, from the AWS clients.
 * - `contradiction`: whether a task's real outcome in an account contradicts its prediction (outcome.ts).
 * - `policyImpacts`: per policy, the accounts it blocks for which tasks, from the predictions (policyImpact.ts).
 * - `updateOrgPolicy`: a fixed policy written back, recorded in the audit log (updatePolicy.ts).
 * - `withProposals`: the policies as they would be with proposed ones deployed, for a what-if (proposals.ts),
 *   and `changedPredictions` / `renderWhatIf`: what that changes, for the editor (whatIf.ts).
 */
import type { AwsClients } from '../aws/clients';
import { followSignal } from '../aws/concurrency';
import { loadOrganization } from '../org/loadOrganization';
import { TASK_POLICY_NAMES, type TaskPolicyName } from '../policy';
import type { OrgSnapshot } from '../org/model';
import type { OrgPolicies, Preflight } from './model';
import { predictOrganization } from './predict';
import { type ProposedPolicy, withProposals } from './proposals';
import { readOrgPolicies } from './readPolicies';
import { readRootSessionsState } from '../org/rootSessions';

export type * from './model';
export { PREFLIGHT_PERMISSIONS, PolicyAccessError, readOrgPolicies } from './readPolicies';
export { predictOrganization } from './predict';
export { type RootSessionsState, readRootSessionsState } from '../org/rootSessions';
export { contradiction } from './outcome';
export { type PolicyImpact, type TaskImpact, policyImpact, policyImpacts } from './policyImpact';
export { type PolicyUpdateRequest, UPDATE_POLICY_PERMISSION, updateOrgPolicy } from './updatePolicy';
export { TASK_LABELS, parseTaskName } from './tasks';
export { ProposalError, type ProposedPolicy, type RefusedAttachment, describeRefused, refusedAttachments, withProposals } from './proposals';
export { type PredictionChange, changedPredictions, renderWhatIf } from './whatIf';

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
  /** Policies to predict with as if deployed (a what-if); the organization's own otherwise. */
  proposals?: readonly ProposedPolicy[];
}

export interface PreflightRun {
  snapshot: OrgSnapshot;
  policies: OrgPolicies;
  preflight: Preflight;
}

/** Lists the organization, reads its policies and whether root sessions can open, at the same time, then predicts. */
export async function preflightOrganization(
  clients: AwsClients,
  { signal, concurrency, tasks = TASK_POLICY_NAMES, listOrganization, proposals = [] }: PreflightOptions = {},
): Promise<PreflightRun> {
  signal = followSignal(signal);
  const listing = listOrganization ? listOrganization(signal) : loadOrganization(clients, { signal, concurrency });
  // Both settle before a failure goes up, so no listing keeps running unobserved.
  const [listed, read, sessions] = await Promise.allSettled([listing, readOrgPolicies(clients.organizations(), { signal, concurrency }), readRootSessionsState(clients, signal)]);
  if (listed.status === 'rejected') throw listed.reason;
  if (read.status === 'rejected') throw read.reason;
  if (sessions.status === 'rejected') throw sessions.reason;
  const snapshot = listed.value;
  const policies = withProposals(read.value, snapshot, proposals);
  const preflight = predictOrganization(snapshot, policies, { region: clients.region, partition: clients.partition, tasks, rootSessions: sessions.value });
  return { snapshot, policies, preflight };
}
