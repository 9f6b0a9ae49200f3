/** Rules about what a policy permits around sts:AssumeRoot and root sessions (RG1xx). */
import type { Rule } from '../model';
import { assumeRootUnscoped } from './RG101-assume-root-unscoped';
import { createRootPasswordUnscoped } from './RG102-create-root-password-unscoped';
import { taskPolicyArnInvalid } from './RG103-task-policy-arn-invalid';

export const ROOT_ACCESS_RULES: Rule[] = [assumeRootUnscoped, createRootPasswordUnscoped, taskPolicyArnInvalid];
