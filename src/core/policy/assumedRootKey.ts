/**
 * What a condition entry on `aws:AssumedRoot` tells apart. The key is in the request context only in a
 * root session (AssumeRoot's credentials), and then `true`: an entry that answers a root session's request
 * and one without the key alike tests nothing (`BoolIfExists` `true` holds for every request, `Bool` `false`
 * for none).
 */
import { conditionHolds } from './conditions';
import type { ConditionEntry } from './model';

/**
 * `always` or `never` when the entry answers a root session's request and a request without the key alike;
 * undefined when it tells them apart, or its answer depends on a value known only at deployment.
 */
export function assumedRootAnswerAlike(entry: ConditionEntry): 'always' | 'never' | undefined {
  const inSession = conditionHolds(entry, { [entry.key]: 'true' });
  const outside = conditionHolds(entry, {});
  if (inSession === 'maybe' || outside === 'maybe' || inSession !== outside) return undefined;
  return inSession ? 'always' : 'never';
}
