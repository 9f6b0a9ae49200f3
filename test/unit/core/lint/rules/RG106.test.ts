import { ruleTester } from '../ruleTester';
import { policy, task } from './caseText';

const withCondition = (condition: string, effect = 'Allow') => policy(`    {
      "Effect": "${effect}",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        ${condition}
      }
    }`);

ruleTester('RG106', {
  valid: [
    { name: 'plain operator', code: withCondition(`"ArnEquals": { "sts:TaskPolicyArn": "${task('S3UnlockBucketPolicy')}" }`) },
    { name: 'IfExists on another key', code: withCondition(`"StringEqualsIfExists": { "aws:PrincipalTag/team": "ops" }`) },
    { name: 'Deny', code: withCondition(`"ArnNotEqualsIfExists": { "sts:TaskPolicyArn": "${task('S3UnlockBucketPolicy')}" }`, 'Deny') },
  ],
  invalid: [
    {
      name: 'ArnEqualsIfExists renamed when alone',
      code: withCondition(`"ArnEqualsIfExists": { "sts:TaskPolicyArn": "${task('S3UnlockBucketPolicy')}" }`),
      errors: [{ line: 9, message: 'ArnEqualsIfExists on sts:TaskPolicyArn: AssumeRoot always sends the key' }],
      fix: { output: withCondition(`"ArnEquals": { "sts:TaskPolicyArn": "${task('S3UnlockBucketPolicy')}" }`) },
    },
    {
      name: 'StringLikeIfExists sharing its block: the key moves to a new StringLike block',
      code: withCondition(`"StringLikeIfExists": {
          "aws:PrincipalTag/team": "ops",
          "sts:TaskPolicyArn": "${task('SQSUnlockQueuePolicy')}"
        }`),
      errors: [{ line: 11, message: 'Use StringLike' }],
      fix: {
        output: withCondition(`"StringLikeIfExists": {
          "aws:PrincipalTag/team": "ops"
        },
        "StringLike": {
          "sts:TaskPolicyArn": "${task('SQSUnlockQueuePolicy')}"
        }`),
      },
    },
    {
      name: 'an existing target block takes the key',
      code: withCondition(`"ArnEqualsIfExists": { "sts:TaskPolicyArn": "${task('SQSUnlockQueuePolicy')}" },
        "ArnEquals": { "aws:SourceArn": "arn:aws:iam::111122223333:role/Ops" }`),
      errors: [{ line: 9 }],
      fix: {
        output: withCondition(`"ArnEquals": { "aws:SourceArn": "arn:aws:iam::111122223333:role/Ops", "sts:TaskPolicyArn": "${task('SQSUnlockQueuePolicy')}" }`),
      },
    },
  ],
});
