import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG201', {
  valid: [
    { name: "every bucket is not every resource: S3's ARNs name no IAM resource", code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::*" }`) },
    { name: 'every IAM resource is not every resource either', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "arn:aws:iam::*:*" }`) },
    { name: 'with a condition', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } }`) },
    { name: 'a narrower resource', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*" }`) },
    { name: 'a service wildcard is RG202', code: policy(`    { "Effect": "Allow", "Action": "iam:*", "Resource": "*" }`) },
    { name: 'Deny', code: policy(`    { "Effect": "Deny", "Action": "*", "Resource": "*" }`) },
    { name: 'FullAWSAccess SCP', type: 'scp', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" }`) },
  ],
  invalid: [
    { name: 'arn:* is every resource', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "arn:*" }`), errors: [{ line: 4, message: 'Allows every action on every resource without condition' }] },
    {
      name: 'Action * on Resource *',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }`),
      errors: [{ line: 6, message: /^Allows every action on every resource without condition: full administrator access, sts:AssumeRoot and IAM included\.$/ }],
    },
    {
      name: 'a Deny in the same policy keeps sts:AssumeRoot out: the message does not claim it',
      code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" },
    { "Effect": "Deny", "Action": "sts:Assume*", "Resource": "*" }`),
      errors: [{ line: 4, message: /full administrator access, IAM included\. Its Deny statements keep sts:AssumeRoot out, but with IAM the holder can rewrite this policy\.$/ }],
    },
    {
      name: 'a Deny of IAM: the message claims sts:AssumeRoot only',
      code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" },
    { "Effect": "Deny", "Action": "iam:*", "Resource": "*" }`),
      errors: [{ line: 4, message: /full administrator access, sts:AssumeRoot included\.$/ }],
    },
    {
      name: 'a Deny of both: neither is claimed',
      code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" },
    { "Effect": "Deny", "Action": ["iam:*", "sts:AssumeRoot"], "Resource": "*" }`),
      errors: [{ line: 4, message: /full administrator access\.$/ }],
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
