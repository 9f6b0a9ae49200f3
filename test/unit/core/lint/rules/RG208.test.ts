import assert from 'node:assert/strict';
import { HOSTILE_INPUTS } from '../../../../../bench/hostileInputs';
import { lintText } from '../../../../../src/core/lint/linter';
import { publicPrincipal } from '../../../../../src/core/lint/rules/RG208-public-principal';
import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const bucket = (statement: string) => ({ type: 'resource' as const, code: policy(statement) });
const GET = '"Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"';
/** A CloudFormation bucket policy whose resources are the template's bucket, known only at deployment. */
const templateBucket = (statements: object[]) => ({
  type: 'cloudformation' as const,
  code: JSON.stringify({ Resources: { Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { Version: '2012-10-17', Statement: statements } } } } }, null, 1),
});
const OBJECTS = { 'Fn::Sub': '${B.Arn}/*' };
const URL = '"Action": "lambda:InvokeFunctionUrl", "Resource": "arn:aws:lambda:us-east-1:111122223333:function:hook"';
const MESSAGE = 'Any principal of any AWS account can call "s3:GetObject" here: Principal "*" with no condition on who calls.';
const PUBLISH = '"Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:uploads"';
const BUCKET_TAKER = (how: string, action = 'sns:Publish') =>
  `Any AWS account can have S3 call "${action}" here for a bucket it owns: ${how}. A bucket's ARN names no account, and once the bucket is deleted any account can create one of its name. Add a condition on aws:SourceAccount (a Lambda permission's SourceAccount) naming the bucket owner's account.`;

ruleTester('RG208', {
  valid: [
    { name: 'named accounts', ...bucket(`    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, ${GET} }`) },
    { name: 'a service principal', ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "cloudtrail.amazonaws.com" }, ${GET} }`) },
    {
      name: 'S3 for a bucket whose owner aws:SourceAccount names',
      ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH}, "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::uploads" }, "StringEquals": { "aws:SourceAccount": "111122223333" } } }`),
    },
    {
      name: 'S3 for a source other than a bucket (which S3 never sends)',
      ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH}, "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:other" } } }`),
    },
    {
      name: 'S3 for a bucket its owner unnamed, where a Deny beside it refuses every source account but the owner\'s',
      ...bucket(
        `    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH}, "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::uploads" } } },\n    { "Effect": "Deny", "Principal": "*", ${PUBLISH}, "Condition": { "StringNotEquals": { "aws:SourceAccount": "111122223333" } } }`,
      ),
    },
    {
      name: 'S3 for a bucket its owner unnamed, where a perimeter Deny refuses sources outside the organization',
      ...bucket(
        `    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH}, "Condition": { "ArnEquals": { "aws:SourceArn": "arn:aws:s3:::uploads" } } },\n    { "Effect": "Deny", "Principal": "*", "Action": "sns:*", "Resource": "*", "Condition": { "StringNotEqualsIfExists": { "aws:SourceOrgID": "o-a1b2c3d4e5" }, "Null": { "aws:SourceAccount": "false" } } }`,
      ),
    },
    {
      name: 'S3 for a template\'s bucket, where a Deny refuses every source account but the template\'s own (known only at deployment)',
      type: 'cloudformation' as const,
      code: JSON.stringify({
        Resources: {
          Policy: {
            Type: 'AWS::SNS::TopicPolicy',
            Properties: {
              Topics: [{ Ref: 'T' }],
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: 'T' }, Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['B', 'Arn'] } } } },
                  { Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: 'T' }, Condition: { StringNotEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } },
                ],
              },
            },
          },
        },
      }),
    },
    {
      name: 'S3 granted every queue action for a bucket its owner unnamed, where a Deny refuses the one S3 calls (sqs:SendMessage) to every source account but the owner\'s',
      ...bucket(
        `    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, "Action": "sqs:*", "Resource": "arn:aws:sqs:us-east-1:111122223333:uploads", "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::uploads" } } },\n    { "Effect": "Deny", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:uploads", "Condition": { "StringNotEquals": { "aws:SourceAccount": "111122223333" } } }`,
      ),
    },
    {
      name: 'S3 granted the account\'s queues by a pattern for a bucket its owner unnamed, where a Deny on the queue the policy names refuses every source account but the owner\'s',
      ...bucket(
        `    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:*", "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::uploads" } } },\n    { "Effect": "Deny", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:uploads", "Condition": { "StringNotEquals": { "aws:SourceAccount": "111122223333" } } }`,
      ),
    },
    {
      name: 'S3 granted only a call it never makes (sqs:ReceiveMessage) for a bucket its owner unnamed',
      ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, "Action": "sqs:ReceiveMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:uploads", "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::uploads" } } }`),
    },
    {
      name: 'S3 for a source ARN of S3 with a region and account, which no bucket\'s ARN has',
      ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH}, "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:us-east-1:111122223333:uploads" } } }`),
    },
    {
      name: 'a role S3 assumes (its own account\'s configuration passes it)',
      ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, "Action": "sts:AssumeRole" }`),
    },
    {
      name: 'a condition on the caller\'s organization',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }`),
    },
    {
      name: "a condition on the caller's organization path",
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } } }`),
    },
    {
      name: 'lambda:InvokeFunction on a condition on the function URL\'s auth type, which its requests never carry',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-1:111122223333:function:hook", "Condition": { "StringEquals": { "lambda:FunctionUrlAuthType": "NONE" } } }`),
    },
    {
      name: 'a condition on the endpoint the request comes through',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } } }`),
    },
    {
      name: 'a condition that names the calling account, which a stranger\'s is not',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "StringEquals": { "aws:PrincipalAccount": ["111122223333", "444455556666"] } } }`),
    },
    {
      name: 'a Deny in the same policy refuses callers outside the organization',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET} },
    { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": { "StringNotEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }`),
    },
    {
      name: 'a trust policy with an external id (the third party names the caller)',
      ...bucket(`    { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "sts:ExternalId": "c0ffee" } } }`),
    },
    {
      name: "a condition naming a role in one account: a stranger's account is another",
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "ArnEquals": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/Admin" } } }`),
    },
    {
      name: 'a role name in any account, but only within the organization',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" }, "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }`),
    },
    {
      name: 'a Deny of every principal but roles of one account',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "StringEquals": { "aws:PrincipalType": "AssumedRole" } } },
    { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": { "ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/*" } } }`),
    },
    {
      name: "a role name in accounts of a pattern: a stranger's account is none of them, whatever their digits",
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "ArnLike": { "aws:PrincipalArn": ["arn:aws:iam::9999*:role/Admin", "arn:aws:iam::8888*:role/Admin"] } } }`),
    },
    { name: 'a Deny is no grant', ...bucket(`    { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "false" } } }`) },
    {
      name: 'a VPC endpoint policy (its resources span buckets no one bucket policy could name): it only filters',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::packages.us-east-1.amazonaws.com/*", "arn:aws:s3:::amazonlinux-2-repos-us-east-1/*"] }`),
    },
    {
      name: 'NotResource of the whole bucket: nothing of it is left to grant',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "NotResource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"] }`),
    },
    { name: 'an identity policy names no principal', code: policy(`    { "Effect": "Allow", ${GET} }`) },
    {
      name: "a template's NotAction of a name known only at deployment, behind a Deny of callers outside the organization",
      ...templateBucket([
        { Effect: 'Allow', Principal: '*', NotAction: { 'Fn::Sub': 's3:${A}' }, Resource: 'arn:aws:s3:::reports/*' },
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      ]),
    },
    {
      name: "an action known only in part on another service's key, which none of its requests carries",
      ...templateBucket([{ Effect: 'Allow', Principal: '*', Action: { 'Fn::Sub': 's3:${A}' }, Resource: 'arn:aws:s3:::reports/*', Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } } }]),
    },
    {
      name: "a template's bucket behind a Deny of callers outside the organization on the same bucket",
      ...templateBucket([
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [{ 'Fn::GetAtt': ['B', 'Arn'] }, OBJECTS], Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: OBJECTS },
      ]),
    },
  ],
  invalid: [
    {
      name: 'S3 for a bucket aws:SourceArn names, its owner unnamed: whoever takes the name once the bucket is deleted gets in',
      ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH}, "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::uploads" } } }`),
      errors: [{ line: 4, column: 39, message: BUCKET_TAKER('aws:SourceArn names the bucket, but no condition on aws:SourceAccount names its owner') }],
    },
    {
      name: 'S3 for a bucket a Deny beside it names, not its owner: a Deny of another source lets the taker\'s bucket past',
      ...bucket(
        `    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH}, "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::uploads" } } },\n    { "Effect": "Deny", "Principal": "*", ${PUBLISH}, "Condition": { "ArnEquals": { "aws:SourceArn": "arn:aws:s3:::other" } } }`,
      ),
      errors: [{ line: 4, message: BUCKET_TAKER('aws:SourceArn names the bucket, but no condition on aws:SourceAccount names its owner') }],
    },
    {
      name: 'S3 for a bucket its owner unnamed, over TLS: S3 sends the taker\'s requests over TLS as the owner\'s',
      ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH}, "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::uploads" }, "Bool": { "aws:SecureTransport": "true" } } }`),
      errors: [{ line: 4, message: BUCKET_TAKER('aws:SourceArn names the bucket, but no condition on aws:SourceAccount names its owner') }],
    },
    {
      name: 'S3 Inventory\'s destination, its source bucket\'s owner unnamed: S3 sets the ACL for the taker\'s inventory as for the owner\'s',
      ...bucket(
        `    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::inventory-dest/*", "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::source" }, "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control" } } }`,
      ),
      errors: [{ line: 4, message: BUCKET_TAKER('aws:SourceArn names the bucket, but no condition on aws:SourceAccount names its owner', 's3:PutObject') }],
    },
    {
      name: 'S3 for a bucket named as the S3 console writes it (arn:aws:s3:*:*:name), its owner unnamed',
      ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH}, "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:*:*:uploads" } } }`),
      errors: [{ line: 4, message: BUCKET_TAKER('aws:SourceArn names the bucket, but no condition on aws:SourceAccount names its owner') }],
    },
    {
      name: 'S3 with no source at all: any bucket of any account',
      ...bucket(`    { "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" }, ${PUBLISH} }`),
      errors: [{ line: 4, message: BUCKET_TAKER('no condition on aws:SourceArn or aws:SourceAccount names the bucket or its owner') }],
    },
    {
      name: 'a public bucket',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET} }`),
      errors: [{ line: 4, column: 39, message: MESSAGE }],
    },
    {
      name: 'a Lambda function URL whose auth type is NONE: open to anyone, which may be meant',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${URL}, "Condition": { "StringEquals": { "lambda:FunctionUrlAuthType": "NONE" } } }`),
      errors: [{ line: 4, message: 'Anyone can call "lambda:InvokeFunctionUrl" here, without AWS credentials: Principal "*" on a function URL whose auth type is NONE. Expected where the URL is meant to be public; otherwise set the URL\'s AuthType to AWS_IAM and name the principals.' }],
    },
    {
      name: 'a Lambda function URL whose auth type is AWS_IAM: the owner\'s setting, no condition on who calls',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${URL}, "Condition": { "StringEquals": { "lambda:FunctionUrlAuthType": "AWS_IAM" } } }`),
      errors: [{ line: 4, message: 'Any principal of any AWS account can call "lambda:InvokeFunctionUrl" here: Principal "*" whose condition on lambda:FunctionUrlAuthType' }],
    },
    {
      name: 'a negated condition on the organization: every account outside it gets in',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "StringNotEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }`),
      errors: [{ line: 4, message: 'Principal "*" whose condition on aws:PrincipalOrgID still lets in accounts outside the organizations it names. Name the organizations let in, with StringEquals and without IfExists.' }],
    },
    {
      name: 'IfExists on the organization: an account in no organization gets in',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "StringEqualsIfExists": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }`),
      errors: [{ line: 4, message: 'Any principal of any AWS account can call "s3:GetObject" here: Principal "*" whose condition on aws:PrincipalOrgID' }],
    },
    {
      name: 'a condition on the caller that matches every account',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:*" } } }`),
      errors: [{ line: 4, message: 'Principal "*" whose condition on aws:PrincipalArn matches principals of any account. Name the principals' }],
    },
    ...(
      [
        ['a role of a given name, which anyone can make in its own account', '"ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" }'],
        ['any role', '"ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/*" }'],
        ["any account's root user", '"StringLike": { "aws:PrincipalArn": "arn:aws:iam::*:root" }'],
        ['a user name', '"StringEquals": { "aws:username": "deploy" }'],
        ['a kind of principal: role sessions', '"StringEquals": { "aws:PrincipalType": "AssumedRole" }'],
        ['a kind of principal: root users', '"StringEquals": { "aws:PrincipalType": "Account" }'],
        ["a pattern of the caller's unique id: every role's", '"StringLike": { "aws:userid": "AROA*" }'],
      ] as const
    ).map(([what, condition]) => ({
      name: `a condition on ${what}: it names no account`,
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { ${condition} } }`),
      errors: [{ line: 4, message: 'matches principals of any account. Name the principals' }],
    })),
    {
      name: 'a trust policy open to a role name in any account',
      ...bucket(`    { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole", "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/ci-deployer" } } }`),
      errors: [{ line: 4, message: 'Any principal of any AWS account can assume this role: Principal "*" whose condition on aws:PrincipalArn matches principals of any account.' }],
    },
    {
      name: 'a role anyone can assume',
      ...bucket(`    { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }`),
      errors: [{ line: 4, message: 'Any principal of any AWS account can assume this role: Principal "*" with no condition on who calls.' }],
    },
    {
      name: 'a condition only on what the caller sends: the referer',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "StringLike": { "aws:Referer": "https://www.example.com/*" } } }`),
      errors: [{ line: 4, message: 'Principal "*" with no condition on who calls; its condition tests only aws:Referer, which the caller sets.' }],
    },
    {
      name: 'TLS and MFA, which a stranger has as well',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET}, "Condition": { "Bool": { "aws:SecureTransport": "true", "aws:MultiFactorAuthPresent": "true" } } }`),
      errors: [{ line: 4, message: 'its condition tests only aws:SecureTransport and aws:MultiFactorAuthPresent, which the caller sets.' }],
    },
    {
      name: 'NotPrincipal in an Allow: everyone but the named',
      ...bucket(`    { "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:root" }, ${GET} }`),
      errors: [{ line: 4, message: 'Any principal of any AWS account can call "s3:GetObject" here: NotPrincipal in an Allow with no condition on who calls.' }],
    },
    {
      name: 'NotAction beside a public Allow: named by the action a stranger gets in with, never by what it excludes',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", ${GET} },
    { "Effect": "Allow", "Principal": "*", "NotAction": "s3:Delete*", "Resource": "arn:aws:s3:::reports/*" }`),
      errors: [
        { line: 4, message: MESSAGE },
        { line: 5, message: MESSAGE },
      ],
    },
    {
      name: 'a wildcard action, named as written',
      ...bucket(`    { "Effect": "Allow", "Principal": { "AWS": ["*"] }, "Action": "sqs:Send*", "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs" }`),
      errors: [{ line: 4, message: 'can call "sqs:Send*" here' }],
    },
    {
      name: 'NotAction alone: every other action of the bucket\'s service',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", "NotAction": ["s3:Delete*", "s3:PutBucketPolicy"], "Resource": "arn:aws:s3:::reports/*" }`),
      errors: [{ line: 4, message: 'Any principal of any AWS account can call every s3 action but "s3:Delete*" and "s3:PutBucketPolicy" here: Principal "*"' }],
    },
    {
      name: 'NotAction in a trust policy that leaves sts:AssumeRole in',
      ...bucket(`    { "Effect": "Allow", "Principal": { "AWS": "*" }, "NotAction": "sts:TagSession" }`),
      errors: [{ line: 4, message: 'Any principal of any AWS account can assume this role: Principal "*"' }],
    },
    {
      name: "a template's bucket, its ARN known only at deployment, open behind a Deny of plain HTTP",
      ...templateBucket([
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [{ 'Fn::GetAtt': ['B', 'Arn'] }, OBJECTS], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: OBJECTS },
      ]),
      errors: [{ line: 35, column: 21, message: MESSAGE }],
    },
    {
      name: "a template's NotAction of a name known only at deployment: it may be s3:*, open unless it is",
      ...templateBucket([{ Effect: 'Allow', Principal: '*', NotAction: { 'Fn::Sub': 's3:${A}' }, Resource: 'arn:aws:s3:::reports/*' }]),
      errors: [{ line: 14, column: 21, message: 'Not checked for access by any AWS account: NotAction "s3:${A}" is known only in part before deployment, and may be "s3:*". Unless it lists every s3 action, any principal of any AWS account can call the others here: Principal "*" with no condition on who calls.' }],
    },
    {
      name: "a template's NotAction known only in part after s3:Get: whatever it is, the rest of s3 is open",
      ...templateBucket([{ Effect: 'Allow', Principal: '*', NotAction: { 'Fn::Sub': 's3:Get${A}' }, Resource: 'arn:aws:s3:::reports/*' }]),
      errors: [{ line: 14, column: 21, message: 'Any principal of any AWS account can call every s3 action but "s3:Get${A}" here: Principal "*" with no condition on who calls.' }],
    },
    {
      name: "a template's NotAction given whole by a parameter: open unless it lists every s3 action",
      ...templateBucket([{ Effect: 'Allow', Principal: '*', NotAction: { Ref: 'A' }, Resource: 'arn:aws:s3:::reports/*' }]),
      errors: [{ line: 14, column: 21, message: 'Not checked for access by any AWS account: NotAction "{ "Ref": "A" }" names a service known only at deployment. Unless it lists every s3 action, any principal' }],
    },
    {
      name: "NotAction given whole by a parameter on the template's own bucket: the service it guards is not named either",
      ...templateBucket([{ Effect: 'Allow', Principal: '*', NotAction: { Ref: 'A' }, Resource: OBJECTS }]),
      errors: [{ line: 14, column: 21, message: 'Unless it lists every action of the service this policy guards, any principal' }],
    },
    {
      name: 'a public grant beside a Deny whose action is a parameter: open unless the Deny covers it',
      ...templateBucket([
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
        { Effect: 'Deny', Principal: '*', Action: { 'Fn::Sub': 's3:${D}' }, Resource: 'arn:aws:s3:::reports/*' },
      ]),
      errors: [{ line: 14, column: 21, message: 'Not checked for access by any AWS account: whether the Deny of "s3:${D}" covers this grant is known only at deployment. Unless it does, any principal of any AWS account can call "s3:GetObject" here: Principal "*" with no condition on who calls.' }],
    },
    {
      name: 'a grant known only in part beside a Deny of every action but s3:GetObject, which it may be',
      ...templateBucket([
        { Effect: 'Allow', Principal: '*', Action: { 'Fn::Sub': 's3:${A}' }, Resource: 'arn:aws:s3:::reports/*' },
        { Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
      ]),
      errors: [{ line: 14, column: 21, message: 'whether the Deny of every action but "s3:GetObject" covers this grant is known only at deployment. Unless it does, any principal of any AWS account can call "s3:${A}" here' }],
    },
    {
      name: 'a grant known only in part beside a Deny of s3:Get*, which it may be',
      ...templateBucket([
        { Effect: 'Allow', Principal: '*', Action: { 'Fn::Sub': 's3:${A}' }, Resource: 'arn:aws:s3:::reports/*' },
        { Effect: 'Deny', Principal: '*', Action: 's3:Get*', Resource: 'arn:aws:s3:::reports/*' },
      ]),
      errors: [{ line: 14, column: 21, message: 'Not checked for access by any AWS account: whether the Deny of "s3:Get*" covers this grant is known only at deployment. Unless it does, any principal of any AWS account can call "s3:${A}" here: Principal "*" with no condition on who calls.' }],
    },
    {
      name: 'NotResource: the other objects of the bucket',
      ...bucket(`    { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::reports/private/*" }`),
      errors: [{ line: 4, message: MESSAGE }],
    },
  ],
});

describe('RG208 on a policy past the engine\'s work budget', () => {
  it('names the statements it did not weigh instead of passing them', () => {
    const input = HOSTILE_INPUTS.find((i) => i.name.startsWith('a bucket policy of public statements'))!;
    const findings = lintText({ path: 'huge.json', text: input.make(input.reportedSize), type: 'resource' }, { rules: [publicPrincipal] });
    const notWeighed = findings.filter((f) => f.message.startsWith('Not checked for access by any AWS account'));
    assert.ok(notWeighed.length > 0 && notWeighed.length < input.reportedSize, `${notWeighed.length} not weighed`);
  });
});
