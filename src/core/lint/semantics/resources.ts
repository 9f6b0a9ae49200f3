/** What a statement's `Resource` and `Condition` leave open, for the broad-grant rules (RG109, RG2xx). */
import type { Statement } from '../model';
import { globMatches } from '../../policy/wildcards';
import { perStatement } from './perStatement';

/**
 * What a positive `Resource` reaches whole: every resource (`*`, `arn:*`), or every resource of a service in
 * every account (`arn:aws:iam::*:*`, `arn:aws:s3:::*`), or of one resource type (`arn:aws:iam::*:role/*`,
 * `role*`). A service's wildcard reaches only that service's resources: `Allow *` on `arn:aws:s3:::*` is no
 * administrator, and `iam:PassRole` on `user/*` passes no role. `NotResource` is left to RG204. Five rules ask
 * this of every Allow, so the answer is kept per statement.
 */
interface Coverage {
  everything: boolean;
  /** Per pattern reaching a service whole: its service and resource type (`*` for every type) as written. */
  whole: { service: string; type: string }[];
}

const coverageOf = perStatement((statement: Statement): Coverage => {
  const coverage: Coverage = { everything: false, whole: [] };
  const element = statement.resource;
  if (!element || element.negated) return coverage;
  for (const { value } of element.values) {
    const reach = wholeReach(value);
    if (reach === 'everything') coverage.everything = true;
    else if (reach) coverage.whole.push(reach);
  }
  return coverage;
});

/** True when the statement reaches every resource of every service. */
export function coversEveryResource(statement: Statement): boolean {
  return coverageOf(statement).everything;
}

/**
 * True when the statement reaches every resource of `service` (the service in its ARNs: `iam` for sts's roles),
 * of resource type `type` when given (`role`), in every account.
 */
export function coversAllResources(statement: Statement, service: string, type?: string): boolean {
  const { everything, whole } = coverageOf(statement);
  return everything || whole.some((w) => globMatches(w.service, service, true) && (type === undefined || w.type === '*' || globMatches(w.type, type, true)));
}

const ONLY_STARS = /^\*+$/;
/** `role/*`, `role*`, `user/*`: a resource type and every name under it. */
const EVERY_RESOURCE_OF_A_TYPE = /^([\w+=,.@-]+?)\/?\*+$/;

/**
 * Reads `arn:partition:service:region:account:resource` in place, by offsets: this runs for every resource of
 * every Allow, and splitting each ARN made a list and six strings. A `*` ending a shorter ARN spans the rest
 * (`arn:*`, `arn:aws:iam:*`), as the engine matches it.
 */
function wholeReach(value: string): 'everything' | { service: string; type: string } | undefined {
  if (ONLY_STARS.test(value)) return 'everything';
  if (!value.startsWith('arn:')) return undefined;
  const serviceStart = afterColons(value, 2);
  if (serviceStart < 0) return value.endsWith('*') && starsOnly(value, 4, value.length) ? 'everything' : undefined;
  const serviceEnd = value.indexOf(':', serviceStart);
  const service = value.slice(serviceStart, serviceEnd < 0 ? value.length : serviceEnd);
  const accountStart = afterColons(value, 4);
  const accountEnd = accountStart < 0 ? -1 : value.indexOf(':', accountStart);
  if (accountEnd < 0) {
    // `arn:aws:*` or `arn:aws:iam:*`: the star spans the segments after it.
    if (!value.endsWith('*') || !starsOnly(value, value.lastIndexOf(':') + 1, value.length)) return undefined;
    return starsOnly(service, 0, service.length) ? 'everything' : { service, type: '*' };
  }
  if (!starsOnly(value, accountStart, accountEnd)) return undefined;
  const resource = value.slice(accountEnd + 1);
  if (starsOnly(resource, 0, resource.length)) return starsOnly(service, 0, service.length) ? 'everything' : { service, type: '*' };
  // `role/*` is every role only when the account is a wildcard too, as here; `arn:aws:s3:::bucket/*` is one bucket.
  const typed = accountEnd > accountStart ? EVERY_RESOURCE_OF_A_TYPE.exec(resource) : null;
  return typed ? { service, type: typed[1] } : undefined;
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
