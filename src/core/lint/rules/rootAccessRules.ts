/** Rules about what a policy permits around sts:AssumeRoot and root sessions (RG1xx). */
import type { Rule } from '../model';
import { assumeRootUnscoped } from './RG101-assume-root-unscoped';
import { createRootPasswordUnscoped } from './RG102-create-root-password-unscoped';
import { taskPolicyArnInvalid } from './RG103-task-policy-arn-invalid';
import { taskPolicyWildcard } from './RG104-task-policy-wildcard';
import { taskPolicyNegated } from './RG105-task-policy-negated';
import { taskPolicyIfExists } from './RG106-task-policy-if-exists';
import { rootDenyBlocksRootSessions } from './RG107-root-deny-blocks-root-sessions';
import { assumedRootKeyMisuse } from './RG108-assumed-root-key-misuse';
import { disablesRootGuardrails } from './RG109-disables-root-guardrails';
import { missingRootPasswordGuardrail } from './RG110-missing-root-password-guardrail';

export const ROOT_ACCESS_RULES: Rule[] = [
  assumeRootUnscoped,
  createRootPasswordUnscoped,
  taskPolicyArnInvalid,
  taskPolicyWildcard,
  taskPolicyNegated,
  taskPolicyIfExists,
  rootDenyBlocksRootSessions,
  assumedRootKeyMisuse,
  disablesRootGuardrails,
  missingRootPasswordGuardrail,
];
