/**
 * Requests as the engine asks them: context keys by lower-case name, with the keys the caller and the
 * resource bring; and, for symbolic questions, the same request with more keys laid over it.
 */
import type { Request } from './model';
import { principalKeys } from './principalKeys';
import { type PreparedRequest, accountOf } from './statement';

/**
 * Prepares a request: context keys by lower-case name, and the keys the request brings when not given: the
 * principal's own, and `aws:ResourceAccount`, which AWS sets to the resource's owner, the account its ARN
 * names (`arn:aws:sqs:us-east-1:111122223333:q`, a member's `arn:aws:iam::111122223333:root`). An ARN that
 * names none (an S3 bucket's) leaves it to the context.
 */
export function prepareRequest(request: Request): PreparedRequest {
  const context = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(request.context ?? {})) {
    const values = typeof value === 'string' ? [value] : [...value];
    const lower = key.toLowerCase();
    context.set(lower, [...(context.get(lower) ?? []), ...values]);
  }
  const principal = request.principal;
  if (principal) for (const [key, value] of principalKeys(principal)) if (!context.has(key)) context.set(key, [value]);
  const owner = accountOf(request.resource);
  if (owner !== undefined && ACCOUNT_ID.test(owner) && !context.has('aws:resourceaccount')) context.set('aws:resourceaccount', [owner]);
  return { action: request.action, resource: request.resource, principal, context, absentKeys: request.absentKeys, absentUnlessSupported: request.absentUnlessSupported };
}

const ACCOUNT_ID = /^\d{12}$/;

/** Context keys to add to prepared requests, by lower-case name: see `contextOverlay`. */
export type ContextOverlay = ReadonlyArray<readonly [string, readonly string[]]>;

/**
 * Symbolic questions ask thousands of requests that differ only in the keys a valuation sets, and preparing
 * the rest once was most of their cost: `withContext(prepareRequest(request), contextOverlay(extra))` is what
 * `prepareRequest` gives for the request with `extra` added to its context. The keys of `extra` must be none
 * the request's own context gives (there they would be merged); the principal's and the resource's yield to
 * them, as there.
 */
export function contextOverlay(extra: Readonly<Record<string, string | readonly string[]>>): ContextOverlay {
  return Object.entries(extra).map(([key, value]) => [key.toLowerCase(), typeof value === 'string' ? [value] : [...value]] as const);
}

export function withContext(prepared: PreparedRequest, overlay: ContextOverlay): PreparedRequest {
  const context = new Map(prepared.context);
  for (const [key, values] of overlay) context.set(key, values);
  return { ...prepared, context };
}
