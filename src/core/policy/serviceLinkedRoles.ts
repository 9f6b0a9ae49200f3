/**
 * Who SCPs do not limit ("SCP effects on permissions", AWS Organizations User Guide): SCPs affect only the
 * IAM users and roles of the organization's member accounts, so not an AWS service acting as its service
 * principal (`cloudtrail.amazonaws.com` writing to a bucket), and not a service-linked role. A service-linked
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
