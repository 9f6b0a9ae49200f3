/**
 * What a set operator (`ForAnyValue:`/`ForAllValues:`) on a single-valued key is, written without its
 * prefix. On a request with the key, both compare its one value as the plain operator does; they differ
 * only on a request without it, where `ForAllValues:` holds and `ForAnyValue:` does not. So the exact
 * equivalent is the plain operator when it answers the same without the key, else its `IfExists` form
 * when that is what the set operator answers; a `ForAnyValue:` negation has none (a negated operator holds
 * without the key). A rewrite that changes that answer is offered only under a title that says so.
 */
import { type ConditionOperator, holdsWithoutKey, parseConditionOperator } from '../conditions';
import type { ConditionEntry, Fix, PolicyDocument } from '../model';
import { moveToOperatorFix } from './rootFixes';

export interface OperatorRewrite {
  operator: string;
  /** What the rewrite changes, for the fix's title; undefined when it reads every request as before. */
  change?: string;
}

/**
 * The rewrites of `operator` (on a single-valued key) into `base` (a plain operator without `IfExists`:
 * its own without the prefix, or `Bool` for a `StringEquals` on a Bool key), the exact one first.
 */
export function rewritesWithoutSet(operator: ConditionOperator, base: string): OperatorRewrite[] {
  const plain = parseConditionOperator(base);
  if (!plain || operator.family === 'Null') return [{ operator: base }];
  const withoutKey = holdsWithoutKey(operator);
  if (operator.ifExists || (withoutKey && !plain.negated)) {
    const exact: OperatorRewrite = { operator: `${base}IfExists` };
    // The plain operator the author most likely meant, when it differs: it no longer holds without the key.
    return operator.ifExists ? [exact] : [exact, { operator: base, change: 'then no longer holds when the key is absent' }];
  }
  if (withoutKey === plain.negated) return [{ operator: base }];
  return [{ operator: base, change: 'then also holds when the key is absent' }];
}

/** The rewrites as fixes moving the entry: the exact one preferred, one that changes more saying what. */
export function rewriteFixes(document: PolicyDocument, entry: ConditionEntry, rewrites: readonly OperatorRewrite[]): Fix[] {
  return rewrites.flatMap(({ operator, change }) => {
    const fix = moveToOperatorFix(document, entry, operator, change ? `Use ${operator} (${change})` : `Use ${operator}`);
    return fix ? [{ ...fix, preferred: !change }] : [];
  });
}

/** "Use X", or "Use X, or Y, which ..." naming what the second changes, for a finding's message. */
export function rewriteAdvice(rewrites: readonly OperatorRewrite[]): string {
  return rewrites.map(({ operator, change }) => (change ? `${operator} (which ${change.replace(/^then /, '')})` : operator)).join(', or ');
}
