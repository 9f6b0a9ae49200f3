import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

/**
 * RG107 on Denies that read keys a root session's calls never carry (no task call tags anything, nor supports
 * another service's key): decided with the key absent, not "depending on" it. The finding's whole text, and its line.
 */
const deny = (principal: string, condition: string) => policy(`    {
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        ${principal},
        ${condition}
      }
    }`);

const ROOT_ARN = '"ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:root" }';
const BUT_ADMIN = '"StringNotLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" }';
const ROOT_DENY = 'Denies the root principal (ArnLike "arn:aws:iam::*:root") without a "Null": {"aws:AssumedRoot": "true"} exemption, so it also denies centralized root access sessions in partition aws: ';
const EVERY_TASK = 'blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy (all 4 calls); SQSUnlockQueuePolicy (all 4 calls)';

ruleTester('RG107', {
  valid: [
    {
      name: 'ForAnyValue aws:TagKeys never holds on a root session\'s calls: nothing blocked (it had been "depending on aws:TagKeys")',
      type: 'scp',
      code: deny(ROOT_ARN, '"ForAnyValue:StringLike": { "aws:TagKeys": ["dp:*", "team"] }'),
    },
    {
      name: 'a Deny that exempts a role and blocks root sessions only depending on a key (a bucket\'s tag) is not reported',
      type: 'scp',
      code: deny(BUT_ADMIN, '"StringEquals": { "aws:ResourceTag/locked": "true" }'),
    },
  ],
  invalid: [
    {
      name: 'StringNotEquals on another service\'s key (ec2:Owner) holds on its absence: every task, certainly',
      type: 'scp',
      code: deny(ROOT_ARN, '"StringNotEquals": { "ec2:Owner": "amazon" }'),
      errors: [{ line: 9, message: `${ROOT_DENY}${EVERY_TASK}.` }],
      fix: {},
    },
    {
      name: 'a Deny exempting a role with Null aws:RequestTag/owner true: root sessions blocked certainly, so reported (it had been no finding)',
      type: 'scp',
      code: deny(BUT_ADMIN, '"Null": { "aws:RequestTag/owner": "true" }'),
      errors: [{ line: 5, message: `Also denies centralized root access sessions (nothing exempts "aws:AssumedRoot"): ${EVERY_TASK}.` }],
      fix: {},
    },
  ],
});
