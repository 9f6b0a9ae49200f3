import { ruleTester } from '../ruleTester';
import { policy, task } from './caseText';

const withCondition = (condition: string, effect = 'Allow') => policy(`    {
      "Effect": "${effect}",
      "Action": "sts:AssumeRoot",
      "Resource": "arn:aws:iam::111122223333:root",
      "Condition": {
        ${condition}
      }
    }`);

ruleTester('RG105', {
  valid: [
    { name: 'positive operator', code: withCondition(`"ArnEquals": { "sts:TaskPolicyArn": "${task('S3UnlockBucketPolicy')}" }`) },
    { name: 'negation in a Deny is how a Deny should read', code: withCondition(`"ArnNotEquals": { "sts:TaskPolicyArn": "${task('S3UnlockBucketPolicy')}" }`, 'Deny') },
    { name: 'a negation of a typo excludes nothing: RG101 and RG103', code: withCondition(`"StringNotEquals": { "sts:TaskPolicyArn": "${task('Nothing')}" }`) },
    { name: 'negation on another key', code: withCondition(`"StringNotEquals": { "aws:PrincipalTag/team": "dev" }`) },
  ],
  invalid: [
    {
      name: 'a negation that excludes no task, narrowed by a Deny: the rest and future task policies remain (not RG101)',
      code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "ArnNotEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/NoSuchTask" } } },
    { "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "StringEquals": { "sts:TaskPolicyArn": ["${task('IAMCreateRootUserPassword')}", "${task('IAMDeleteRootUserCredentials')}"] } } }`),
      errors: [{ line: 4, message: 'allows every other task policy: IAMAuditRootUserCredentials, S3UnlockBucketPolicy and SQSUnlockQueuePolicy and any task policy added later' }],
    },
    {
      name: 'StringNotEquals one task',
      code: withCondition(`"StringNotEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" }`),
      errors: [{ line: 9, message: 'StringNotEquals on sts:TaskPolicyArn allows every other task policy: IAMAuditRootUserCredentials, IAMDeleteRootUserCredentials, S3UnlockBucketPolicy and SQSUnlockQueuePolicy and any task policy added later' }],
    },
    {
      name: 'ArnNotLike IAM*, miscased key, next to a positive entry',
      code: withCondition(`"ArnNotLike": { "sts:TASKPOLICYARN": "arn:aws:iam::aws:policy/root-task/IAM*" },
        "StringLike": { "aws:PrincipalTag/team": "ops" }`),
      errors: [{ line: 9, message: 'ArnNotLike on sts:TaskPolicyArn allows every other task policy: S3UnlockBucketPolicy and SQSUnlockQueuePolicy and any' }],
    },
    {
      name: 'an array excluding all five leaves only future ones',
      code: withCondition(`"ArnNotEquals": { "sts:TaskPolicyArn": ${JSON.stringify(['IAMAuditRootUserCredentials', 'IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy'].map((n) => task(n)))} }`),
      errors: [{ line: 9, message: 'only task policies added later' }],
    },
    {
      name: 'a Deny of the same policy removes a task from what the negation grants',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "arn:aws:iam::111122223333:root",
      "Condition": {
        "StringNotEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" }
      }
    },
    {
      "Effect": "Deny",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "ArnEquals": { "sts:TaskPolicyArn": "${task('IAMDeleteRootUserCredentials')}" }
      }
    }`),
      errors: [{ line: 9, message: 'StringNotEquals on sts:TaskPolicyArn allows every other task policy: IAMAuditRootUserCredentials, S3UnlockBucketPolicy and SQSUnlockQueuePolicy and any task policy added later.' }],
    },
  ],
});
