import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const fullAccess = `    { "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*" }`;
const denyOutside = `    { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": { "StringNotEqualsIfExists": { "aws:PrincipalOrgID": "o-abc" } } }`;

ruleTester('RG013', {
  valid: [
    { name: 'a Deny', type: 'rcp', code: policy(denyOutside) },
    { name: 'RCPFullAWSAccess itself', type: 'rcp', code: policy(fullAccess) },
    { name: 'an Allow in a resource policy is fine', type: 'resource', code: policy(`    { "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "*" }`) },
  ],
  invalid: [
    {
      name: 'an Allow of some actions',
      type: 'rcp',
      code: policy(`${denyOutside},\n    { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*" }`),
      errors: [{ line: 5, column: 17, message: 'RCPs may only deny' }],
    },
    {
      name: 'the full-access shape with a condition is no longer the AWS-managed policy',
      type: 'rcp',
      code: policy(`    { "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "true" } } }`),
      errors: [{ line: 4 }],
    },
    {
      name: 'Allow to one principal',
      type: 'rcp',
      code: policy(`    { "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*" }`),
      errors: [{ line: 4 }],
    },
  ],
});
