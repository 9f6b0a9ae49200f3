import { ruleTester } from '../ruleTester';
import { policy, task } from './caseText';

const withCondition = (condition: string) => policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        ${condition}
      }
    }`);

ruleTester('RG104', {
  valid: [
    { name: 'exact ARNs', code: withCondition(`"ArnLike": { "sts:TaskPolicyArn": ["${task('S3UnlockBucketPolicy')}"] }`) },
    { name: 'a glob matching one', code: withCondition(`"ArnLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/S3*" }`) },
    { name: 'negated globs are RG105', code: withCondition(`"ArnNotLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAM*" }`) },
    { name: 'root-task/* restricts nothing: RG101', code: withCondition(`"ArnLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/*" }`) },
    {
      name: 'Deny',
      code: policy(`    { "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "ArnLike": { "sts:TaskPolicyArn": "*Root*" } } }`),
    },
  ],
  invalid: [
    {
      name: 'a pattern that lets every task through, narrowed by a Deny: what remains is still granted through it (not RG101)',
      code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "ArnLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/*" } } },
    { "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "StringEquals": { "sts:TaskPolicyArn": ["${task('IAMCreateRootUserPassword')}", "${task('IAMDeleteRootUserCredentials')}"] } } }`),
      errors: [{ line: 4, message: /matches 3 task policies: IAMAuditRootUserCredentials, S3UnlockBucketPolicy and SQSUnlockQueuePolicy \(and any later one that fits\)/ }],
    },
    {
      name: 'ArnLike IAM* lists the three',
      code: withCondition(`"ArnLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAM*" }`),
      errors: [{ line: 9, message: 'matches 3 task policies: IAMAuditRootUserCredentials, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials' }],
      fix: {
        output: withCondition(
          `"ArnLike": { "sts:TaskPolicyArn": ["${task('IAMAuditRootUserCredentials')}", "${task('IAMCreateRootUserPassword')}", "${task('IAMDeleteRootUserCredentials')}"] }`,
        ),
      },
    },
    {
      name: 'StringLike *Queue* or *Bucket* in an array, miscased key, cn partition from Resource',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:*",
      "Resource": "arn:aws-cn:iam::111122223333:root",
      "Condition": {
        "StringLike": {
          "sts:taskpolicyarn": [
            "*Unlock*"
          ]
        }
      }
    }`),
      errors: [{ line: 11, message: 'S3UnlockBucketPolicy and SQSUnlockQueuePolicy' }],
      fix: {},
    },
    {
      name: 'ArnEquals globs too (per the IAM reference)',
      code: withCondition(`"ArnEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/*Root*" }`),
      errors: [{ line: 9, message: 'matches 3 task policies' }],
      fix: {},
    },
    {
      name: 'reported in an SCP Allow too',
      type: 'scp',
      code: withCondition(`"ArnLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/S*" }`),
      errors: [{ line: 9, message: 'matches 2 task policies' }],
    },
  ],
});
