/**
 * A role session's ARN drops its role's path (`assumed-role/Ops/alice` for `role/breakglass/Ops`), and
 * `aws:PrincipalArn` holds the role's ARN, path included: the engine assumes the path `/`, which most roles
 * have (principalKeys.ts). Where the policies tell role paths apart (an exemption for
 * `arn:aws:iam::*:role/breakglass/*`), the request is decided at each path they name as well, and an answer
 * that differs between them depends on `aws:PrincipalArn` rather than standing on the assumption.
 */
import { evaluate } from './evaluate';
import { prepareRequest } from './prepare';
import type { Decision, Policy, PolicySet, Request } from './model';
import { assumedRoleArn } from './principalKeys';
import { actionCovered } from './statement';
import { exampleOf } from './wildcards';

/** Role paths taken from the policies beyond which the rest are not tried: each costs a question. */
const MAX_ROLE_PATHS = 8;

/** The role ARNs to decide a request at, and whether some path the policies name was left untried. */
export interface RolePaths {
  arns: string[];
  capped: boolean;
}

/**
 * The ARNs a role session's `aws:PrincipalArn` may hold for `action`: its role at path `/`, then at each path
 * the `aws:PrincipalArn` values of the statements about the action name (`role/breakglass/*` gives
 * `/breakglass/`; `role/security*`, whose star spans a slash, `/securityx/`). None for any other caller, and
 * when no value names a path.
 */
export function rolePathsToTry(principalId: string, policies: Iterable<Policy>, action: string): RolePaths {
  const role = assumedRoleArn(principalId);
  if (!role) return { arns: [], capped: false };
  const nameStart = role.indexOf(':role/') + ':role/'.length;
  const arns = new Set([role]);
  let capped = false;
  for (const policy of policies) {
    for (const statement of policy.statements.filter((s) => actionCovered(s, action))) {
      for (const entry of statement.conditions.filter((e) => e.key.toLowerCase() === 'aws:principalarn')) {
        for (const path of entry.values.flatMap(pathsNamed)) {
          const arn = `${role.slice(0, nameStart)}${path}/${role.slice(nameStart)}`;
          if (arns.has(arn)) continue;
          if (arns.size > MAX_ROLE_PATHS) capped = true;
          else arns.add(arn);
        }
      }
    }
  }
  return { arns: arns.size > 1 ? [...arns] : [], capped };
}

/** The role paths an ARN pattern names (without their slashes): written out before the name, or begun by a star. */
function pathsNamed(value: string): string[] {
  const after = /:role\/(.*)$/.exec(value)?.[1];
  if (after === undefined) return [];
  const filled = (text: string) => exampleOf(text.replace(/\$\{[^}]*\}/g, '*'));
  const written = /^(.+)\/[^/]*$/.exec(after)?.[1];
  const star = after.indexOf('*');
  return [...(written ? [filled(written)] : []), ...(star >= 0 ? [`${filled(after.slice(0, star))}x`] : [])];
}

/**
 * The decision for the request; for a role session whose request does not give `aws:PrincipalArn`, at each
 * role path the policies name: the one at `/` where they agree (and every path was tried), else that one
 * depending on `aws:PrincipalArn`.
 */
export function evaluateAtRolePaths(request: Request, policies: PolicySet): Decision {
  const given = Object.keys(request.context ?? {}).some((key) => key.toLowerCase() === 'aws:principalarn');
  const { arns, capped } = given || request.principal?.type !== 'AWS' ? { arns: [], capped: false } : rolePathsToTry(request.principal.id, policiesOf(policies), request.action);
  if (arns.length === 0) return evaluate(prepareRequest(request), policies);
  const decisions = arns.map((arn) => evaluate(prepareRequest({ ...request, context: { ...request.context, 'aws:PrincipalArn': arn } }), policies));
  const [atRoot] = decisions;
  if (!capped && decisions.every((d) => d.decision === atRoot.decision)) return atRoot;
  return { ...atRoot, dependsOn: [...new Set(['aws:PrincipalArn', ...atRoot.dependsOn])] };
}

function policiesOf(set: PolicySet): Policy[] {
  const { identity, permissionsBoundary, scps, rcps, resource, sessionPolicies, endpointPolicy } = set;
  return [...(identity ?? []), ...(permissionsBoundary ? [permissionsBoundary] : []), ...(scps ?? []).flat(), ...(rcps ?? []).flat(), ...(resource ? [resource] : []), ...(sessionPolicies ?? []), ...(endpointPolicy ? [endpointPolicy] : [])];
}
