/**
 * The bucket or queue names worth asking about when a question does not name one. An unlock task acts on
 * the bucket or queue the user picks in its session; a prediction made before that must try every name a
 * policy's Resource or NotResource tells apart (`arn:aws:s3:::sandbox-*`), besides one no policy names, or
 * an SCP that denies root sessions `sandbox-*` buckets reads as "works" for them, and one that spares them
 * as blocked for all.
 */
import type { CallTarget } from './taskPolicies';
import type { Policy } from './model';
import { exampleOf } from './wildcards';

/** A name no policy is likely to single out, asked about first (the one callResource gives). */
const UNNAMED: Partial<Record<CallTarget, string>> = { bucket: 'amzn-s3-demo-bucket', queue: 'demo-queue' };

/** Names taken from the policies beyond which the rest are not tried: each costs a question per call. */
const MAX_NAMED = 8;

/**
 * The names to ask about for a call on a bucket or queue: the unnamed one, then one per name pattern the
 * policies' statements give (wildcards filled); only the unnamed one for other calls.
 */
export function resourceNamesToTry(target: CallTarget, policies: Iterable<Policy>): string[] {
  const unnamed = UNNAMED[target];
  if (unnamed === undefined) return [];
  const names = new Set<string>([unnamed]);
  for (const policy of policies) {
    for (const statement of policy.statements) {
      for (const value of statement.resource?.values ?? []) {
        const name = nameIn(value, target);
        if (name !== undefined && names.size <= MAX_NAMED) names.add(name);
      }
    }
  }
  return [...names];
}

/** The bucket or queue name a Resource pattern gives, its wildcards filled with a letter. */
function nameIn(value: string, target: CallTarget): string | undefined {
  if (value.includes('${')) return undefined;
  const pattern = target === 'bucket' ? /^arn:[^:]*:s3:::([^/]+)/.exec(value)?.[1] : /^arn:[^:]*:sqs:[^:]*:[^:]*:([^:/]+)$/.exec(value)?.[1];
  if (pattern === undefined || pattern === '*') return undefined;
  return exampleOf(pattern);
}
