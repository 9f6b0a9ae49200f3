import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG205', {
  valid: [
    { name: 'every user is no role to pass', code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:user/*" }`) },
    { name: 'every bucket neither', code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:s3:::*" }`) },
    {
      name: 'a Deny of iam:PassRole in the same policy takes it back',
      code: policy(`    { "Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*" },
    { "Effect": "Deny", "Action": "iam:PassRole", "Resource": "*" }`),
    },
    { name: 'named roles', code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-lambda" }`) },
    { name: 'iam:* is RG202', code: policy(`    { "Effect": "Allow", "Action": ["iam:*", "*"], "Resource": "*" }`) },
    { name: 'other IAM actions', code: policy(`    { "Effect": "Allow", "Action": "iam:Get*", "Resource": "*" }`) },
    { name: 'Deny', code: policy(`    { "Effect": "Deny", "Action": "iam:PassRole", "Resource": "*" }`) },
    {
      name: 'iam:PassedToService names the services',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "*",
      "Condition": { "StringEquals": { "iam:PassedToService": ["lambda.amazonaws.com", "states.amazonaws.com"] } }
    }`),
    },
    {
      name: 'iam:PassedToService with StringLikeIfExists, key miscased',
      code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringLikeIfExists": { "IAM:passedToService": "ec2.amazonaws.com*" } } }`),
    },
  ],
  invalid: [
    {
      name: "every role of the policy's own account, the only one whose roles it passes",
      code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::\${aws:PrincipalAccount}:role/*" }`),
      errors: [{ line: 4, message: 'allows iam:PassRole on every role' }],
    },
    {
      name: 'every role but one, by NotResource',
      code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole" }`),
      errors: [{ line: 4, message: 'allows iam:PassRole on every role' }],
    },
    { name: 'role* is every role, paths too', code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role*" }`), errors: [{ line: 4, message: 'allows iam:PassRole on every role' }] },
    {
      name: 'a Deny of some roles leaves every other role',
      code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" },
    { "Effect": "Deny", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/admin-*" }`),
      errors: [{ line: 4, message: '"iam:PassRole" allows iam:PassRole on every role' }],
    },
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
    {
      name: 'a pattern every service matches names none: *.amazonaws.com',
      code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringLike": { "iam:PassedToService": "*.amazonaws.com" } } }`),
      errors: [{ line: 4, message: 'allows iam:PassRole on every role' }],
    },
    {
      name: 'a negated iam:PassedToService still lets every other service have the role',
      code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringNotEquals": { "iam:PassedToService": "ec2.amazonaws.com" } } }`),
      errors: [{ line: 4, message: 'limit iam:PassedToService' }],
    },
    {
      name: 'iam:PassedToService of only a wildcard names no service',
      code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringLike": { "iam:PassedToService": "*" } } }`),
      errors: [{ line: 4 }],
    },
    {
      name: 'a condition on another key does not limit the services',
      code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringEquals": { "aws:RequestedRegion": "eu-west-1" } } }`),
      errors: [{ line: 4 }],
    },
  ],
});
