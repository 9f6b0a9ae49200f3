import { ruleTester } from '../ruleTester';

const statement = (extra: string) => `{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Deny",${extra}\n    "Action": "s3:*",\n    "Resource": "*"\n  }]\n}`;

ruleTester('RG008', {
  valid: [
    { name: 'an SCP without Principal', type: 'scp', code: statement('') },
    { name: 'Principal in a resource policy', type: 'resource', code: statement('\n    "Principal": "*",') },
    { name: 'Principal in an RCP', type: 'rcp', code: statement('\n    "Principal": "*",') },
  ],
  invalid: [
    {
      name: 'Principal in an SCP',
      type: 'scp',
      code: statement('\n    "Principal": { "AWS": "*" },'),
      errors: [{ line: 5, column: 5, message: 'not supported in an SCP' }],
      fix: { output: statement('') },
    },
    { name: 'NotPrincipal in an identity policy', code: statement('\n    "NotPrincipal": "*",'), errors: [{ line: 5, message: 'NotPrincipal is not supported in an identity policy' }], fix: {} },
    {
      name: 'Principal as the last element',
      code: '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Principal": "*"}}',
      errors: [{ line: 1 }],
      fix: { output: '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}' },
    },
  ],
});
