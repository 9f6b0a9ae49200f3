/**
 * The bucket, queue or MFA device names worth asking about when a question does not name one. An unlock task
 * acts on the bucket or queue the user picks in its session, credential deletion on the root's MFA device,
 * named by whoever created it; a prediction made before that must try every name a policy's Resource or
 * NotResource tells apart for the call (`arn:aws:s3:::sandbox-*`), besides one no policy names, or an SCP that
 * denies root sessions `sandbox-*` buckets reads as "works" for them, and one that spares them as blocked for all.
 */
import type { Policy, Request } from './model';
import { actionCovered } from './statement';
import type { CallTarget, TaskCall } from './taskPolicies';
import { exampleOf } from './wildcards';

/** A name no policy is likely to single out, asked about first (the one callResource gives). */
const UNNAMED: Partial<Record<CallTarget, string>> = { bucket: 'amzn-s3-demo-bucket', queue: 'demo-queue', mfaDevice: 'root-account-mfa-device' };

/** What a prediction depends on when the answer differs between names, as the preflight says it. */
const WHICH: Partial<Record<CallTarget, string>> = { bucket: 'which bucket', queue: 'which queue', mfaDevice: 'which MFA device' };

/** Every "which ..." a prediction may depend on. */
export const WHICH_RESOURCE: ReadonlySet<string> = new Set(Object.values(WHICH));

/** "which bucket" for a call on a bucket; undefined for a call whose resource no one picks. */
export function whichResource(target: CallTarget): string | undefined {
  return WHICH[target];
}

/**
 * Names taken from the policies beyond which the rest are not tried: each costs a question per call. Only the
 * statements about the call count, so real policies stay far below it; past it, `capped` says so.
 */
const MAX_NAMED = 32;

/** The names to ask about, and whether some names the policies give were left untried. */
export interface NamesToTry {
  names: string[];
  capped: boolean;
}

/**
 * The names to ask about for a call on a bucket, a queue or an MFA device: the unnamed one, then one per name
 * pattern that the statements about the call give (wildcards filled, and the policy variables the request's
 * `context` holds with their values: `sandbox-${aws:PrincipalAccount}-data`, `${aws:PrincipalOrgID}-logs`);
 * none for other calls.
 */
export function resourceNamesToTry(call: TaskCall, policies: Iterable<Policy>, context: Request['context'] = {}): NamesToTry {
  const unnamed = UNNAMED[call.target];
  if (unnamed === undefined) return { names: [], capped: false };
  const names = new Set<string>([unnamed]);
  const values = new Map(Object.entries(context).flatMap(([key, value]) => (typeof value === 'string' ? [[key.toLowerCase(), value]] : [])));
  let capped = false;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (!actionCovered(statement, call.action)) continue;
      for (const value of statement.resource?.values ?? []) {
        const name = nameIn(value, call.target, values);
        if (name === undefined || names.has(name)) continue;
        if (names.size > MAX_NAMED) capped = true;
        else names.add(name);
      }
    }
  }
  return { names: [...names], capped };
}

const NAME_PATTERNS: Partial<Record<CallTarget, RegExp>> = {
  bucket: /^arn:[^:]*:s3:::([^/]+)/,
  queue: /^arn:[^:]*:sqs:[^:]*:[^:]*:([^:/]+)$/,
  mfaDevice: /^arn:[^:]*:iam::[^:]*:mfa\/(.+)$/,
};

/** The name a Resource pattern gives: its policy variables with the values given (else like wildcards), its wildcards filled. */
function nameIn(value: string, target: CallTarget, values: ReadonlyMap<string, string>): string | undefined {
  const pattern = NAME_PATTERNS[target]?.exec(value)?.[1];
  if (pattern === undefined || pattern === '*') return undefined;
  return exampleOf(pattern.replace(/\$\{([^},]*)[^}]*\}/g, (_, key: string) => values.get(key.trim().toLowerCase()) ?? '*'));
}
