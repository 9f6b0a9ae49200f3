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

function isWildcardResource(value: string): boolean {
  if (/^\*+$/.test(value)) return true;
  const segments = value.split(':');
  if (segments.length < 6) return false;
  const account = segments[4];
  const resource = segments.slice(5).join(':');
  if (/^\*+$/.test(resource)) return /^\**$/.test(account);
  // `role/*` is every role only when the account is a wildcard too; `arn:aws:s3:::bucket/*` is one bucket.
  return /^\*+$/.test(account) && /^[\w+=,.@-]+\/\*+$/.test(resource);
}

/** True when the statement has a non-empty `Condition`. */
export function hasCondition(statement: Statement): boolean {
  return (statement.conditionNode?.children?.length ?? 0) > 0;
}
