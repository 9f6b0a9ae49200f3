import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const withCondition = (condition: string) => policy(`    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*",
      "Condition": {
        ${condition}
      }
    }`);

ruleTester('RG207', {
  valid: [
    { name: 'multivalued global key', code: withCondition(`"ForAllValues:StringEquals": { "aws:TagKeys": ["team"] }`) },
    { name: 'plain operator', code: withCondition(`"StringEquals": { "aws:PrincipalOrgID": "o-abc" }`) },
    { name: 'aws:AssumedRoot is RG108', code: withCondition(`"ForAnyValue:Bool": { "aws:AssumedRoot": "true" }`) },
    { name: 'an unknown key is not judged', code: withCondition(`"ForAnyValue:StringEquals": { "example:Made-Up": "x" }`) },
  ],
  invalid: [
    {
      name: 'ForAllValues on aws:PrincipalOrgID, miscased key: IfExists is the same, the plain operator says what it changes',
      code: withCondition(`"ForAllValues:StringEquals": { "aws:principalorgid": "o-abc" }`),
      errors: [
        {
          line: 9,
          message:
            'ForAllValues:StringEquals on aws:principalorgid, a single-valued key: set operators are for multivalued keys; ForAllValues: also holds when the key is absent. ' +
            'Use StringEqualsIfExists, or StringEquals (which no longer holds when the key is absent).',
          fixes: ['Use StringEqualsIfExists', 'Use StringEquals (then no longer holds when the key is absent)'],
          preferred: ['Use StringEqualsIfExists'],
        },
      ],
      fix: { output: withCondition(`"StringEqualsIfExists": { "aws:principalorgid": "o-abc" }`) },
    },
    {
      name: 'ForAllValues in a Deny: the plain operator, on request, stops denying requests without the key',
      code: withCondition(`"ForAllValues:StringEquals": { "aws:PrincipalTag/team": "sandbox" }`).replace('"Allow"', '"Deny"'),
      errors: [{ line: 9 }],
      fix: { title: 'Use StringEquals (', output: withCondition(`"StringEquals": { "aws:PrincipalTag/team": "sandbox" }`).replace('"Allow"', '"Deny"') },
    },
    {
      name: 'ForAllValues of a negated operator: the plain negated operator holds without the key too',
      code: withCondition(`"ForAllValues:StringNotEquals": { "aws:PrincipalOrgID": "o-abc" }`),
      errors: [{ line: 9, fixes: ['Use StringNotEquals'], preferred: ['Use StringNotEquals'] }],
      fix: { output: withCondition(`"StringNotEquals": { "aws:PrincipalOrgID": "o-abc" }`) },
    },
    {
      name: 'ForAnyValue of a negated operator has no exact equivalent: the plain one is offered, not preferred, saying what it changes',
      code: withCondition(`"ForAnyValue:StringNotEquals": { "aws:PrincipalTag/status": "quarantined" }`),
      errors: [
        {
          line: 9,
          message: 'Use StringNotEquals (which also holds when the key is absent).',
          fixes: ['Use StringNotEquals (then also holds when the key is absent)'],
          preferred: [],
        },
      ],
      fix: { output: withCondition(`"StringNotEquals": { "aws:PrincipalTag/status": "quarantined" }`) },
    },
    {
      name: 'ForAnyValue of an IfExists operator: the IfExists operator',
      code: withCondition(`"ForAnyValue:ArnLikeIfExists": { "aws:PrincipalArn": "arn:aws:iam::*:role/ops" }`),
      errors: [{ line: 9, fixes: ['Use ArnLikeIfExists'], preferred: ['Use ArnLikeIfExists'] }],
      fix: { output: withCondition(`"ArnLikeIfExists": { "aws:PrincipalArn": "arn:aws:iam::*:role/ops" }`) },
    },
    {
      name: 'ForAnyValue on sts:TaskPolicyArn (an ARN key) sharing its block with a multivalued key',
      code: withCondition(`"ForAnyValue:StringLike": {
          "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/S3Unlock*",
          "aws:PrincipalOrgPaths": "o-abc/r-ab12/ou-ab12-11111111/*"
        }`),
      errors: [{ line: 10, message: 'ForAnyValue:StringLike on sts:TaskPolicyArn', preferred: ['Use StringLike'] }],
      fix: {
        output: withCondition(`"ForAnyValue:StringLike": {
          "aws:PrincipalOrgPaths": "o-abc/r-ab12/ou-ab12-11111111/*"
        },
        "StringLike": {
          "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/S3Unlock*"
        }`),
      },
    },
    {
      name: 'a tag template key',
      code: withCondition(`"ForAnyValue:StringLike": { "aws:PrincipalTag/team": "ops*" }`),
      errors: [{ line: 9, message: 'Use StringLike' }],
      fix: { output: withCondition(`"StringLike": { "aws:PrincipalTag/team": "ops*" }`) },
    },
  ],
});
