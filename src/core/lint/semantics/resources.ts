/** What a statement's `Resource` and `Condition` leave open, for the broad-grant rules (RG109, RG2xx). */
import type { Statement } from '../model';
import { perStatement } from './perStatement';

/**
 * True when a positive `Resource` reaches every resource of a service: `*`, or an ARN pattern whose
 * account and resource parts are wildcards (`arn:aws:iam::*:*`, `arn:aws:iam::*:role/*`, `arn:aws:s3:::*`).
 * `NotResource` is left to RG204. Five rules ask this of every Allow, so the answer is kept per statement.
 */
export const coversAllResources = perStatement((statement: Statement): boolean => {
  const element = statement.resource;
  if (!element || element.negated) return false;
  return element.values.some((v) => isWildcardResource(v.value));
});

const ONLY_STARS = /^\*+$/;
/** `role/*`, `user/*`: a resource type and every name under it. */
const EVERY_RESOURCE_OF_A_TYPE = /^[\w+=,.@-]+\/\*+$/;

/**
 * Reads the account and resource parts of `arn:partition:service:region:account:resource` in place, by
 * offsets: this runs for every resource of every Allow, and splitting each ARN made a list and six strings.
 */
function isWildcardResource(value: string): boolean {
  if (ONLY_STARS.test(value)) return true;
  const accountStart = afterColons(value, 4);
  const accountEnd = accountStart < 0 ? -1 : value.indexOf(':', accountStart);
  if (accountEnd < 0) return false;
  const resourceStart = accountEnd + 1;
  const everyAccount = starsOnly(value, accountStart, accountEnd);
  if (resourceStart < value.length && starsOnly(value, resourceStart, value.length)) return everyAccount;
  // `role/*` is every role only when the account is a wildcard too; `arn:aws:s3:::bucket/*` is one bucket.
  return everyAccount && accountEnd > accountStart && EVERY_RESOURCE_OF_A_TYPE.test(value.slice(resourceStart));
}

/** The offset just after the `count`th colon, or -1 when there are fewer. */
function afterColons(value: string, count: number): number {
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const colon = value.indexOf(':', offset);
    if (colon < 0) return -1;
    offset = colon + 1;
  }
  return offset;
}

/** True when `value[start, end)` is nothing but `*` (true when empty). */
function starsOnly(value: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (value.charCodeAt(i) !== 42) return false;
  return true;
}

/** True when the statement has a non-empty `Condition`. */
export function hasCondition(statement: Statement): boolean {
  return (statement.conditionNode?.children?.length ?? 0) > 0;
}
