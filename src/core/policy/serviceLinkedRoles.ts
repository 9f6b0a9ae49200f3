/**
 * Who SCPs and RCPs do not limit ("SCP effects on permissions", AWS Organizations User Guide): SCPs affect only the
 * IAM users and roles of the organization's member accounts, so not an AWS service acting as its service
 * principal (`cloudtrail.amazonaws.com` writing to a bucket), and not a service-linked role, which RCPs do not limit either. A service-linked
 * role has the path `/aws-service-role/<service>/`; its sessions' ARNs keep only the role's name, and every
 * service-linked role is named `AWSServiceRoleFor...`.
 */
import type { RequestPrincipal } from './model';

const ROLE = /^arn:[^:]+:iam::\d{12}:role\/aws-service-role\//;
const SESSION = /^arn:[^:]+:sts::\d{12}:assumed-role\/AWSServiceRoleFor[^/]*\//;

function isServiceLinkedRole(principal: RequestPrincipal | undefined): boolean {
  return principal?.type === 'AWS' && (ROLE.test(principal.id) || SESSION.test(principal.id));
}

/** A caller no SCP limits: a service principal or a service-linked role. */
export function outsideScps(principal: RequestPrincipal | undefined): boolean {
  return principal?.type === 'Service' || isServiceLinkedRole(principal);
}

/**
 * A request no RCP limits for who makes it ("Resources and entities not restricted by RCPs"): a
 * service-linked role's calls, and a service assuming its service-linked role (RCPs do not impact that
 * role's trust policy). A service principal's other calls are limited: data perimeter RCPs rely on it.
 */
export function outsideRcps(principal: RequestPrincipal | undefined, action: string, resource: string): boolean {
  if (isServiceLinkedRole(principal)) return true;
  return principal?.type === 'Service' && action.toLowerCase() === 'sts:assumerole' && ROLE.test(resource);
}
