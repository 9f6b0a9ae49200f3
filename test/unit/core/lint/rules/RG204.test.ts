import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

ruleTester('RG204', {
  valid: [
    { name: 'Resource', code: policy(`    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }`) },
    { name: 'Deny with NotResource', code: policy(`    { "Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::logs/*" }`) },
    { name: 'RCP', type: 'rcp', code: policy(`    { "Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::logs/*" }`) },
  ],
  invalid: [
    {
      name: 'NotResource',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "s3:*",
      "NotResource": [
        "arn:aws:s3:::logs",
        "arn:aws:s3:::logs/*"
      ]
    }`),
      errors: [{ line: 7, column: 7, message: 'every resource but the 2 listed ones' }],
    },
  ],
});
