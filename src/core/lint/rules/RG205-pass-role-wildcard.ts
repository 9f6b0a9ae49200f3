/**
 * RG205: `iam:PassRole` on every role: the holder can hand any role, administrator roles included, to a
 * service (EC2, Lambda, CloudFormation...) and act with its permissions. A condition on
 * `iam:PassedToService` that names the services already limits it, and gets no finding.
 */
import { parseConditionOperator } from '../conditions';
import { globMatches } from '../../policy/wildcards';
import type { Rule, Statement } from '../model';
import { deniedInPolicy } from '../semantics/deniedInPolicy';
import { narrowGrants } from '../semantics/grants';
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
      // `*` and `iam:*` are reported by RG201/RG202, NotAction by RG203. The grants first: few statements
      // grant iam:PassRole, and whether the resources reach every role asks the engine.
      const grants = narrowGrants(statement, ['iam:PassRole']);
      if (grants.length === 0 || !coversAllResources(statement, 'iam', 'role') || limitsPassedToService(statement) || deniedInPolicy(document, 'iam:PassRole')) return;
      for (const { pattern } of grants) {
        context.report({
          document,
          node: pattern.node,
          message: `"${pattern.value}" allows iam:PassRole on every role: any role can be handed to a service and used. Name the roles in Resource, or limit iam:PassedToService to the services that need them.`,
        });
      }
    });
  },
};

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
