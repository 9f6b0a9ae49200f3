/**
 * The context keys a request carries because of who makes it, each set when the request does not give it:
 * the IAM User Guide ("AWS global condition context keys") documents them as present in every request
 * signed with the principal's credentials, so a caller's own policies are decided on them, not as "depends".
 */
import { BoundedMemo } from '../boundedMemo';
import type { RequestPrincipal } from './model';
import { roleOfSession } from './statement';

/**
 * A caller as written on a command line, typed as a Principal element would name it: an OIDC or SAML
 * provider's ARN, or a web identity provider (`cognito-identity.amazonaws.com`, `accounts.google.com`),
 * is `Federated`; a 64-digit hexadecimal id `CanonicalUser`; another ARN `AWS`; a name without colons a
 * service (`sns.amazonaws.com`).
 */
export function principalNamed(id: string): RequestPrincipal {
  if (FEDERATION_PROVIDER.test(id) || WEB_IDENTITY_PROVIDERS.has(id.toLowerCase())) return { type: 'Federated', id };
  if (/^[0-9a-f]{64}$/i.test(id)) return { type: 'CanonicalUser', id };
  return { type: id.includes(':') ? 'AWS' : 'Service', id };
}

const FEDERATION_PROVIDER = /^arn:[^:]+:iam::\d{12}:(oidc-provider|saml-provider)\//;

/** The identity providers a web identity trust policy names by host (IAM User Guide, "AWS JSON policy elements: Principal"). */
const WEB_IDENTITY_PROVIDERS = new Set(['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com', 'accounts.google.com']);

/** The keys, by lower-case name, that `principal` brings to its requests. */
export function principalKeys(principal: RequestPrincipal): ReadonlyArray<readonly [string, string]> {
  // Asked once per request, and a question's thousands of requests share a handful of callers.
  const cacheKey = `${principal.type}\u0000${principal.id}`;
  return known.get(cacheKey) ?? known.set(cacheKey, keysOf(principal));
}

const known = new BoundedMemo<string, ReadonlyArray<readonly [string, string]>>(1000);

function keysOf(principal: RequestPrincipal): Array<[string, string]> {
  if (principal.type === 'Service') return [['aws:principalisawsservice', 'true'], ['aws:principalservicename', principal.id]];
  if (principal.type !== 'AWS') return [];
  const arn = ARN.exec(principal.id);
  if (!arn) return [['aws:principalarn', principal.id]];
  const [, service, account, resource] = arn;
  const keys: Array<[string, string]> = [
    ['aws:principalaccount', account],
    ['aws:principalisawsservice', 'false'],
  ];
  const principalArn = principalArnOf(principal.id);
  if (principalArn !== undefined) keys.push(['aws:principalarn', principalArn]);
  const type = principalType(service, resource);
  if (type) keys.push(['aws:principaltype', type]);
  if (type === 'User') keys.push(['aws:username', resource.slice(resource.lastIndexOf('/') + 1)]);
  return keys;
}

const ARN = /^arn:[^:]+:(iam|sts)::(\d{12}):(.+)$/;

/**
 * `aws:PrincipalArn`: the caller's own ARN, or for a role session its role's ARN, path included. The
 * session's ARN drops the path, which for most roles is `/`. Not for IAM Identity Center's roles
 * (`/aws-reserved/sso.amazonaws.com/` and, outside us-east-1, a region) or service-linked roles
 * (`/aws-service-role/<service>/`): guardrails often test exactly that path, so for those the key is left
 * for the request to give (undefined), not guessed.
 */
function principalArnOf(arn: string): string | undefined {
  const role = roleOfSession(arn);
  if (!role) return arn;
  return /:role\/(AWSReservedSSO_|AWSServiceRoleFor)/.test(role) ? undefined : role;
}

/** For a role session, the role ARN at path `/` that `aws:PrincipalArn` is assumed to hold; undefined for other callers. */
export function assumedRoleArn(principalId: string): string | undefined {
  return roleOfSession(principalId) && principalArnOf(principalId);
}

/** `aws:PrincipalType` as AWS sets it for each kind of caller; undefined for an ARN that makes no request (a role). */
function principalType(service: string, resource: string): string | undefined {
  if (service === 'iam' && resource === 'root') return 'Account';
  if (service === 'iam' && resource.startsWith('user/')) return 'User';
  if (service === 'sts' && resource.startsWith('assumed-role/')) return 'AssumedRole';
  if (service === 'sts' && resource.startsWith('federated-user/')) return 'FederatedUser';
  return undefined;
}
