import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const deny = (resource: string, condition = '') =>
  policy(`    {\n      "Effect": "Deny",\n      "Action": "cloudtrail:StopLogging",\n      "Resource": ${JSON.stringify(resource)}${condition}\n    }`);
const exempt = (arn: string) => `,\n      "Condition": { "ArnNotLike": { "aws:PrincipalARN": ${JSON.stringify(arn)} } }`;

ruleTester('RG014', {
  valid: [
    { name: 'a real ARN', type: 'scp', code: deny('arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail') },
    { name: 'policy variables', code: deny('arn:aws:s3:::home/${aws:username}/*', exempt('arn:aws:iam::${aws:PrincipalAccount}:role/${*}')) },
    { name: 'a template engine\'s lower-case variable (Terraform templatefile)', code: deny('arn:aws:logs:${region}:${account_id}:*') },
    {
      name: '${...} inside a CloudFormation template is Fn::Sub\'s',
      type: 'cloudformation',
      code: JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.parse(deny('arn:aws:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/${TrailName}')) } } } }),
    },
  ],
  invalid: [
    {
      name: 'AWS\'s example SCP as published',
      type: 'scp',
      code: deny('arn:aws:cloudtrail:${Region}:${Account}:trail/[CLOUDTRAIL_NAME]', exempt('arn:aws:iam::${Account}:role/[PRIVILEGED_ROLE]')),
      errors: [
        { line: 7, column: 19, message: 'Resource "arn:aws:cloudtrail:${Region}:${Account}:trail/[CLOUDTRAIL_NAME]" still holds the placeholder [CLOUDTRAIL_NAME]' },
        { line: 8, message: 'aws:PrincipalARN "arn:aws:iam::${Account}:role/[PRIVILEGED_ROLE]" still holds the placeholder [PRIVILEGED_ROLE]' },
      ],
    },
    { name: '${Region} outside a template', code: deny('arn:aws:cloudtrail:${Region}:111122223333:trail/t'), errors: [{ line: 7, message: 'placeholder ${Region}' }] },
    { name: 'a CloudFormation pseudo parameter outside a template', code: deny('arn:aws:cloudtrail:${AWS::Region}:111122223333:trail/t'), errors: [{ line: 7, message: '${AWS::Region}' }] },
    { name: 'an angled account id in a principal', type: 'resource', code: policy(`    { "Effect": "Allow", "Principal": { "AWS": ["arn:aws:iam::<ACCOUNT_ID>:root"] }, "Action": "s3:GetObject", "Resource": "*" }`), errors: [{ line: 4, message: 'Principal "arn:aws:iam::<ACCOUNT_ID>:root"' }] },
    { name: 'mustache outside a template', code: deny('*', `,\n      "Condition": { "StringNotEquals": { "aws:PrincipalOrgID": "{{ org_id }}" } }`), errors: [{ line: 8, message: '{{ org_id }}' }] },
    {
      name: 'bracketed placeholders are never substituted, not even in a template',
      type: 'cloudformation',
      code: JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.parse(deny('arn:aws:s3:::[BUCKET_TO_PROTECT]')) } } } }),
      errors: [{ line: 1, message: '[BUCKET_TO_PROTECT]' }],
    },
  ],
});
