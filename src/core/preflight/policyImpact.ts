/**
 * What each of the organization's SCPs and RCPs does to root tasks, as the preflight already decided it:
 * per policy and task, the member accounts where one of the policy's statements blocks the task, or where
 * the task depends on a key because of it. Counted from the predictions; nothing is evaluated again here.
 */
import type { TaskPolicyName } from '../policy';
import type { Preflight, PredictionResult } from './model';

export interface TaskImpact {
  task: TaskPolicyName;
  /** Member accounts, in the order the predictions list them. */
  accountIds: string[];
}

export interface PolicyImpact {
  blocked: TaskImpact[];
  depends: TaskImpact[];
}

const NO_IMPACT: PolicyImpact = { blocked: [], depends: [] };

/** The impact of every policy that blocks or may block some task somewhere, by policy id. */
export function policyImpacts(preflight: Preflight): Map<string, PolicyImpact> {
  const byPolicy = new Map<string, Record<Exclude<PredictionResult, 'works'>, Map<TaskPolicyName, string[]>>>();
  for (const prediction of preflight.predictions) {
    if (prediction.result === 'works') continue;
    const policyIds = new Set(prediction.statements.map((s) => s.policyId));
    for (const policyId of policyIds) {
      let entry = byPolicy.get(policyId);
      if (!entry) byPolicy.set(policyId, (entry = { blocked: new Map(), depends: new Map() }));
      const accounts = entry[prediction.result].get(prediction.task) ?? [];
      accounts.push(prediction.accountId);
      entry[prediction.result].set(prediction.task, accounts);
    }
  }
  const toList = (tasks: Map<TaskPolicyName, string[]>) => [...tasks].map(([task, accountIds]) => ({ task, accountIds }));
  return new Map([...byPolicy].map(([id, e]) => [id, { blocked: toList(e.blocked), depends: toList(e.depends) }]));
}

/** The impact of one policy; none when it decides no prediction. */
export function policyImpact(impacts: ReadonlyMap<string, PolicyImpact>, policyId: string): PolicyImpact {
  return impacts.get(policyId) ?? NO_IMPACT;
}
