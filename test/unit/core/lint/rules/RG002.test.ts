import { ruleTester } from '../ruleTester';

/** A policy with one statement, written on one line so that the statement is on line 3. */
const withStatement = (statement: string) => `{\n  "Version": "2012-10-17", "Statement": [\n    ${statement}\n  ]\n}`;
const allow = '"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"';

ruleTester('RG002', {
  valid: [
    { name: 'an RCP as Organizations takes it', type: 'rcp', code: withStatement(`{ "Effect": "Deny", "Principal": "*", "Action": "s3:*", "NotResource": "arn:aws:s3:::logs/*", "Condition": { "StringNotEqualsIfExists": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }`) },
    { name: 'a complete identity statement', code: withStatement(`{ "Sid": "A", ${allow}, "Condition": { "Bool": { "aws:SecureTransport": true }, "NumericLessThan": { "s3:max-keys": [10, "20"] } } }`) },
    { name: 'Statement as one object', code: `{"Version": "2012-10-17", "Statement": { ${allow} }}` },
    { name: 'an SCP statement without Resource', type: 'scp', code: withStatement('{ "Effect": "Deny", "Action": "iam:*" }') },
    { name: 'a trust policy without Resource', type: 'resource', code: withStatement('{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }') },
    { name: 'an RCP', type: 'rcp', code: withStatement('{ "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*" }') },
    {
      name: 'CloudFormation intrinsic functions inside a policy',
      type: 'cloudformation',
      code: JSON.stringify({
        Resources: {
          P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: [{ 'Fn::Sub': 'arn:aws:s3:::${B}' }, { Ref: 'Arn' }] }] } } },
          Q: {
            Type: 'AWS::IAM::Policy',
            Properties: { PolicyDocument: { 'Fn::If': ['C', { Statement: [{ Effect: 'Deny', Action: '*', Resource: { 'Fn::GetAtt': ['B', 'Arn'] } }] }, { Ref: 'AWS::NoValue' }] } },
          },
        },
      }),
    },
    { name: 'a permission set without inline policy', type: 'permission-set', code: '{"ManagedPolicies": [], "InlinePolicy": ""}' },
  ],
  invalid: [
    {
      name: 'an RCP with NotAction, NotPrincipal, or a Principal other than "*": Organizations rejects each',
      type: 'rcp',
      code: withStatement(`{ "Effect": "Deny", "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:root" }, "NotAction": "s3:GetObject", "Resource": "*" },
    { "Effect": "Deny", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "s3:*", "Resource": "*" }`),
      errors: [
        { line: 3, message: 'RCPs do not support NotPrincipal: Organizations rejects the policy.' },
        { line: 3, message: 'RCPs do not support NotAction: Organizations rejects the policy.' },
        { line: 4, message: 'An RCP\'s Principal must be "*"' },
      ],
    },
    { name: 'the file is not an object', code: '[\n  1\n]', errors: [{ line: 1, message: 'this file holds an array' }] },
    { name: 'no Statement', code: '{\n  "Version": "2012-10-17"\n}', errors: [{ line: 1, message: 'no Statement' }] },
    {
      name: 'an unknown top-level element',
      code: '{\n  "Version": "2012-10-17",\n  "Statements": []\n}',
      errors: [{ line: 1, message: 'no Statement' }, { line: 3, message: '"Statements" is not an element of a policy' }],
    },
    { name: 'a miscased element, with a fix', code: withStatement(`{ "effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }`), errors: [{ line: 3, message: 'write "Effect"' }], fix: {} },
    {
      name: 'a miscased element beside the one it should be: no rename, which would give the statement two Actions',
      code: withStatement(`{ "Effect": "Allow", "Action": "s3:GetObject", "action": "iam:*", "Resource": "*" }`),
      errors: [{ line: 3, message: 'Element names are case-sensitive: "action" is not "Action", and this statement has "Action" already. Merge the two.', fixes: [] }],
    },
    { name: 'Effect miscased', code: withStatement(`{ "Effect": "allow", "Action": "*", "Resource": "*" }`), errors: [{ line: 3, message: 'write "Allow"' }], fix: { title: 'Allow' } },
    { name: 'Effect not Allow/Deny', code: withStatement(`{ "Effect": "Permit", "Action": "*", "Resource": "*" }`), errors: [{ line: 3, column: 17, message: 'found "Permit"' }] },
    { name: 'no Effect', code: withStatement(`{ "Action": "*", "Resource": "*" }`), errors: [{ line: 3, column: 5, message: 'no Effect' }] },
    { name: 'Action and NotAction', code: withStatement(`{ ${allow}, "NotAction": "s3:PutObject" }`), errors: [{ line: 3, message: 'Action or NotAction, not both' }] },
    { name: 'Resource and NotResource', code: withStatement(`{ ${allow}, "NotResource": "x" }`), errors: [{ line: 3, message: 'Resource or NotResource' }] },
    { name: 'identity policy without Resource', code: withStatement('{ "Effect": "Allow", "Action": "*" }'), errors: [{ line: 3, message: 'no Resource' }] },
    { name: 'SCP without Action', type: 'scp', code: withStatement('{ "Effect": "Deny", "Resource": "*" }'), errors: [{ line: 3, message: 'no Action' }] },
    { name: 'resource policy without Principal', type: 'resource', code: withStatement(`{ ${allow} }`), errors: [{ line: 3, message: 'no Principal' }] },
    {
      name: 'wrong types of Action, Resource, Sid and Id',
      code: '{\n  "Id": 1,\n  "Statement": [{\n    "Sid": 2,\n    "Effect": "Allow",\n    "Action": 42,\n    "Resource": ["a", null]\n  }]\n}',
      errors: [{ line: 2, message: 'Id must be a string' }, { line: 4 }, { line: 6, message: 'found a number' }, { line: 7, message: 'only strings; found null' }],
    },
    { name: 'an empty Action list', code: withStatement('{ "Effect": "Allow", "Action": [], "Resource": "*" }'), errors: [{ line: 3, message: 'Action is empty' }] },
    { name: 'Statement not a list of objects', code: '{\n  "Statement": [\n    "x"\n  ]\n}', errors: [{ line: 3, message: 'must be a JSON object' }] },
    { name: 'an empty Statement list', code: '{\n  "Statement": []\n}', errors: [{ line: 2, message: 'Statement is empty' }] },
    {
      name: 'malformed conditions at every depth',
      code: withStatement(`{ ${allow},\n "Condition": { "StringEquals": "x", "Bool": { "aws:SecureTransport": [{}] }, "StringLike": { "s3:prefix": [] } } }`),
      errors: [{ line: 4, message: 'StringEquals block' }, { line: 4, message: 'found an object' }, { line: 4, message: 'value list of s3:prefix is empty' }],
    },
    { name: 'Condition not an object', code: withStatement(`{ ${allow}, "Condition": [] }`), errors: [{ line: 3, message: 'Condition must be an object' }] },
    {
      name: 'malformed principals in a resource policy',
      type: 'resource',
      code: withStatement('{ "Effect": "Allow", "Principal": { "Aws": "arn:aws:iam::123456789012:root", "Service": 5 }, "Action": "s3:*", "Resource": "*" }'),
      errors: [{ line: 3, message: 'write "AWS"' }, { line: 3, message: 'Principal.Service must be a string' }],
    },
    { name: 'a Principal string other than *', type: 'resource', code: withStatement('{ "Effect": "Allow", "Principal": "me", "Action": "s3:*" }'), errors: [{ line: 3, message: 'must be "*"' }] },
    {
      name: 'a permission set whose InlinePolicy is a number',
      type: 'permission-set',
      code: '{\n  "Name": "x",\n  "InlinePolicy": 42\n}',
      errors: [{ line: 3, message: 'InlinePolicy must be a policy' }],
    },
    {
      name: 'a permission set whose InlinePolicy string holds no object',
      type: 'permission-set',
      code: '{\n  "InlinePolicy": "[1]"\n}',
      errors: [{ line: 2, column: 20, message: 'found an array' }],
    },
  ],
});
