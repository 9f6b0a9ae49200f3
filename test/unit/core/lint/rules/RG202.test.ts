import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG202', {
  valid: [
    {
      name: "a service's wildcard reaches only that service's resources: iam:* on every bucket grants nothing",
      code: policy(`    { "Effect": "Allow", "Action": ["iam:*", "sts:*"], "Resource": "arn:aws:s3:::*" }`),
    },
    {
      name: 'a Deny of the whole service in the same policy takes it back',
      code: policy(`    { "Effect": "Allow", "Action": ["iam:*", "s3:*"], "Resource": "*" },
    { "Effect": "Deny", "Action": "iam:*", "Resource": "*" }`),
    },
    { name: 'named IAM actions', code: policy(`    { "Effect": "Allow", "Action": ["iam:Get*", "sts:AssumeRole"], "Resource": "*" }`) },
    { name: 'other services', code: policy(`    { "Effect": "Allow", "Action": ["s3:*", "ec2:*"], "Resource": "*" }`) },
    { name: 'a narrower resource', code: policy(`    { "Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::111122223333:role/app-*" }`) },
    { name: '* without condition is RG201', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" }`) },
    { name: 'Deny', code: policy(`    { "Effect": "Deny", "Action": "iam:*", "Resource": "*" }`) },
    { name: 'NotAction is RG203', code: policy(`    { "Effect": "Allow", "NotAction": "s3:*", "Resource": "*" }`) },
  ],
  invalid: [
    {
      name: "organizations:* on the service's own ARN wildcard, which has no Region",
      code: policy(`    { "Effect": "Allow", "Action": "organizations:*", "Resource": "arn:aws:organizations::*:*" }`),
      errors: [{ line: 4, message: 'allows every action of organizations:* on every resource' }],
    },
    {
      name: 'a Deny of some of the service leaves the rest',
      code: policy(`    { "Effect": "Allow", "Action": "iam:*", "Resource": "*" },
    { "Effect": "Deny", "Action": "iam:Delete*", "Resource": "*" }`),
      errors: [{ line: 4, message: '"iam:*" allows every action of iam:* on every resource' }],
    },
    {
      name: 'one per sensitive pattern, miscased',
      code: policy(`    {
      "Effect": "Allow",
      "Action": [
        "IAM:*",
        "s3:*",
        "organizations:*",
        "account:*",
        "sts:*"
      ],
      "Resource": "*"
    }`),
      errors: [
        { line: 7, message: '"IAM:*" allows every action of iam:* on every resource' },
        { line: 9, message: 'organizations:*' },
        { line: 10, message: 'account:*' },
        { line: 11, message: 'sts:*' },
      ],
    },
    {
      name: "* with a condition still grants them all; an IAM ARN wildcard is every resource IAM's and STS's actions act on",
      code: policy(`    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "arn:aws:iam::*:*",
      "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } }
    }`),
      errors: [{ line: 6, message: '"*" allows every action of iam:* and sts:* on every resource.' }],
    },
    {
      name: 'arn:* is every resource',
      code: policy(`    { "Effect": "Allow", "Action": "iam:*", "Resource": "arn:*" }`),
      errors: [{ line: 4, message: '"iam:*" allows every action of iam:* on every resource.' }],
    },
  ],
});
