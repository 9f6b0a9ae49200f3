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
      name: 'ForAllValues on aws:PrincipalOrgID, miscased key',
      code: withCondition(`"ForAllValues:StringEquals": { "aws:principalorgid": "o-abc" }`),
      errors: [{ line: 9, message: 'ForAllValues:StringEquals on aws:principalorgid, a single-valued key: set operators are for multivalued keys; ForAllValues: also holds when the key is absent' }],
      fix: { output: withCondition(`"StringEquals": { "aws:principalorgid": "o-abc" }`) },
    },
    {
      name: 'ForAnyValue on sts:TaskPolicyArn (an ARN key) sharing its block with a multivalued key',
      code: withCondition(`"ForAnyValue:StringLike": {
          "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/S3Unlock*",
          "aws:PrincipalOrgPaths": "o-abc/r-ab12/ou-ab12-11111111/*"
        }`),
      errors: [{ line: 10, message: 'ForAnyValue:StringLike on sts:TaskPolicyArn' }],
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
