/**
 * RG010 not-checked: a policy the linter found but cannot read, said with the reason instead of passing
 * silently: a CloudFormation document given by `!Ref` or `!ImportValue`, an SCP whose type is a parameter,
 * a Terraform policy built by an expression it cannot evaluate.
 */
import type { Rule } from '../model';

export const notChecked: Rule = {
  meta: {
    id: 'RG010',
    name: 'not-checked',
    defaultSeverity: 'warning',
    description: 'A policy in the file could not be checked: its value is only known at deployment or built in a way the linter cannot read.',
  },
  checkFile(context) {
    for (const unchecked of context.unchecked) context.report({ range: unchecked.range, message: unchecked.message });
  },
};
