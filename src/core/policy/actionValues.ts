/**
 * Questions about one Action value that the broad-grant rules ask (RG109, RG202, RG205, RG206): whether it covers
 * an action, or every action of a service, for certain or only maybe. A value known only in part (Terraform's
 * `"iam:${var.action}"`, CloudFormation's `!Sub "iam:${Action}"`) may turn out to be any name, `*` included:
 * it maybe covers what some filling of its unknown parts would.
 */
import { actionPatternMatches } from './statement';
import { MAYBE, type Tri, YES, and } from './tri';
import { UNKNOWN_PART } from './unknown';

export type ValueCoverage = 'surely' | 'maybe' | 'no';

function coverage(answer: Tri): ValueCoverage {
  return answer === YES ? 'surely' : answer === MAYBE ? 'maybe' : 'no';
}

/** Whether an Action value covers an action: surely, maybe (an unknown part), or not. */
export function actionValueCovers(value: string, action: string): ValueCoverage {
  return coverage(actionPatternMatches(value, action));
}

/**
 * Whether an Action value covers every action of a service (`iam:*`, `*`, `i*`, or `iam:${var.action}`, which
 * may be `iam:*`): it covers both the bare prefix and a name no action has.
 */
export function actionValueCoversService(value: string, service: string): ValueCoverage {
  return coverage(and(actionPatternMatches(value, `${service}:`), actionPatternMatches(value, `${service}:RootGuardAnyAction`)));
}

/**
 * A value whose service is known only at deployment (`${var.service}:*`, `!Ref Action`): RG010's, no rule's to
 * judge, and no action the stranger probes can stand for (strangerDeployed.ts). The one test of it: the linter's
 * RG010 (undetermined.ts), the rules and the engine must agree on which values it holds for.
 */
export function actionServiceUnknown(value: string): boolean {
  const colon = value.indexOf(':');
  return (colon < 0 ? value : value.slice(0, colon)).includes(UNKNOWN_PART);
}

/** The actions of a list that one Action value grants: surely, or maybe (a part known only at deployment). */
export interface ActionValueGrant {
  surely: string[];
  maybe: string[];
}

/**
 * Which of `actions` one Allow's Action value grants, for the rules that report grants narrower than a service
 * (RG109, RG206): undefined when it grants none of them, when its service is known only at deployment (RG010's),
 * or when it covers, or may cover, every action of the service of one it grants (`iam:*`, `iam:${var.action}`:
 * RG201/RG202's).
 */
export function actionValueGrants(value: string, actions: readonly string[]): ActionValueGrant | undefined {
  if (actionServiceUnknown(value)) return undefined;
  const surely: string[] = [];
  const maybe: string[] = [];
  for (const action of actions) {
    const covers = actionValueCovers(value, action);
    if (covers === 'surely') surely.push(action);
    else if (covers === 'maybe') maybe.push(action);
  }
  if (surely.length === 0 && maybe.length === 0) return undefined;
  const services = new Set([...surely, ...maybe].map((action) => action.slice(0, action.indexOf(':'))));
  for (const service of services) if (actionValueCoversService(value, service) !== 'no') return undefined;
  return { surely, maybe };
}
