/** Rules about what a policy permits around sts:AssumeRoot and root sessions (RG1xx). */
import type { Rule } from '../model';

export const ROOT_ACCESS_RULES: Rule[] = [];
