/**
 * A change whose response was lost (a dropped connection, a server error) may have been made: a fresh read
 * of the account says whether it is in place, not made, or that nobody can tell. "Not made" is said only when
 * the read plans the same change on the same document; a delete is never "not made" once the policy it kept
 * is gone, whatever is there now.
 */
import { RootGuardError, describeFailure } from '../aws/errors';
import type { RootSession } from './session';
import type { PlannedChange, RootTask, TaskPlan } from './taskModel';

/**
 * What a fresh read says about `change`, whose response was lost: no longer planned (`in-place`), planned
 * again on the same account (`not-made`), or, when the policy the intent kept is no longer the one there
 * (someone put another one meanwhile), why nobody can tell: the kept policy may be gone, so it is never
 * "not made". A failed read answers nothing, so it throws rather than say "not made".
 */
async function freshReadOf(task: RootTask, session: RootSession, shown: TaskPlan, change: PlannedChange): Promise<'in-place' | 'not-made' | { cannotTell: string }> {
  const fresh = await task.plan(session);
  if (!fresh.changes.some((c) => c.operation === change.operation && c.target === change.target)) return 'in-place';
  const kept = shown.keptPolicy;
  if (kept && fresh.keptPolicy?.policy !== kept.policy) return { cannotTell: `the read that checks it found another policy than the one the intent kept` };
  return 'not-made';
}

/**
 * Whether a change whose response may have been lost is in place, or the failure that says nobody can tell
 * (the change then moves from not changed to unknown: a policy it deleted may be gone).
 */
export async function checkLostChange(task: RootTask, session: RootSession, shown: TaskPlan, change: PlannedChange, callErr: unknown, progress: { notChanged: PlannedChange[]; unknown: PlannedChange[] }): Promise<boolean | RootGuardError> {
  let why: string;
  try {
    const read = await freshReadOf(task, session, shown, change);
    if (typeof read === 'string') return read === 'in-place';
    why = read.cannotTell;
  } catch (readErr) {
    why = `the read that checks it failed (${describeFailure(readErr).message})`;
  }
  progress.notChanged.shift();
  progress.unknown.push(change);
  const lost = describeFailure(callErr).message;
  return new RootGuardError('ChangeOutcomeUnknown', `${change.operation} ${change.target} may or may not have been made: its response was lost (${lost}) and ${why}`);
}
