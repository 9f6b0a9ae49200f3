/**
 * Where the organization's policies do not reach: SCPs limit no service principal, no service-linked role and
 * nothing of the management account; RCPs limit some services only, no service-linked role and no resource
 * of the management account.
 */
import type { PolicySet } from './model';
import { rcpsGovern } from './rcpServices';
import { outsideRcps, outsideScps } from './serviceLinkedRoles';
import { type PreparedRequest, accountOf } from './statement';

/**
 * Why no SCP limits the request, or undefined when they do: SCPs limit no service principal, no
 * service-linked role (serviceLinkedRoles.ts) and nothing of the management account.
 */
export function scpsExempt(request: PreparedRequest, policies: Pick<PolicySet, 'managementAccount'>): 'principal' | 'managementAccount' | undefined {
  if (outsideScps(request.principal)) return 'principal';
  const inManagement = policies.managementAccount !== undefined && request.context.get('aws:principalaccount')?.[0] === policies.managementAccount;
  return inManagement ? 'managementAccount' : undefined;
}

/**
 * Why no RCP limits the request, or undefined when they do: RCPs limit the requests of some services only
 * (rcpServices.ts), no service-linked role's (serviceLinkedRoles.ts), and no resource of the management
 * account. A resource whose account is not known (a bucket's ARN names none) is the caller's, as everywhere
 * (withResourceAccount says when that matters).
 */
export function rcpsExempt(request: PreparedRequest, policies: Pick<PolicySet, 'managementAccount'>): 'service' | 'principal' | 'managementAccount' | undefined {
  if (!rcpsGovern(request.action)) return 'service';
  if (outsideRcps(request.principal, request.action, request.resource)) return 'principal';
  const owner = resourceAccountOf(request) ?? request.context.get('aws:principalaccount')?.[0];
  const inManagement = policies.managementAccount !== undefined && owner === policies.managementAccount;
  return inManagement ? 'managementAccount' : undefined;
}

/** The resource's account, as the request gives it or its ARN names it; undefined for a bucket's ARN alone. */
export function resourceAccountOf(request: PreparedRequest): string | undefined {
  return request.context.get('aws:resourceaccount')?.[0] ?? accountOf(request.resource);
}
