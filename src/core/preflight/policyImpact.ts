/**
 * What each of the organization's SCPs and RCPs does to root tasks, as the preflight already decided it:
 * per policy and task, the member accounts where one of the policy's statements blocks the task for certain,
 * or where the task (or one of its calls) depends on a key because of it. Counted from the predictions; nothing is evaluated again here.
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
    // A policy blocks the task where one of its statements does for certain; where its statements only may
    // block some call (beside another policy's certain block, too), the task depends on it.
    const impactOf = new Map<string, Exclude<PredictionResult, 'works'>>();
    for (const s of prediction.statements) if (impactOf.get(s.policyId) !== 'blocked') impactOf.set(s.policyId, prediction.result === 'blocked' && s.certain ? 'blocked' : 'depends');
    for (const [policyId, impact] of impactOf) {
      let entry = byPolicy.get(policyId);
      if (!entry) byPolicy.set(policyId, (entry = { blocked: new Map(), depends: new Map() }));
      const accounts = entry[impact].get(prediction.task) ?? [];
      accounts.push(prediction.accountId);
      entry[impact].set(prediction.task, accounts);
    }
  }
  const toList = (tasks: Map<TaskPolicyName, string[]>) => [...tasks].map(([task, accountIds]) => ({ task, accountIds }));
  return new Map([...byPolicy].map(([id, e]) => [id, { blocked: toList(e.blocked), depends: toList(e.depends) }]));
}

/** The impact of one policy; none when it decides no prediction. */
export function policyImpact(impacts: ReadonlyMap<string, PolicyImpact>, policyId: string): PolicyImpact {
  return impacts.get(policyId) ?? NO_IMPACT;
}
