import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG206', {
  valid: [
    { name: "a role's policy is not among every user's resources", code: policy(`    { "Effect": "Allow", "Action": ["iam:PutRolePolicy", "iam:AttachRolePolicy"], "Resource": "arn:aws:iam::*:user/*" }`) },
    {
      name: 'a Deny in the same policy takes the escalation action back',
      code: policy(`    { "Effect": "Allow", "Action": ["iam:CreatePolicyVersion", "s3:GetObject"], "Resource": "*" },
    { "Effect": "Deny", "Action": "iam:CreatePolicyVersion", "Resource": "*" }`),
    },
    {
      name: 'a Deny of lambda:CreateFunction closes both Lambda paths',
      code: policy(`    { "Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction", "lambda:CreateEventSourceMapping"], "Resource": "*" },
    { "Effect": "Deny", "Action": "lambda:CreateFunction", "Resource": "*" }`),
    },
    { name: 'read-only IAM', code: policy(`    { "Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*" }`) },
    { name: 'scoped to one user', code: policy(`    { "Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/ci" }`) },
    { name: 'iam:* is RG202', code: policy(`    { "Effect": "Allow", "Action": "iam:*", "Resource": "*" }`) },
    { name: 'Deny', code: policy(`    { "Effect": "Deny", "Action": "iam:Put*Policy", "Resource": "*" }`) },
    { name: 'permissions boundary is not in the list', code: policy(`    { "Effect": "Allow", "Action": "iam:PutRolePermissionsBoundary", "Resource": "*" }`) },
    {
      name: 'PassRole on named roles with Lambda create and invoke',
      code: policy(`    { "Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "arn:aws:iam::111122223333:role/app-*" }`),
    },
    {
      name: 'PassRole on every role, but only to ECS tasks, with EC2 launches',
      code: policy(`    { "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*" },
    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringEquals": { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } }`),
    },
    { name: 'Lambda create without invoke or trigger', code: policy(`    { "Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction"], "Resource": "*" }`), },
  ],
  invalid: [
    {
      name: 'PassRole limited to Lambda ignoring case still opens the Lambda path',
      code: policy(`    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringEqualsIgnoreCase": { "iam:PassedToService": "Lambda.amazonaws.com" } } },
    { "Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*" }`),
      errors: [{ line: 4, message: 'iam:PassRole on every role ("iam:PassRole") is a path to privilege escalation' }],
    },
    {
      name: "every user's resources: the user escalation actions only",
      code: policy(`    { "Effect": "Allow", "Action": ["iam:PutRolePolicy", "iam:PutUserPolicy"], "Resource": "arn:aws:iam::*:user/*" }`),
      errors: [{ line: 4, message: 'Allows iam:PutUserPolicy on every resource' }],
    },
    {
      name: 'a Deny that depends on MFA leaves the path open',
      code: policy(`    { "Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*" },
    { "Effect": "Deny", "Action": "lambda:CreateFunction", "Resource": "*", "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } } }`),
      errors: [{ line: 4, message: 'iam:PassRole on every role ("iam:PassRole") is a path to privilege escalation with lambda:CreateFunction and lambda:InvokeFunction' }],
    },
    {
      name: 'PassRole on every role with Lambda create and invoke, across statements, reported once',
      code: policy(`    { "Effect": "Allow", "Action": "lambda:*", "Resource": "*" },
    { "Effect": "Allow", "Action": ["iam:Get*", "iam:PassRole"], "Resource": "*" }`),
      errors: [{ line: 5, message: 'iam:PassRole on every role ("iam:PassRole") is a path to privilege escalation with lambda:CreateFunction and lambda:InvokeFunction to create a Lambda function with any role and invoke it.' }],
    },
    {
      name: 'PassedToService naming the very service of the path',
      code: policy(`    { "Effect": "Allow", "Action": "ec2:Run*", "Resource": "*" },
    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringLike": { "iam:PassedToService": "ec2.amazon*" } } }`),
      errors: [{ line: 5, message: 'launch an instance with any role' }],
    },
    {
      name: 'several paths through one grant: one finding that names them all',
      code: policy(`    { "Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances", "cloudformation:CreateStack"], "Resource": "*" }`),
      errors: [{ line: 4, message: /with ec2:RunInstances to launch an instance with any role and use its credentials; with cloudformation:CreateStack to create a stack/ }],
    },
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
