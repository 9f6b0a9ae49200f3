import { ruleTester } from '../ruleTester';
import { policy, task } from './caseText';

const withValue = (operator: string, value: string) => policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "${operator}": {
          "sts:TaskPolicyArn": ${value}
        }
      }
    }`);

ruleTester('RG103', {
  valid: [
    { name: 'all five, three partitions', code: withValue('ArnEquals', JSON.stringify([task('IAMAuditRootUserCredentials'), task('IAMCreateRootUserPassword', 'aws-cn'), task('IAMDeleteRootUserCredentials', 'aws-us-gov'), task('S3UnlockBucketPolicy'), task('SQSUnlockQueuePolicy')])) },
    { name: 'a wildcard that matches', code: withValue('ArnLike', '"arn:aws:iam::aws:policy/root-task/S3*"') },
    { name: 'IgnoreCase accepts another case', code: withValue('StringEqualsIgnoreCase', `"${task('iamauditrootusercredentials')}"`) },
    { name: 'a policy variable', code: withValue('StringEquals', '"${aws:PrincipalTag/task}"') },
    { name: 'Null takes true/false', code: withValue('Null', '"false"') },
  ],
  invalid: [
    {
      name: '${?} is the character "?", no variable: the ARN is checked as written',
      code: withValue('StringEquals', '"arn:aws:iam::aws:policy/root-task/IAMAudit${?}ootUserCredentials"'),
      errors: [{ line: 10, message: `is not a root-task policy ARN (compared case-sensitively); did you mean "${task('IAMAuditRootUserCredentials')}"?` }],
    },
    {
      name: 'CLI arn= prefix',
      code: withValue('ArnEquals', `"arn=${task('IAMAuditRootUserCredentials')}"`),
      errors: [{ line: 10, message: `did you mean "${task('IAMAuditRootUserCredentials')}"` }],
      fix: { output: withValue('ArnEquals', `"${task('IAMAuditRootUserCredentials')}"`) },
    },
    {
      name: 'a typo in an array, second value; in a Deny too',
      code: policy(`    {
      "Effect": "Deny",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "StringNotEquals": {
          "sts:TaskPolicyArn": [
            "${task('S3UnlockBucketPolicy')}",
            "${task('SQSUnlockQueuPolicy')}"
          ]
        }
      }
    }`),
      errors: [{ line: 12, message: task('SQSUnlockQueuePolicy') }],
      fix: {},
    },
    {
      name: 'wrong case under a case-sensitive operator',
      code: withValue('StringEquals', `"${task('IAMCreateRootUserpassword')}"`),
      errors: [{ line: 10, message: 'compared case-sensitively' }],
      fix: { output: withValue('StringEquals', `"${task('IAMCreateRootUserPassword')}"`) },
    },
    {
      name: 'wrong path, aws-us-gov partition kept',
      code: withValue('ArnEquals', '"arn:aws-us-gov:iam::aws:policy/IAMDeleteRootUserCredentials"'),
      errors: [{ line: 10, message: task('IAMDeleteRootUserCredentials', 'aws-us-gov') }],
      fix: {},
    },
    {
      name: 'a wildcard that matches nothing has no fix',
      code: withValue('ArnLike', '"arn:aws:iam::aws:policy/roottask/*"'),
      errors: [{ line: 10, message: 'matches none of the five' }],
    },
  ],
});
