import { ruleTester } from '../ruleTester';
import { policy, task } from './caseText';

/** RG107 on Denies whose answer hinges on what a root session's requests carry: the finding's whole text, and its line. */
const denyRoot = (condition: string, action = '"Action": "*"', resource = '"Resource": "*"') => policy(`    {
      "Effect": "Deny",
      ${action},
      ${resource},
      "Condition": {
        "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:root" }${condition && `,\n        ${condition}`}
      }
    }`);

/** A Deny of every action that spares some principals (a data perimeter): RG107 reports it only where it certainly catches root sessions. */
const perimeter = (condition: string) => policy(`    {
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        ${condition}
      }
    }`);

const ROOT_DENY = 'Denies the root principal (ArnLike "arn:aws:iam::*:root") without a "Null": {"aws:AssumedRoot": "true"} exemption, so it also denies centralized root access sessions in partition aws: ';
const EVERY_TASK = 'blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy (all 4 calls); SQSUnlockQueuePolicy (all 4 calls)';

ruleTester('RG107', {
  valid: [
    {
      name: '"no password recovery sessions" on sts:TaskPolicyArn never applies in the member account: nothing blocked',
      type: 'scp',
      code: denyRoot(`"StringEquals": { "sts:TaskPolicyArn": "${task('IAMCreateRootUserPassword')}" }`),
    },
    // A call on no resource (ListAllMyBuckets, ListQueues, GetAccountSummary) carries aws:ResourceOrgID and
    // aws:ResourceAccount or not (AWS does not document it; if it does, the session's own): a perimeter that
    // spares tagged principals blocks root sessions only depending on them, and is not reported.
    {
      name: "AWS's resource perimeter SCP (StringNotEqualsIfExists aws:ResourceOrgID, sparing dp:exclude:resource principals): not certain for any call",
      type: 'scp',
      code: perimeter('"StringNotEqualsIfExists": { "aws:ResourceOrgID": "o-exampleorg1", "ec2:Owner": "amazon", "aws:PrincipalTag/dp:exclude:resource": "true" }'),
    },
    {
      name: 'a perimeter on aws:ResourceAccount ${aws:PrincipalAccount}: the own resources spared, the calls on no resource not certain',
      type: 'scp',
      code: perimeter('"StringNotEqualsIfExists": { "aws:ResourceAccount": "${aws:PrincipalAccount}", "aws:PrincipalTag/dp:exclude:resource": "true" }'),
    },
    {
      name: 'a Deny of resources outside any organization (Null aws:ResourceOrgID true): the own resources spared, the calls on no resource not certain',
      type: 'scp',
      code: perimeter('"Null": { "aws:ResourceOrgID": "true" },\n        "StringNotEqualsIfExists": { "aws:PrincipalTag/dp:exclude:resource": "true" }'),
    },
  ],
  invalid: [
    {
      name: '"only audit sessions" on sts:TaskPolicyArn blocks every task, audit included, certainly',
      type: 'scp',
      code: denyRoot(`"StringNotEquals": { "sts:TaskPolicyArn": "${task('IAMAuditRootUserCredentials')}" }`),
      errors: [{ line: 9, message: `${ROOT_DENY}${EVERY_TASK}.` }],
      fix: {},
    },
    {
      name: 'a region fence without an IAM exemption: the IAM tasks certainly, the S3 and SQS tasks depending on the Region',
      type: 'scp',
      code: denyRoot(`"StringNotEquals": { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] }`),
      errors: [
        {
          line: 9,
          message:
            `${ROOT_DENY}blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls); ` +
            'S3UnlockBucketPolicy (all 4 calls, depending on aws:RequestedRegion); SQSUnlockQueuePolicy (all 4 calls, depending on aws:RequestedRegion).',
        },
      ],
      fix: {},
    },
    {
      name: 'a Deny of eu-west-1\'s queues: the SQS unlock, depending on the Region (it had been no finding)',
      type: 'scp',
      code: denyRoot('', '"Action": ["sqs:SetQueueAttributes", "sqs:GetQueueAttributes"]', '"Resource": "arn:aws:sqs:eu-west-1:*:*"'),
      errors: [{ line: 9, message: `${ROOT_DENY}blocks SQSUnlockQueuePolicy: sqs:SetQueueAttributes, sqs:GetQueueAttributes (depending on aws:RequestedRegion).` }],
      fix: {},
    },
    {
      // What a call on no resource carries as aws:ResourceOrgID is not documented: absent, or the session's own.
      name: 'the usual resource perimeter spares the account\'s own bucket and queue: only the listings, depending on aws:ResourceOrgID',
      type: 'scp',
      code: denyRoot('"StringNotEqualsIfExists": { "aws:ResourceOrgID": "${aws:PrincipalOrgID}" }', '"Action": ["s3:*", "sqs:*"]'),
      errors: [{ line: 9, message: `${ROOT_DENY}blocks S3UnlockBucketPolicy: s3:ListAllMyBuckets; SQSUnlockQueuePolicy: sqs:ListQueues (depending on aws:ResourceOrgID).` }],
      fix: {},
    },
  ],
});
