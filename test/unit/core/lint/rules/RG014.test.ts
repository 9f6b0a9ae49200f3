import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const deny = (resource: string, condition = '') =>
  policy(`    {\n      "Effect": "Deny",\n      "Action": "cloudtrail:StopLogging",\n      "Resource": ${JSON.stringify(resource)}${condition}\n    }`);
/** A one-line JSON template whose managed policy denies on `resource` (a string, or an intrinsic function). */
const template = (resource: unknown) => {
  const document = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: resource }] };
  return JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: document } } } });
};
const exempt = (arn: string) => `,\n      "Condition": { "ArnNotLike": { "aws:PrincipalARN": ${JSON.stringify(arn)} } }`;

ruleTester('RG014', {
  valid: [
    { name: 'a real ARN', type: 'scp', code: deny('arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail') },
    { name: 'policy variables', code: deny('arn:aws:s3:::home/${aws:username}/*', exempt('arn:aws:iam::${aws:PrincipalAccount}:role/${*}')) },
    { name: 'a template engine\'s lower-case variable (Terraform templatefile)', code: deny('arn:aws:logs:${region}:${account_id}:*') },
    {
      name: 'Landing Zone Accelerator\'s replacements in capitals, filled in as it deploys',
      type: 'scp',
      code: deny('*', exempt('arn:${PARTITION}:iam::*:role/${ACCELERATOR_PREFIX}*')),
    },
    {
      name: '${...} inside a CloudFormation template\'s Fn::Sub',
      type: 'cloudformation',
      code: template({ 'Fn::Sub': 'arn:aws:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/${TrailName}' }),
    },
    {
      name: 'a policy variable escaped in Fn::Sub (${!aws:username}), or one its variable map names',
      type: 'cloudformation',
      code: template([{ 'Fn::Sub': 'arn:aws:s3:::home/${!aws:username}/*' }, { 'Fn::Sub': ['arn:aws:s3:::${aws:x}/*', { 'aws:x': 'logs' }] }]),
    },
  ],
  invalid: [
    {
      name: 'an IAM policy variable in Fn::Sub without its ${!...} escape, which CloudFormation rejects',
      type: 'cloudformation',
      code: template({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::home/${aws:PrincipalTag/team}/*' }),
      errors: [
        {
          line: 1,
          column: 227,
          message:
            'Fn::Sub reads ${aws:PrincipalTag/team} as a reference to a parameter or resource "aws:PrincipalTag/team", which the template does not define: CloudFormation rejects the template. Write ${!aws:PrincipalTag/team} for the IAM policy variable.',
          fixes: ['Write ${!aws:PrincipalTag/team}'],
          preferred: ['Write ${!aws:PrincipalTag/team}'],
        },
      ],
      fix: { output: template({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::home/${!aws:PrincipalTag/team}/*' }) },
    },
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
      name: '${...} in a CloudFormation template outside Fn::Sub, which alone fills it in',
      type: 'cloudformation',
      code: template('arn:aws:cloudtrail:${AWS::Region}:111122223333:trail/t'),
      errors: [{ line: 1, message: 'still holds the placeholder ${AWS::Region}: as written it matches nothing, or AWS rejects it. CloudFormation fills in ${Name} only inside Fn::Sub' }],
    },
    {
      name: 'bracketed placeholders are never substituted, not even in a template',
      type: 'cloudformation',
      code: template('arn:aws:s3:::[BUCKET_TO_PROTECT]'),
      errors: [{ line: 1, message: '[BUCKET_TO_PROTECT]' }],
    },
  ],
});
