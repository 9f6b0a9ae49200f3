/**
 * A task's real outcome in one account against the preflight's prediction for it, so that a prediction the
 * world contradicts is noticed and the engine can be corrected. Only certain contradictions count:
 * - predicted `works`, and a call was refused by an SCP or RCP (AWS's denial names the policy type);
 * - predicted `blocked`, and a call the prediction says is blocked went through: the session opened
 *   (`sts:AssumeRoot`), a change was sent, or the plan was read while every call of the task was
 *   predicted blocked.
 * A `depends` prediction is never contradicted (the unknown key decided), nor is any failure for another
 * reason. The sentence names the account, the task, the prediction and what happened; no secret, no
 * request data (the error's own text is left out).
 */
import type { AccountTaskResult } from '../root/taskRun';
import { TASK_CALLS } from '../policy';
import type { TaskPrediction } from './model';
import { TASK_LABELS } from './tasks';

/** The policy type an AccessDenied names, when an SCP or RCP refused the call. */
function orgPolicyDenial(result: AccountTaskResult): 'service control policy' | 'resource control policy' | undefined {
  if (result.status !== 'failed' || result.code !== 'AccessDenied') return undefined;
  const text = `${result.message} ${result.likelyCause ?? ''}`;
  if (/service control polic/i.test(text)) return 'service control policy';
  if (/resource control polic/i.test(text)) return 'resource control policy';
  return undefined;
}

/** The IAM action of a change's API operation, in the task's service (`DeleteAccessKey` → `iam:DeleteAccessKey`). */
function actionOf(prediction: TaskPrediction, operation: string): string {
  const service = TASK_CALLS[prediction.task][0].action.split(':')[0];
  return `${service}:${operation}`;
}

/** Calls certainly authorized in a run that reached the account: the session, and every change sent. */
function authorizedCalls(prediction: TaskPrediction, result: AccountTaskResult): string[] | undefined {
  if (result.status === 'done') return ['sts:AssumeRoot', ...result.changes.map((c) => actionOf(prediction, c.operation))];
  if (result.status === 'dry-run') return ['sts:AssumeRoot'];
  // A failure after changes: those went through; the session did too.
  if (result.status === 'failed' && result.sessionAccessKeyId) return ['sts:AssumeRoot', ...result.changed.map((c) => actionOf(prediction, c.operation))];
  return undefined;
}

/** Why the outcome contradicts the prediction, in one sentence; undefined when it does not (or cannot tell). */
export function contradiction(prediction: TaskPrediction, result: AccountTaskResult): string | undefined {
  if (prediction.accountId !== result.accountId) throw new Error(`the prediction is for ${prediction.accountId}, the result for ${result.accountId}`);
  const task = TASK_LABELS[prediction.task];
  const denial = orgPolicyDenial(result);
  if (prediction.result === 'works' && denial) {
    return `${task} in ${result.accountId} was predicted to work, but a ${denial} refused it (AccessDenied)`;
  }
  if (prediction.result !== 'blocked') return undefined;
  const authorized = authorizedCalls(prediction, result);
  if (!authorized) return undefined;
  // A run that read its plan made some of the task's calls: a contradiction if all of them were to be blocked.
  const readPlan = result.status === 'done' || result.status === 'dry-run';
  const everyCallBlocked = readPlan && TASK_CALLS[prediction.task].every((c) => prediction.blockedCalls.includes(c.action));
  const through = authorized.filter((call) => prediction.blockedCalls.includes(call));
  if (through.length === 0 && !everyCallBlocked) return undefined;
  const what = through.length ? through.join(', ') : 'its calls';
  return `${prediction.summary}, but ${what} went through in ${result.accountId} (${result.status})`;
}
