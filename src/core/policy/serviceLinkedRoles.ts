/**
 * SCPs do not limit service-linked roles ("SCP effects on permissions", AWS Organizations User Guide). A
 * service-linked role has the path `/aws-service-role/<service>/`; its sessions' ARNs keep only the role's
 * name, and every service-linked role is named `AWSServiceRoleFor...`.
 */
import type { RequestPrincipal } from './model';

const ROLE = /^arn:[^:]+:iam::\d{12}:role\/aws-service-role\//;
const SESSION = /^arn:[^:]+:sts::\d{12}:assumed-role\/AWSServiceRoleFor[^/]*\//;

export function isServiceLinkedRole(principal: RequestPrincipal | undefined): boolean {
  return principal?.type === 'AWS' && (ROLE.test(principal.id) || SESSION.test(principal.id));
}
