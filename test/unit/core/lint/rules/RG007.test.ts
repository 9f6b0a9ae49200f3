import { ruleTester } from '../ruleTester';

/** A policy whose size is controlled by the number and layout of its actions. */
const policy = (actions: number, indent = '') =>
  `{\n${indent}"Version": "2012-10-17",\n${indent}"Statement": [{"Effect": "Deny", "Resource": "*", "Action": [${Array.from({ length: actions }, (_, i) => `"s3:Action${i}"`).join(`,\n${indent}${indent}`)}]}]\n}`;

ruleTester('RG007', {
  valid: [
    { name: 'a small SCP', type: 'scp', code: policy(10) },
    { name: 'an SCP just under the limit', type: 'scp', code: policy(320) },
    { name: 'a managed policy whose indentation only would exceed 6,144', type: 'identity', code: policy(330, '        ') },
    { name: 'no limit for resource policies', type: 'resource', code: policy(2000) },
    {
      name: 'a permission-set inline policy between the managed (6,144) and inline (10,240) limits',
      type: 'permission-set',
      code: JSON.stringify({ InlinePolicy: policy(500) }),
    },
    {
      name: 'a CloudFormation SCP counts as CloudFormation serializes it, not as indented in the template',
      type: 'cloudformation',
      code: JSON.stringify({ Resources: { P: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Content: JSON.parse(policy(300)) } } } }, null, 8),
    },
  ],
  invalid: [
    { name: 'an SCP over 5,120 characters', type: 'scp', code: policy(330), errors: [{ line: 1, message: 'service control policy is 5,' }] },
    { name: 'an SCP over the limit by whitespace alone', type: 'scp', code: policy(250, '      '), errors: [{ line: 1, message: 'whitespace included' }] },
    { name: 'a managed policy over 6,144 non-whitespace', type: 'identity', code: policy(500), errors: [{ line: 1, message: 'managed policy is 7,' }] },
    {
      name: 'a CloudFormation SCP over 5,120 characters even when serialized compactly',
      type: 'cloudformation',
      code: JSON.stringify({ Resources: { P: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Content: JSON.parse(policy(400)) } } } }),
      errors: [{ line: 1, message: 'service control policy is 5,' }],
    },
    {
      name: 'a permission-set inline policy over 10,240',
      type: 'permission-set',
      code: `{\n  "Name": "big",\n  "InlinePolicy": ${JSON.stringify(policy(800))}\n}`,
      errors: [{ line: 3, column: 20, message: 'permission set inline policy' }],
    },
  ],
});
