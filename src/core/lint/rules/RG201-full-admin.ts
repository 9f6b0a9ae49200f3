/**
 * RG201: `Allow` of every action on every resource with no condition: full administrator access. The
 * message names what is most at stake, sts:AssumeRoot and IAM, only while the whole policy still allows
 * it: a Deny in the same policy may take either out (asked of the engine). Attaching an AWS managed policy
 * that grants so (AdministratorAccess) by its ARN is the same grant.
 */
import type { PolicyDocument, Rule } from '../model';
import { coversEveryAction } from '../semantics/grants';
import { deniedInPolicy } from '../semantics/deniedInPolicy';
import { coversEveryResource, hasCondition } from '../semantics/resources';
import { fullAdminManagedPolicy } from '../../policy';
import { effectiveGrant } from './rootGrant';
import { forEachAllow } from './visit';

/** The IAM call that stands for "IAM": with it the holder can rewrite a policy, this one's Deny included. */
const REWRITE_POLICY_ACTION = 'iam:CreatePolicyVersion';

export const fullAdmin: Rule = {
  meta: {
    id: 'RG201',
    name: 'full-admin',
    defaultSeverity: 'error',
    description: 'Allow * on * without condition.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      if (statement.action?.negated || hasCondition(statement)) return;
      // The action first: few statements allow every action, and the question about their resources asks the engine.
      const pattern = statement.action?.values.find((v) => coversEveryAction(v.value));
      if (!pattern || !coversEveryResource(statement)) return;
      context.report({
        document,
        node: pattern.node,
        message: `Allows every action on every resource without condition: full administrator access${whatIsIncluded(document)}`,
      });
    });
    // An AWS managed policy attached by ARN grants as its document does, though the file writes only the ARN.
    for (const attached of context.attachedPolicies ?? []) {
      const name = fullAdminManagedPolicy(attached.arn);
      if (!name) continue;
      const construct = attached.definedIn ? `${attached.definedIn}: ` : '';
      context.report({
        range: attached.range,
        message: `${construct}Attaches the AWS managed policy ${name}, which allows every action on every resource without condition: full administrator access, sts:AssumeRoot and IAM included.`,
      });
    }
  },
};

/** The end of the message: sts:AssumeRoot and IAM as far as the policy's own Deny statements leave them. */
function whatIsIncluded(document: PolicyDocument): string {
  const rootSessions = effectiveGrant(document).length > 0;
  const iam = !deniedInPolicy(document, REWRITE_POLICY_ACTION);
  if (rootSessions) return iam ? ', sts:AssumeRoot and IAM included.' : ', sts:AssumeRoot included.';
  if (iam) return ', IAM included. Its Deny statements keep sts:AssumeRoot out, but with IAM the holder can rewrite this policy.';
  return '.';
}
