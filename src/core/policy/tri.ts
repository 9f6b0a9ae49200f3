/**
 * Three-valued truth (Kleene logic) for answers that may hinge on what the policy text cannot know: an
 * unknown part of a value (`UNKNOWN_PART`) matches "maybe". AND, OR and NOT keep every certain answer
 * certain and never turn a maybe into a certainty, so an answer the engine calls certain is sound.
 */
export type Tri = 0 | 1 | 2;
export const NO: Tri = 0;
export const YES: Tri = 1;
export const MAYBE: Tri = 2;

export function not(a: Tri): Tri {
  return a === MAYBE ? MAYBE : a === YES ? NO : YES;
}

export function and(a: Tri, b: Tri): Tri {
  if (a === NO || b === NO) return NO;
  return a === MAYBE || b === MAYBE ? MAYBE : YES;
}

export function or(a: Tri, b: Tri): Tri {
  if (a === YES || b === YES) return YES;
  return a === MAYBE || b === MAYBE ? MAYBE : NO;
}

export function tri(value: boolean): Tri {
  return value ? YES : NO;
}
