import { ruleTester } from '../ruleTester';

/** A policy whose size is controlled by the number and layout of its actions. */
const policy = (actions: number, indent = '') =>
  `{\n${indent}"Version": "2012-10-17",\n${indent}"Statement": [{"Effect": "Deny", "Resource": "*", "Action": [${Array.from({ length: actions }, (_, i) => `"s3:Action${i}"`).join(`,\n${indent}${indent}`)}]}]\n}`;

/** The same policy as the CLI of `aws iam get-policy-version` saves it. */
const savedVersion = (actions: number) => `{"PolicyVersion": {"VersionId": "v3", "Document": ${policy(actions)}}}`;

const cloudFormationScp = (content: unknown, indent?: number) =>
  JSON.stringify({ Resources: { P: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Content: content } } } }, null, indent);

ruleTester('RG007', {
  valid: [
    { name: 'a small SCP', type: 'scp', code: policy(10) },
    { name: 'an SCP over the old 5,120 limit, under the 10,240 of May 2026', type: 'scp', code: policy(620) },
    { name: 'an RCP just under 5,120', type: 'rcp', code: policy(320) },
    { name: 'a managed policy whose indentation only would exceed 6,144', type: 'identity', code: policy(330, '        ') },
    { name: 'no limit for resource policies', type: 'resource', code: policy(2000) },
    { name: 'a policy version saved from IAM (AWS-managed, or already accepted)', type: 'identity', code: savedVersion(2000) },
    {
      name: 'a permission-set inline policy between the managed (6,144) and inline (10,240) limits',
      type: 'permission-set',
      code: JSON.stringify({ InlinePolicy: policy(500) }),
    },
    {
      name: 'a CloudFormation SCP counts as CloudFormation serializes it, not as indented in the template',
      type: 'cloudformation',
      code: cloudFormationScp(JSON.parse(policy(620)), 8),
    },
  ],
  invalid: [
    {
      name: 'an SCP over 10,240 characters that fits minified',
      type: 'scp',
      code: policy(660),
      errors: [{ line: 1, message: /service control policy is 10,541 characters.*Minified it is 9,872 and fits/ }],
      fix: { title: 'Minify' },
    },
    {
      name: 'an SCP over the limit even minified',
      type: 'scp',
      code: policy(700),
      errors: [{ line: 1, message: 'even minified it is 10,472. Split it' }],
    },
    {
      name: 'an RCP over 5,120 by whitespace alone',
      type: 'rcp',
      code: policy(250, '      '),
      errors: [{ line: 1, message: /resource control policy is 6,981 characters, whitespace included, over the limit of 5,120. Minified it is 3,722/ }],
      fix: { title: 'Minify' },
    },
    { name: 'a managed policy over 6,144 non-whitespace', type: 'identity', code: policy(500), errors: [{ line: 1, message: 'managed policy is 7,' }] },
    {
      name: 'a CloudFormation SCP over 10,240 characters even when serialized compactly',
      type: 'cloudformation',
      code: cloudFormationScp(JSON.parse(policy(700))),
      errors: [{ line: 1, message: 'service control policy is 10,' }],
    },
    {
      name: 'a CloudFormation SCP written as a string, minified by the fix inside the string',
      type: 'cloudformation',
      code: cloudFormationScp(policy(660)),
      errors: [{ line: 1, message: 'and fits' }],
      fix: { title: 'Minify' },
    },
    {
      name: 'a permission-set inline policy over 10,240',
      type: 'permission-set',
      code: `{\n  "Name": "big",\n  "InlinePolicy": ${JSON.stringify(policy(800))}\n}`,
      errors: [{ line: 3, column: 20, message: 'permission set inline policy' }],
    },
  ],
});
