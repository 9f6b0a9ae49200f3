/**
 * The context keys a request carries because of who makes it, each set when the request does not give it:
 * the IAM User Guide ("AWS global condition context keys") documents them as present in every request
 * signed with the principal's credentials, so a caller's own policies are decided on them, not as "depends".
 */
import type { RequestPrincipal } from './model';

/** The keys, by lower-case name, that `principal` brings to its requests. */
export function principalKeys(principal: RequestPrincipal): ReadonlyArray<readonly [string, string]> {
  // Asked once per request, and a question's thousands of requests share a handful of callers.
  const cacheKey = `${principal.type}\u0000${principal.id}`;
  let keys = known.get(cacheKey);
  if (!keys) {
    if (known.size > 1000) known.clear();
    keys = keysOf(principal);
    known.set(cacheKey, keys);
  }
  return keys;
}

const known = new Map<string, ReadonlyArray<readonly [string, string]>>();

function keysOf(principal: RequestPrincipal): Array<[string, string]> {
  if (principal.type === 'Service') return [['aws:principalisawsservice', 'true'], ['aws:principalservicename', principal.id]];
  if (principal.type !== 'AWS') return [];
  const arn = ARN.exec(principal.id);
  if (!arn) return [['aws:principalarn', principal.id]];
  const [, partition, service, account, resource] = arn;
  const keys: Array<[string, string]> = [
    ['aws:principalarn', principalArnOf(partition, service, account, resource) ?? principal.id],
    ['aws:principalaccount', account],
    ['aws:principalisawsservice', 'false'],
  ];
  const type = principalType(service, resource);
  if (type) keys.push(['aws:principaltype', type]);
  if (type === 'User') keys.push(['aws:username', resource.slice(resource.lastIndexOf('/') + 1)]);
  return keys;
}

const ARN = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/;

/** `aws:PrincipalArn` of a role session is its role's ARN (without the role's path, which the session ARN drops). */
function principalArnOf(partition: string, service: string, account: string, resource: string): string | undefined {
  const session = service === 'sts' ? /^assumed-role\/([^/]+)\/[^/]+$/.exec(resource) : null;
  return session ? `arn:${partition}:iam::${account}:role/${session[1]}` : undefined;
}

/** `aws:PrincipalType` as AWS sets it for each kind of caller; undefined for an ARN that makes no request (a role). */
function principalType(service: string, resource: string): string | undefined {
  if (service === 'iam' && resource === 'root') return 'Account';
  if (service === 'iam' && resource.startsWith('user/')) return 'User';
  if (service === 'sts' && resource.startsWith('assumed-role/')) return 'AssumedRole';
  if (service === 'sts' && resource.startsWith('federated-user/')) return 'FederatedUser';
  return undefined;
}
