/**
 * RG205: `iam:PassRole` on every role: the holder can hand any role, administrator roles included, to a
 * service (EC2, Lambda, CloudFormation...) and act with its permissions. A condition on
 * `iam:PassedToService` that names the services already limits it, and gets no finding. Which values grant
 * iam:PassRole asks the engine: one known only in part (`iam:Pass${var.action}`) may, and is reported as such.
 */
import { parseConditionOperator } from '../conditions';
import { globMatches } from '../../policy/wildcards';
import { actionServiceUnknown, actionValueCovers, actionValueCoversService } from '../../policy';
import type { Located, Rule, Statement } from '../model';
import { deniedInPolicy } from '../semantics/deniedInPolicy';
import { coversAllResources } from '../semantics/resources';
import { forEachAllow } from './visit';

export const passRoleWildcard: Rule = {
  meta: {
    id: 'RG205',
    name: 'pass-role-wildcard',
    defaultSeverity: 'warning',
    description: 'iam:PassRole on *.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      // `*` and `iam:*` (or a value that may be it) are reported by RG201/RG202, NotAction by RG203. The grants
      // first: few statements grant iam:PassRole, and whether the resources reach every role asks the engine.
      const grants = passRoleGrants(statement);
      if (grants.length === 0 || !coversAllResources(statement, 'iam', 'role') || limitsPassedToService(statement) || deniedInPolicy(document, 'iam:PassRole')) return;
      const advice = 'any role can be handed to a service and used. Name the roles in Resource, or limit iam:PassedToService to the services that need them.';
      for (const { pattern, surely } of grants) {
        context.report({
          document,
          node: pattern.node,
          message: surely
            ? `"${pattern.value}" allows iam:PassRole on every role: ${advice}`
            : `"${pattern.value}" is known only in part before deployment: it may allow iam:PassRole on every role, and then ${advice}`,
        });
      }
    });
  },
};

/**
 * The Action values that grant iam:PassRole, surely or (a part known only at deployment) maybe, without
 * covering the whole of IAM, which is RG202's; a value whose service is unknown is RG010's.
 */
function passRoleGrants(statement: Statement): Array<{ pattern: Located<string>; surely: boolean }> {
  if (!statement.action || statement.action.negated) return [];
  const grants: Array<{ pattern: Located<string>; surely: boolean }> = [];
  for (const pattern of statement.action.values) {
    const covers = actionValueCovers(pattern.value, 'iam:PassRole');
    if (covers === 'no' || actionServiceUnknown(pattern.value) || actionValueCoversService(pattern.value, 'iam') !== 'no') continue;
    grants.push({ pattern, surely: covers === 'surely' });
  }
  return grants;
}

/** A service no one runs: a condition value that matches it names no service in particular (`*`, `*.amazonaws.com`). */
const UNNAMED_SERVICE = 'rootguard-probe.amazonaws.com';

/**
 * True when a condition names the services the role may be passed to (`StringEquals`/`StringLike`
 * `iam:PassedToService`, with or without `IfExists`: IAM sets the key on every PassRole). A negated
 * operator still lets the role go to every other service, and a pattern any service matches names none.
 */
function limitsPassedToService(statement: Statement): boolean {
  return statement.conditions.some((entry) => {
    if (entry.key.value.toLowerCase() !== 'iam:passedtoservice') return false;
    const operator = parseConditionOperator(entry.operator.value);
    if (!operator || operator.family !== 'String' || operator.negated || operator.set === 'ForAllValues') return false;
    const matchesAnyService = (value: string) => (operator.like ? globMatches(value, UNNAMED_SERVICE, operator.ignoreCase) : value === UNNAMED_SERVICE);
    return entry.values.length > 0 && !entry.values.some((v) => matchesAnyService(v.value));
  });
}
