/**
 * RG107: an SCP or RCP Deny aimed at the root principal (`aws:PrincipalArn` like `arn:aws:iam::*:root`)
 * without the `"Null": {"aws:AssumedRoot": "true"}` exemption. In the member account a centralized root
 * access session is that root principal, so the classic "deny root" guardrail also blocks the privileged
 * tasks (audit, delete credentials, unlock bucket or queue policies) for whichever actions it denies.
 */
import type { Rule } from '../model';
import {
  assumedRootApplicability,
  coveredTaskActions,
  describeTaskActionCoverage,
  rootPrincipalMatch,
} from '../semantics/rootSessions';
import { exemptRootSessionsFix } from './rootFixes';
import { forEachStatement } from './visit';

export const rootDenyBlocksRootSessions: Rule = {
  meta: {
    id: 'RG107',
    name: 'root-deny-blocks-root-sessions',
    defaultSeverity: 'warning',
    description: 'An SCP/RCP Deny that matches the root principal without an aws:AssumedRoot exemption also blocks root sessions.',
    appliesTo: ['scp', 'rcp'],
  },
  checkFile(context) {
    forEachStatement(context, (document, statement) => {
      if (statement.effect?.value !== 'Deny') return;
      const match = rootPrincipalMatch(statement);
      if (!match) return;
      // Exempted (root sessions pass) or deliberately aimed at root sessions only: both intended.
      const applies = assumedRootApplicability(statement);
      if (!applies.rootSessions || !applies.otherRequests) return;
      const blocked = coveredTaskActions(statement);
      if (Object.keys(blocked).length === 0) return;
      const fix = exemptRootSessionsFix(document, statement);
      context.report({
        document,
        node: match.entry.key.node,
        message:
          `Denies the root principal (${match.entry.operator.value} "${match.value.value}") without a "Null": {"aws:AssumedRoot": "true"} ` +
          `exemption, so it also blocks centralized root access sessions: ${describeTaskActionCoverage(blocked)}.`,
        fixes: fix ? [{ ...fix, preferred: true }] : [],
      });
    });
  },
};
