import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG206', {
  valid: [
    { name: 'read-only IAM', code: policy(`    { "Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*" }`) },
    { name: 'scoped to one user', code: policy(`    { "Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/ci" }`) },
    { name: 'iam:* is RG202', code: policy(`    { "Effect": "Allow", "Action": "iam:*", "Resource": "*" }`) },
    { name: 'Deny', code: policy(`    { "Effect": "Deny", "Action": "iam:Put*Policy", "Resource": "*" }`) },
    { name: 'permissions boundary is not in the list', code: policy(`    { "Effect": "Allow", "Action": "iam:PutRolePermissionsBoundary", "Resource": "*" }`) },
  ],
  invalid: [
    {
      name: 'the Put*Policy and Attach*Policy families, and named ones',
      code: policy(`    {
      "Effect": "Allow",
      "Action": [
        "iam:Put*Policy",
        "iam:AttachRolePolicy",
        "iam:CreateLoginProfile",
        "iam:UpdateAssumeRolePolicy"
      ],
      "Resource": "*"
    }`),
      errors: [
        { line: 7, message: 'Allows iam:PutUserPolicy, iam:PutGroupPolicy and iam:PutRolePolicy ("iam:Put*Policy") on every resource' },
        { line: 8, message: /^Allows iam:AttachRolePolicy on every resource/ },
        { line: 9, message: 'iam:CreateLoginProfile' },
        { line: 10, message: 'iam:UpdateAssumeRolePolicy' },
      ],
    },
    {
      name: 'a broad verb wildcard: iam:Create*',
      code: policy(`    { "Effect": "Allow", "Action": "iam:Create*", "Resource": "*" }`),
      errors: [{ line: 4, message: 'iam:CreatePolicyVersion, iam:CreateAccessKey and iam:CreateLoginProfile ("iam:Create*")' }],
    },
  ],
});
