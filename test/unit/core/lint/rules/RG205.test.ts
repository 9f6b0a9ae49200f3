import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG205', {
  valid: [
    { name: 'named roles', code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-lambda" }`) },
    { name: 'iam:* is RG202', code: policy(`    { "Effect": "Allow", "Action": ["iam:*", "*"], "Resource": "*" }`) },
    { name: 'other IAM actions', code: policy(`    { "Effect": "Allow", "Action": "iam:Get*", "Resource": "*" }`) },
    { name: 'Deny', code: policy(`    { "Effect": "Deny", "Action": "iam:PassRole", "Resource": "*" }`) },
  ],
  invalid: [
    {
      name: 'iam:PassRole on *, miscased',
      code: policy(`    {
      "Effect": "Allow",
      "Action": ["ec2:RunInstances", "iam:passrole"],
      "Resource": "*"
    }`),
      errors: [{ line: 6, message: '"iam:passrole" allows iam:PassRole on every role' }],
    },
    {
      name: 'iam:Pass* on every role of every account',
      code: policy(`    { "Effect": "Allow", "Action": "iam:Pass*", "Resource": "arn:aws:iam::*:role/*" }`),
      errors: [{ line: 4 }],
    },
  ],
});
