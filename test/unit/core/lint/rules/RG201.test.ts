import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG201', {
  valid: [
    { name: 'with a condition', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } }`) },
    { name: 'a narrower resource', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*" }`) },
    { name: 'a service wildcard is RG202', code: policy(`    { "Effect": "Allow", "Action": "iam:*", "Resource": "*" }`) },
    { name: 'Deny', code: policy(`    { "Effect": "Deny", "Action": "*", "Resource": "*" }`) },
    { name: 'FullAWSAccess SCP', type: 'scp', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" }`) },
  ],
  invalid: [
    {
      name: 'Action * on Resource *',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }`),
      errors: [{ line: 6, message: 'full administrator access' }],
    },
    {
      name: '*:* among others, in arrays, empty Condition',
      code: policy(`    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "*:*"],
      "Resource": ["arn:aws:s3:::b", "*"],
      "Condition": {}
    }`),
      errors: [{ line: 6 }],
    },
  ],
});
