/**
 * A role session's ARN drops its role's path (`assumed-role/Ops/alice` for `role/breakglass/Ops`), and
 * `aws:PrincipalArn` holds the role's ARN, path included: the engine assumes the path `/`, which most roles
 * have (principalKeys.ts). Where the policies tell role paths apart (an exemption for
 * `arn:aws:iam::*:role/breakglass/*`), the request is decided at each path they name as well, and an answer
 * that differs between them depends on `aws:PrincipalArn` rather than standing on the assumption.
 */
import { evaluate, prepareRequest } from './evaluate';
import type { Decision, Policy, PolicySet, Request } from './model';
import { assumedRoleArn } from './principalKeys';
import { exampleOf } from './wildcards';

/** Role paths taken from the policies beyond which the rest are not tried: each costs a question. */
const MAX_ROLE_PATHS = 8;

/**
 * The ARNs a role session's `aws:PrincipalArn` may hold: its role at path `/`, then at each path the policies'
 * `aws:PrincipalArn` values name (`role/breakglass/*` gives `/breakglass/`). Empty for any other caller, and
 * when no value names a path.
 */
export function rolePathsToTry(principalId: string, policies: Iterable<Policy>): string[] {
  const role = assumedRoleArn(principalId);
  if (!role) return [];
  const nameStart = role.indexOf(':role/') + ':role/'.length;
  const arns = new Set([role]);
  for (const policy of policies) {
    for (const entry of policy.statements.flatMap((statement) => statement.conditions)) {
      if (entry.key.toLowerCase() !== 'aws:principalarn') continue;
      for (const value of entry.values) {
        const path = /:role\/(.+)\/[^/]*$/.exec(value)?.[1];
        if (path === undefined || arns.size > MAX_ROLE_PATHS) continue;
        arns.add(`${role.slice(0, nameStart)}${exampleOf(path.replace(/\$\{[^}]*\}/g, '*'))}/${role.slice(nameStart)}`);
      }
    }
  }
  return arns.size > 1 ? [...arns] : [];
}

/**
 * The decision for the request; for a role session whose request does not give `aws:PrincipalArn`, at each
 * role path the policies name: the one at `/` where they agree, else that one depending on `aws:PrincipalArn`.
 */
export function evaluateAtRolePaths(request: Request, policies: PolicySet): Decision {
  const given = Object.keys(request.context ?? {}).some((key) => key.toLowerCase() === 'aws:principalarn');
  const arns = given || request.principal?.type !== 'AWS' ? [] : rolePathsToTry(request.principal.id, policiesOf(policies));
  if (arns.length === 0) return evaluate(prepareRequest(request), policies);
  const decisions = arns.map((arn) => evaluate(prepareRequest({ ...request, context: { ...request.context, 'aws:PrincipalArn': arn } }), policies));
  const [atRoot] = decisions;
  if (decisions.every((d) => d.decision === atRoot.decision)) return atRoot;
  return { ...atRoot, dependsOn: [...new Set(['aws:PrincipalArn', ...atRoot.dependsOn])] };
}

function policiesOf(set: PolicySet): Policy[] {
  const { identity, permissionsBoundary, scps, rcps, resource, sessionPolicies, endpointPolicy } = set;
  return [...(identity ?? []), ...(permissionsBoundary ? [permissionsBoundary] : []), ...(scps ?? []).flat(), ...(rcps ?? []).flat(), ...(resource ? [resource] : []), ...(sessionPolicies ?? []), ...(endpointPolicy ? [endpointPolicy] : [])];
}
