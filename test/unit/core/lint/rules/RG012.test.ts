import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const withSid = (sid: string, more = '') =>
  policy(`    {\n      "Sid": ${JSON.stringify(sid)},\n      "Effect": "Deny",\n      "Action": "dynamodb:DeleteTable",\n      "Resource": "*"\n    }${more}`);

ruleTester('RG012', {
  valid: [
    { name: 'letters and digits', code: withSid('DenyDeleteTable2') },
    { name: 'an empty Sid', code: withSid('') },
    { name: 'resource policies accept spaces (S3, KMS, SQS)', type: 'resource', code: policy(`    { "Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*" }`) },
    { name: 'an RCP is not checked', type: 'rcp', code: withSid('deny-all') },
    { name: 'a template substitution is filled in before deployment', code: withSid('Deny${Env}') },
    { name: "a template's Sid is judged on its known characters", type: 'cloudformation', code: JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: { 'Fn::Sub': 'Deny${Env}' }, Effect: 'Deny', Action: 's3:*', Resource: '*' }] } } } } }) },
  ],
  invalid: [
    {
      name: "a template's Sid with a hyphen beside a part known only at deployment, not renamed",
      type: 'cloudformation',
      code: JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: { 'Fn::Sub': 'Deny-${Env}' }, Effect: 'Deny', Action: 's3:*', Resource: '*' }] } } } } }),
      errors: [{ line: 1, message: /^Sid "Deny-\$\{Env\}" has "-"; IAM policies accept only letters A-Z, a-z and digits 0-9 in a Sid, and AWS rejects the policy\.$/ }],
    },
    {
      name: 'spaces in an SCP Sid, renamed by the fix',
      type: 'scp',
      code: withSid('DDB DeleteTable SCP'),
      errors: [{ line: 5, column: 14, message: 'Sid "DDB DeleteTable SCP" has spaces; SCPs accept only letters A-Z, a-z and digits 0-9' }],
      fix: { output: withSid('DDBDeleteTableSCP') },
    },
    {
      name: 'hyphens, underscores and commas in an identity policy',
      code: withSid('deny-delete_table,now'),
      errors: [{ line: 5, message: /has "-", "_" and ","; IAM policies accept only.*Write "denyDeleteTableNow"/ }],
      fix: { title: 'Rename the Sid to "denyDeleteTableNow"' },
    },
    {
      name: 'no fix when the cleaned name is taken by another statement',
      code: withSid('Deny Table', `,\n    { "Sid": "DenyTable", "Effect": "Deny", "Action": "s3:*", "Resource": "*" }`),
      errors: [{ line: 5, message: /^Sid "Deny Table" has spaces; IAM policies accept only letters A-Z, a-z and digits 0-9 in a Sid, and AWS rejects the policy\.$/ }],
    },
    { name: 'nothing left to keep', code: withSid('--'), errors: [{ line: 5 }] },
    { name: 'non-ASCII letters', code: withSid('RègleS3'), errors: [{ line: 5, message: '"è"' }] },
  ],
});
