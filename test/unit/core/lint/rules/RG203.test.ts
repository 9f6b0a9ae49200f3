import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG203', {
  valid: [
    { name: 'Action', code: policy(`    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }`) },
    { name: 'Deny with NotAction is the usual guardrail', code: policy(`    { "Effect": "Deny", "NotAction": "iam:*", "Resource": "*" }`) },
    { name: 'SCP', type: 'scp', code: policy(`    { "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }`) },
  ],
  invalid: [
    {
      name: 'NotAction that leaves sts:AssumeRoot in',
      code: policy(`    {
      "Effect": "Allow",
      "NotAction": ["iam:*", "organizations:*"],
      "Resource": "*"
    }`),
      errors: [{ line: 6, column: 7, message: 'every action but the 2 listed ones, future actions, sts:AssumeRoot included' }],
    },
    {
      name: 'NotAction that excludes it, in a resource policy',
      type: 'resource',
      code: policy(`    { "Effect": "Allow", "Principal": "*", "NotAction": "sts:*", "Resource": "*" }`),
      errors: [{ line: 4, message: /^Allow with NotAction grants every action but the 1 listed one, future actions\. / }],
    },
    {
      name: 'a bucket policy: sts:AssumeRoot is no action on a bucket',
      type: 'resource',
      code: policy(`    { "Effect": "Allow", "Principal": "*", "NotAction": "s3:DeleteObject", "Resource": "arn:aws:s3:::reports/*" }`),
      errors: [{ line: 4, message: /^Allow with NotAction grants every action but the 1 listed one, future actions\. / }],
    },
    {
      name: 'an identity policy on resources no root user is: no root session',
      code: policy(`    { "Effect": "Allow", "NotAction": "s3:DeleteObject", "Resource": "arn:aws:s3:::reports/*" }`),
      errors: [{ line: 4, message: /^Allow with NotAction grants every action but the 1 listed one, future actions\. / }],
    },
  ],
});
