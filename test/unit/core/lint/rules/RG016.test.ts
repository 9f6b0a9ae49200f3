import assert from 'node:assert/strict';
import { lintFiles } from '../../../../../src/core/lint/linter';
import { ruleTester } from '../ruleTester';
import { policy, task } from './caseText';

const twoBlocks = `    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "StringEquals": { "sts:TaskPolicyArn": "${task('IAMAuditRootUserCredentials')}" },
        "StringEquals": { "aws:PrincipalOrgID": "o-abc" }
      }
    }`;

ruleTester('RG016', {
  valid: [
    { name: 'every key once', code: policy(`    { "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*" }`) },
    {
      name: 'the same key in two objects',
      code: policy(`    { "Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*" },\n    { "Sid": "B", "Effect": "Deny", "Action": "s3:*", "Resource": "*" }`),
    },
    { name: 'keys differing in case are two keys', code: policy(`    { "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": { "StringEquals": { "aws:ResourceTag/env": "x", "aws:ResourceTag/Env": "y" } } }`) },
  ],
  invalid: [
    {
      name: 'two StringEquals blocks in a Condition: the first is reported, naming where the second is',
      code: policy(twoBlocks),
      errors: [{ line: 9, column: 9, message: '"StringEquals" is given again at line 10, column 9: parsers keep only the last one' }],
      fix: {
        title: 'Merge into the later "StringEquals" (all of its keys then apply)',
        output: policy(twoBlocks.replace(`"StringEquals": { "sts:TaskPolicyArn": "${task('IAMAuditRootUserCredentials')}" },\n        "StringEquals": { "aws:PrincipalOrgID"`, `"StringEquals": { "sts:TaskPolicyArn": "${task('IAMAuditRootUserCredentials')}", "aws:PrincipalOrgID"`)),
      },
    },
    {
      name: 'with other blocks before and between the two',
      code: policy(`    { "Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": { "Null": { "aws:PrincipalTag/team": "false" }, "Bool": { "aws:SecureTransport": "true" }, "StringEquals": { "aws:ResourceTag/env": "prod" }, "Bool": { "aws:ViaAWSService": "false" } } }`),
      errors: [{ line: 4, column: 122 }],
      fix: { output: policy(`    { "Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": { "Null": { "aws:PrincipalTag/team": "false" }, "StringEquals": { "aws:ResourceTag/env": "prod" }, "Bool": { "aws:SecureTransport": "true", "aws:ViaAWSService": "false" } } }`) },
    },
    {
      name: 'into an empty block',
      code: policy(`    { "Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "true" }, "Bool": {} } }`),
      errors: [{ line: 4, column: 76 }],
      fix: { output: policy(`    { "Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "true" } } }`) },
    },
    {
      name: 'two blocks in a Deny: no merge, which would make the Deny apply only where both hold',
      type: 'scp',
      code: policy(`    { "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": { "StringNotEquals": { "aws:PrincipalOrgID": "o-abc" }, "StringNotEquals": { "aws:ResourceOrgID": "o-abc" } } }`),
      errors: [
        {
          line: 4,
          message: 'Merged into one "StringNotEquals", the Deny would apply only where both hold; to deny where either does, write two statements.',
          fixes: [],
        },
      ],
    },
    {
      name: 'two Conditions in a Deny: no merge either',
      type: 'scp',
      code: policy(`    { "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": { "StringNotEquals": { "aws:PrincipalOrgID": "o-abc" } }, "Condition": { "Bool": { "aws:SecureTransport": "false" } } }`),
      errors: [{ line: 4, fixes: [] }],
    },
    {
      name: 'two Principals: no merge, which would grant the principals of both',
      type: 'resource',
      code: policy(`    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Principal": { "Service": "cloudfront.amazonaws.com" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket/*" }`),
      errors: [{ line: 4, message: 'Merge the two into one "Principal".', fixes: [] }],
    },
    {
      name: 'a key given three times: each but the last',
      code: policy(`    { "Effect": "Deny", "Action": "s3:*", "Action": "iam:*", "Action": "sts:*", "Resource": "*" }`),
      errors: [
        { line: 4, column: 25, message: '"Action" is given again at line 4, column 62' },
        { line: 4, column: 43, message: '"Action" is given again at line 4, column 62' },
      ],
    },
    {
      name: 'in a large object, read through the map',
      code: policy(`    { "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": { "StringEquals": { ${Array.from({ length: 20 }, (_, i) => `"aws:ResourceTag/k${i}": "v"`).join(', ')}, "aws:ResourceTag/k3": "w" } } }`),
      errors: [{ line: 4, message: '"aws:ResourceTag/k3" is given again' }],
    },
    {
      name: 'in a policy written as a JSON string (a permission set\'s InlinePolicy), the merge written escaped',
      type: 'permission-set',
      code: `{\n  "Name": "ops",\n  "InlinePolicy": ${JSON.stringify('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "prod"}, "StringEquals": {"aws:PrincipalTag/team": "red"}}}]}')}\n}`,
      errors: [{ line: 3, message: '"StringEquals" is given again' }],
      fix: {
        output: `{\n  "Name": "ops",\n  "InlinePolicy": ${JSON.stringify('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "prod", "aws:PrincipalTag/team": "red"}}}]}')}\n}`,
      },
    },
    {
      name: 'in a policy written as a JSON string (a permission set\'s InlinePolicy)',
      type: 'permission-set',
      code: `{\n  "Name": "ops",\n  "InlinePolicy": ${JSON.stringify('{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}')}\n}`,
      errors: [{ line: 3, message: '"Effect" is given again at line 3, column 89' }],
    },
    {
      name: 'in a CloudFormation template\'s PolicyDocument',
      type: 'cloudformation',
      code: '{\n  "Resources": {\n    "P": {\n      "Type": "AWS::IAM::ManagedPolicy",\n      "Properties": {\n        "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Resource": "arn:aws:s3:::logs"}]}\n      }\n    }\n  }\n}',
      errors: [{ line: 6, message: '"Resource" is given again at line 6' }],
    },
  ],
});

describe('RG016 offers no merge it cannot be sure of', () => {
  const fixesOf = (code: string, path = 'case.json') => lintFiles([{ path, text: code, type: path.endsWith('.json') ? 'identity' : undefined }])[0].findings.filter((f) => f.ruleId === 'RG016').map((f) => f.fixes.length);
  it('two blocks that share a key: which value is meant is the author\'s to say', () => {
    assert.deepEqual(fixesOf(policy(`    { "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a" }, "StringEquals": { "aws:PrincipalOrgID": "o-b" } } }`)), [0]);
  });
  it('two values that are no objects: Effect, Action', () => {
    assert.deepEqual(fixesOf(policy(`    { "Effect": "Deny", "Effect": "Allow", "Action": "s3:*", "Action": "iam:*", "Resource": "*" }`)), [0, 0]);
  });
  it('in YAML, where the linter cannot write it', () => {
    const yaml = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Deny\n            Action: s3:*\n            Resource: "*"\n            Condition:\n              StringEquals: {aws:ResourceTag/env: prod}\n              StringEquals: {aws:PrincipalTag/team: red}\n';
    assert.deepEqual(fixesOf(yaml, 't.yaml'), [0]);
  });
});
