import { ruleTester } from '../ruleTester';
import { policy, task } from './caseText';

const assumeRoot = (resource: string, condition: string) => policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": ${resource},
      "Condition": ${condition}
    }`);

ruleTester('RG102', {
  valid: [
    {
      name: 'a Deny in the same policy takes the password task away',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": { "ArnEquals": { "sts:TaskPolicyArn": ["${task('IAMAuditRootUserCredentials')}", "${task('IAMCreateRootUserPassword')}"] } }
    },
    {
      "Effect": "Deny",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": { "ArnEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" } }
    }`),
    },
    { name: 'password task for named accounts only', code: assumeRoot('["arn:aws:iam::111122223333:root"]', `{ "ArnEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" } }`) },
    {
      name: 'password task for one account named by aws:ResourceAccount, the account of the root user asked for',
      code: assumeRoot('"*"', `{ "ArnEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" }, "StringEquals": { "aws:ResourceAccount": "111122223333" } }`),
    },
    { name: 'other tasks on every account', code: assumeRoot('"*"', `{ "ArnEquals": { "sts:TaskPolicyArn": ["${task('IAMAuditRootUserCredentials')}", "${task('S3UnlockBucketPolicy')}"] } }`) },
    { name: 'negation that excludes it', code: assumeRoot('"*"', `{ "ArnNotEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" } }`) },
    { name: 'a wildcard that misses it', code: assumeRoot('"*"', `{ "ArnLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMDelete*" } }`) },
    { name: 'unrestricted is RG101, not reported twice', code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*" }`) },
    {
      name: 'Deny',
      code: policy(`    { "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "ArnEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" } } }`),
    },
    {
      name: 'SCP',
      type: 'scp',
      code: assumeRoot('"*"', `{ "ArnEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" } }`),
    },
  ],
  invalid: [
    {
      name: 'every account but one, by aws:ResourceAccount',
      code: assumeRoot('"*"', `{
        "ArnEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" },
        "StringNotEquals": { "aws:ResourceAccount": "111122223333" }
      }`),
      errors: [{ line: 9, message: 'IAMCreateRootUserPassword (named) for every member account except account 111122223333:' }],
    },
    {
      name: 'named, on *',
      code: assumeRoot('"*"', `{
        "ArnEquals": {
          "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}"
        }
      }`),
      errors: [{ line: 10, message: 'Allows sts:AssumeRoot with IAMCreateRootUserPassword (named) for every member account' }],
    },
    {
      name: 'matched by a wildcard, on arn:aws:iam::*:root, miscased key',
      code: assumeRoot('"arn:aws:iam::*:root"', `{
        "StringLike": { "sts:TaskPolicyARN": ["${task('S3UnlockBucketPolicy')}", "*Root*"] }
      }`),
      errors: [{ line: 9, message: 'IAMCreateRootUserPassword (matched by "*Root*") for every member account' }],
    },
    {
      name: 'not excluded by a negation, on an account wildcard',
      code: assumeRoot('"arn:aws:iam::1111*:root"', `{
        "StringNotEquals": { "sts:TaskPolicyArn": "${task('IAMDeleteRootUserCredentials')}" }
      }`),
      errors: [{ line: 9, message: 'IAMCreateRootUserPassword (not excluded by StringNotEquals) for every account matching arn:aws:iam::1111*:root' }],
    },
    {
      name: 'a Deny that carves one account out of the pattern is named in the message',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "arn:aws:iam::1111*:root",
      "Condition": { "ArnEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" } }
    },
    {
      "Effect": "Deny",
      "Action": "sts:AssumeRoot",
      "Resource": "arn:aws:iam::111122223333:root"
    }`),
      errors: [{ line: 8, message: 'for every account matching arn:aws:iam::1111*:root except account 111122223333:' }],
    },
    {
      name: 'IfExists does not hide it',
      code: assumeRoot('"*"', `{ "ArnEqualsIfExists": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" } }`),
      errors: [{ line: 8 }],
    },
  ],
});
