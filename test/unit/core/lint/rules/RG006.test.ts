import { ruleTester } from '../ruleTester';

const withCondition = (condition: string) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Deny", "Action": "*", "Resource": "*",\n    "Condition": ${condition}\n  }]\n}`;

ruleTester('RG006', {
  valid: [
    { name: 'booleans as strings and literals', code: withCondition('{ "Bool": { "aws:SecureTransport": ["true", false] }, "Null": { "aws:AssumedRoot": "TRUE" } }') },
    { name: 'numbers', code: withCondition('{ "NumericLessThan": { "aws:MultiFactorAuthAge": ["3600", 7200, "-1.5"] } }') },
    { name: 'dates and epoch seconds', code: withCondition('{ "DateGreaterThan": { "aws:CurrentTime": ["2025-01-31", "2025-01-31T12:00:00Z", "2025-01-31T12:00:00.5+02:00", "1735689600"] } }') },
    { name: 'policy variables', code: withCondition('{ "DateLessThan": { "aws:CurrentTime": "${aws:TokenIssueTime}" } }') },
    { name: 'unknown operators are left to RG005', code: withCondition('{ "Boool": { "aws:SecureTransport": "yes" } }') },
    { name: 'string operators take anything', code: withCondition('{ "StringEquals": { "aws:SecureTransport": "yes" } }') },
    {
      name: 'ARNs of six parts, `*`, and values a variable or placeholder completes',
      code: withCondition('{ "ArnNotLike": { "aws:PrincipalArn": ["arn:aws:iam::*:*", "*", "arn:aws:iam::${aws:PrincipalAccount}", "arn:aws:iam::[ACCOUNT_ID]"] } }'),
    },
  ],
  invalid: [
    { name: 'Bool with yes', code: withCondition('{ "Bool": { "aws:SecureTransport": "yes" } }'), errors: [{ line: 5, message: 'true or false' }] },
    { name: 'BoolIfExists with a typo', code: withCondition('{\n "BoolIfExists": { "aws:MultiFactorAuthPresent": ["true",\n "flase"] } }'), errors: [{ line: 7, message: '"flase" never matches' }] },
    { name: 'Null with 1', code: withCondition('{ "Null": { "aws:AssumedRoot": 1 } }'), errors: [{ line: 5, message: 'true (the key is absent)' }] },
    { name: 'Numeric with words', code: withCondition('{ "NumericLessThan": { "aws:MultiFactorAuthAge": "one hour" } }'), errors: [{ line: 5, message: 'a number' }] },
    { name: 'Date with a US date and an impossible month', code: withCondition('{ "DateLessThan": { "aws:CurrentTime": ["01/31/2025", "2025-13-01"] } }'), errors: [{ line: 5 }, { line: 5 }] },
    { name: 'Date with a day its month does not have', code: withCondition('{ "DateGreaterThan": { "aws:CurrentTime": ["2025-02-31T00:00:00Z", "2024-02-29"] } }'), errors: [{ line: 5, message: '2025-02-31T00:00:00Z' }] },
    {
      name: 'an ARN of five parts: what AWS matches with it is not documented; all six offered, not preferred',
      code: withCondition('{ "ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*" } }'),
      errors: [
        {
          line: 5,
          column: 56,
          message:
            'ArnNotLike compares ARNs part by part, each of the six colon-separated parts on its own; "arn:aws:iam::*" has 5, and what AWS matches with it is not documented. Write all six parts ("arn:aws:iam::*:*").',
          fixes: ['Write all six parts: arn:aws:iam::*:*'],
          preferred: [],
        },
      ],
      fix: { output: withCondition('{ "ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*:*" } }') },
    },
    {
      name: 'ArnEquals with four parts, and one ending in a literal: no six-part value means the same',
      code: withCondition('{ "ArnEqualsIfExists": { "aws:SourceArn": ["arn:aws:s3:*", "arn:aws:iam::111122223333"] } }'),
      errors: [
        { line: 5, column: 61, message: '"arn:aws:s3:*" has 4, and what AWS matches with it is not documented. Write all six parts ("arn:aws:s3:*:*:*").', fixes: ['Write all six parts: arn:aws:s3:*:*:*'] },
        { line: 5, column: 77, message: '"arn:aws:iam::111122223333" has 5, and what AWS matches with it is not documented. Write all six parts.', fixes: [] },
      ],
    },
    {
      name: 'a wildcard before the last `*` could stand for a colon: no six-part value means the same, no fix',
      code: withCondition('{ "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*role/Contractor*" }, "ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*role/Admin*" } }'),
      errors: [
        { line: 5, column: 53, message: '"arn:aws:iam::*role/Contractor*" has 5, and what AWS matches with it is not documented. Write all six parts.', fixes: [] },
        { line: 5, column: 125, message: '"arn:aws:iam::*role/Admin*" has 5, and what AWS matches with it is not documented. Write all six parts.', fixes: [] },
      ],
    },
    {
      name: 'a literal last part ending in `*` keeps its meaning as six parts',
      code: withCondition('{ "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::1111*" } }'),
      errors: [{ line: 5, fixes: ['Write all six parts: arn:aws:iam::1111*:*'] }],
    },
  ],
});
