import { ruleTester } from '../ruleTester';

const withActions = (...actions: string[]) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Resource": "*",\n    "Action": [\n${actions.map((a) => `      ${JSON.stringify(a)}`).join(',\n')}\n    ]\n  }]\n}`;

const inlinePolicy = `{\n  "InlinePolicy": ${JSON.stringify(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRooot', Resource: '*' }] }))}\n}`;

ruleTester('RG009', {
  valid: [
    {
      name: "a template's actions known only at deployment (Fn::FindInMap, Fn::Sub of a parameter) are not judged",
      type: 'cloudformation',
      code: JSON.stringify({
        Resources: {
          P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [{ 'Fn::FindInMap': ['Actions', { Ref: 'Env' }, 'List'] }, { 'Fn::Sub': 'sts:${Verb}' }, { 'Fn::Sub': '${Service}:GetObject' }], Resource: '*' }] } } },
        },
      }),
    },
    { name: 'known actions, any case', code: withActions('s3:GetObject', 'S3:getobject', 'sts:AssumeRoot', 'iam:CreateLoginProfile') },
    { name: 'wildcards that match', code: withActions('*', 's3:*', 'sts:Assume*', 'ec2:Describe?pcs', '*:Get*', 'iam:*LoginProfile') },
    { name: 'substitutions', code: withActions('${Service}:GetObject', 's3:${Action}') },
    { name: 'NotAction is checked the same way', code: '{"Statement": {"Effect": "Deny", "NotAction": ["iam:*"], "Resource": "*"}}' },
  ],
  invalid: [
    {
      name: 'a typo in an action, fixed to the nearest',
      code: withActions('s3:GetObject', 's3:GetObjet'),
      errors: [{ line: 8, column: 7, message: 'did you mean "s3:GetObject"' }],
      fix: { output: withActions('s3:GetObject', 's3:GetObject') },
    },
    { name: 'a typo in a service', code: withActions('ecs2:RunInstances'), errors: [{ line: 7, message: 'no service "ecs2"' }], fix: {} },
    { name: 'a wildcard that matches nothing', code: withActions('s3:Fly*'), errors: [{ line: 7, message: 'matches no action of s3' }] },
    { name: 'not service:action', code: withActions('GetObject'), errors: [{ line: 7, message: 'not of the form service:action' }] },
    { name: 'nothing close', code: withActions('s3:Teleport'), errors: [{ line: 7, message: 's3 has no action "Teleport".' }] },
    {
      name: 'inside an escaped inline policy, fixed through the string',
      type: 'permission-set',
      code: inlinePolicy,
      errors: [{ line: 2, column: inlinePolicy.indexOf('\\"sts:') - inlinePolicy.indexOf('\n'), message: 'did you mean "sts:AssumeRoot"' }],
      fix: {},
    },
  ],
});
