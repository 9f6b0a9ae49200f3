/**
 * Keys whose value the caller picks for each request, and which every request carries: the Region it signs
 * for (AssumeRoot is regional), its user agent, its referer. A condition on them is no guard when some value
 * lets the grant through, and no grant at all when only their absence would (`Null aws:RequestedRegion`).
 */
import type { Policy, TaskGrant } from '../policy';
import { exampleOf } from '../policy/wildcards';

const CHOSEN_BY_CALLER = new Set(['aws:requestedregion', 'aws:useragent', 'aws:referer']);

export function isChosenByCaller(key: string): boolean {
  return CHOSEN_BY_CALLER.has(key.toLowerCase());
}

/** The grant hangs on a key the caller picks (and maybe others). */
export function dependsOnChoice(grant: TaskGrant): boolean {
  return !grant.certain && grant.dependsOn.some(isChosenByCaller);
}

/** Values worth sending for each key the grants hang on: those the policies name (wildcards filled), and one more. */
export function chosenValues(grants: readonly TaskGrant[], policies: readonly Policy[]): Record<string, string>[] {
  const keys = [...new Set(grants.flatMap((g) => g.dependsOn.filter(isChosenByCaller).map((k) => k.toLowerCase())))];
  return keys.flatMap((key) => {
    const named = policies.flatMap((p) => p.statements.flatMap((s) => s.conditions.filter((e) => e.key.toLowerCase() === key).flatMap((e) => e.values)));
    const values = [...new Set([...named.filter((v) => !v.includes('${')).map(exampleOf), key === 'aws:requestedregion' ? 'us-east-1' : 'rootguard'])];
    return values.slice(0, MAX_VALUES).map((value) => ({ [key]: value }));
  });
}

/** Values tried per key, beyond which the rest are not (each costs a question of the engine). */
const MAX_VALUES = 8;
