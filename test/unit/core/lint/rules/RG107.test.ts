import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyFix, lintFiles } from '../../../../../src/core/lint/linter';
import { ruleById } from '../../../../../src/core/lint/rules';
import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const denyRoot = (condition: string, action = '"Action": "*"') => policy(`    {
      "Effect": "Deny",
      ${action},
      "Resource": "*",
      "Condition": {
        ${condition}
      }
    }`);

// An RCP's statement names Principal "*" (Organizations rejects one without; RG002 reports it, and the rules
// that interpret statements skip it).
const RCP_ALL = '"Principal": "*", "Action": "*"';
const RCP_LISTINGS = '"Principal": "*", "Action": ["s3:ListAllMyBuckets", "sqs:ListQueues"]';
const ROOT_LIKE = `"ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:root" }`;
const SPARE_AUDIT = 'Exempt only IAMAuditRootUserCredentials root sessions: add "Null": {"aws:AssumedRoot": "true"} and a Deny of the other tasks\' calls to root sessions';
const SPARE_AUDIT_SQS = SPARE_AUDIT.replace('IAMAuditRootUserCredentials', 'IAMAuditRootUserCredentials and SQSUnlockQueuePolicy');

ruleTester('RG107', {
  valid: [
    { name: 'exempted with Null aws:AssumedRoot true', type: 'scp', code: denyRoot(`${ROOT_LIKE},\n        "Null": { "aws:AssumedRoot": "true" }`) },
    { name: 'exempted with BoolIfExists false, miscased key', type: 'scp', code: denyRoot(`${ROOT_LIKE},\n        "BoolIfExists": { "AWS:ASSUMEDROOT": "false" }`) },
    { name: 'aimed at root sessions on purpose (Bool true)', type: 'scp', code: denyRoot(`${ROOT_LIKE},\n        "Bool": { "aws:AssumedRoot": "true" }`) },
    { name: 'denies no task action', type: 'scp', code: denyRoot(ROOT_LIKE, '"Action": ["ec2:*", "organizations:LeaveOrganization"]') },
    { name: 'a NotAction excepting every task action', type: 'scp', code: denyRoot(ROOT_LIKE, '"NotAction": ["iam:*", "s3:*", "sqs:*"]') },
    { name: 'roles, not root', type: 'scp', code: denyRoot(`"ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/*" }`) },
    { name: 'StringEquals takes the * literally: it never matches a root session', type: 'scp', code: denyRoot(`"StringEquals": { "aws:PrincipalArn": "arn:aws:iam::*:root" }`) },
    { name: 'a data perimeter that catches root sessions only on other keys', type: 'scp', code: denyRoot(`"StringNotEquals": { "aws:ResourceOrgID": "o-exampleorg1" }`, '"Action": "s3:*"') },
    { name: 'root sessions of another partition only', type: 'scp', code: denyRoot(`"ArnLike": { "aws:PrincipalArn": "arn:aws-cn:iam::*:root" }`, '"Action": "ec2:*"') },
    { name: 'identity policies are out of scope', code: denyRoot(ROOT_LIKE) },
    { name: 'an Allow is no deny', type: 'scp', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": { ${ROOT_LIKE} } }`) },
  ],
  invalid: [
    {
      name: 'in a file with CRLF line ends, the exemption is written with CRLF too',
      type: 'scp',
      code: denyRoot(`"ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" }`, '"Action": "iam:Delete*"').replace(/\n/g, '\r\n'),
      errors: [{ line: 5 }],
      fix: { output: denyRoot(`"ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" },\n        "Null": {\n          "aws:AssumedRoot": "true"\n        }`, '"Action": "iam:Delete*"').replace(/\n/g, '\r\n') },
    },
    {
      name: 'a deny that exempts some roles still catches root sessions',
      type: 'scp',
      code: denyRoot(`"ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" }`, '"Action": "iam:Delete*"'),
      errors: [{ line: 5, message: 'Also denies centralized root access sessions (nothing exempts "aws:AssumedRoot"): blocks IAMDeleteRootUserCredentials: iam:DeleteAccessKey, iam:DeleteSigningCertificate, iam:DeleteLoginProfile, iam:DeleteVirtualMFADevice.' }],
      fix: { output: denyRoot(`"ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" },\n        "Null": {\n          "aws:AssumedRoot": "true"\n        }`, '"Action": "iam:Delete*"') },
    },
    {
      name: 'an exemption written with five ARN parts: certain where the partition differs, in aws depending on how AWS reads it',
      type: 'scp',
      code: denyRoot(`"ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*" }`, '"Action": "iam:Delete*"'),
      errors: [
        {
          line: 5,
          message:
            'Also denies centralized root access sessions (nothing exempts "aws:AssumedRoot"): blocks IAMDeleteRootUserCredentials: iam:DeleteAccessKey, iam:DeleteSigningCertificate, iam:DeleteLoginProfile, iam:DeleteVirtualMFADevice; in partition aws, depending on how AWS reads an ARN pattern of fewer than six parts.',
        },
      ],
    },
    {
      name: 'a deny that exempts some roles and certainly refuses the calls on buckets, though never the listing',
      type: 'scp',
      code: denyRoot(`"ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" }`, '"Action": "s3:*",\n      "Resource": "arn:aws:s3:::*"').replace('\n      "Resource": "*",', ''),
      errors: [{ line: 5, message: 'Also denies centralized root access sessions (nothing exempts "aws:AssumedRoot") in partition aws: blocks S3UnlockBucketPolicy: s3:DeleteBucketPolicy, s3:PutBucketPolicy, s3:GetBucketPolicy.' }],
      fix: {},
    },
    {
      name: "a deny of one account's callers blocks root sessions in that account only, and says so",
      type: 'scp',
      code: denyRoot(`"StringEquals": { "aws:userid": "111122223333" }`),
      errors: [{ line: 5, message: 'Also denies centralized root access sessions (nothing exempts "aws:AssumedRoot") for account 111122223333: blocks IAMAuditRootUserCredentials (all 7 calls)' }],
    },
    {
      name: 'the root of named accounts, by ARN',
      type: 'scp',
      code: denyRoot(`"ArnLike": { "aws:PrincipalArn": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] }`),
      errors: [{ line: 9, message: 'so it also denies centralized root access sessions for accounts 111122223333 and 444455556666 of partition aws: blocks' }],
    },
    {
      name: "Control Tower's AWS-GR_RESTRICT_ROOT_USER (arn:*:), every partition",
      type: 'scp',
      code: denyRoot(`"StringLike": { "aws:PrincipalArn": ["arn:*:iam::*:root"] }`),
      errors: [{ line: 9, message: 'exemption, so it also denies centralized root access sessions: blocks IAMAuditRootUserCredentials (all 7 calls)' }],
      fix: {},
    },
    {
      name: "Landing Zone Accelerator's arn:${PARTITION}:",
      type: 'scp',
      code: denyRoot(`"ArnLike": { "aws:PrincipalArn": "arn:\${PARTITION}:iam::*:root" }`),
      errors: [{ line: 9, message: 'blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy (all 4 calls); SQSUnlockQueuePolicy (all 4 calls).' }],
      fix: {},
    },
    {
      name: 'a template\'s StringLike on arn:${AWS::Partition}: (Fn::Sub) blocks every task for certain',
      type: 'scp',
      code: denyRoot(`"StringLike": { "aws:PrincipalArn": "arn:\uE000:iam::*:root" }`),
      errors: [{ line: 9, message: /blocks IAMAuditRootUserCredentials \(all 7 calls\); .*; SQSUnlockQueuePolicy \(all 4 calls\)\.$/ }],
      fix: {},
    },
    {
      name: "a template's root ARN with its account known only at deployment: blocks, depending on that value",
      type: 'scp',
      code: denyRoot(`"StringLike": { "aws:PrincipalArn": "arn:aws:iam::\uE000:root" }`),
      errors: [{ line: 9, message: /blocks IAMAuditRootUserCredentials \(all 7 calls\); .* \(depending on values known only at deployment\)\.$/ }],
      fix: {},
    },
    {
      name: 'the IaC layer\'s unknown partition (${AWS::Partition} in Fn::Sub)',
      type: 'scp',
      code: denyRoot(`"ArnLike": { "aws:PrincipalArn": "arn:\uE000:iam::*:root" }`),
      errors: [{ line: 9, message: 'it also denies centralized root access sessions: blocks IAMAuditRootUserCredentials (all 7 calls)' }],
      fix: {},
    },
    {
      name: 'classic deny root, Null exemption added as a new operator',
      type: 'scp',
      code: denyRoot(ROOT_LIKE),
      errors: [{ line: 9, message: 'Denies the root principal (ArnLike "arn:aws:iam::*:root") without a "Null": {"aws:AssumedRoot": "true"} exemption' }],
      fix: { output: denyRoot(`${ROOT_LIKE},\n        "Null": {\n          "aws:AssumedRoot": "true"\n        }`) },
    },
    {
      name: 'RCP, StringLike in an array, a Null block already there',
      type: 'rcp',
      code: denyRoot(`"StringLike": { "aws:PrincipalArn": ["arn:aws:iam::*:role/Break", "arn:aws:iam::*:root"] },
        "Null": { "aws:SourceIp": "false" }`, RCP_ALL),
      errors: [{ line: 9, message: /StringLike "arn:aws:iam::\*:root".*: blocks S3UnlockBucketPolicy \(all 4 calls\); SQSUnlockQueuePolicy \(all 4 calls\) \(depending on aws:SourceIp and whether RCPs govern a call on no resource\)\.$/ }],
      fix: {
        output: denyRoot(`"StringLike": { "aws:PrincipalArn": ["arn:aws:iam::*:role/Break", "arn:aws:iam::*:root"] },
        "Null": { "aws:SourceIp": "false", "aws:AssumedRoot": "true" }`, RCP_ALL),
      },
    },
    {
      // AWS does not document whether RCPs govern a call on no resource; the preflight reads it the same way.
      name: 'an RCP denying only the listings (calls on no resource): blocks them depending on whether RCPs govern such a call',
      type: 'rcp',
      code: denyRoot(ROOT_LIKE, RCP_LISTINGS),
      errors: [{ line: 9, message: /: blocks S3UnlockBucketPolicy: s3:ListAllMyBuckets; SQSUnlockQueuePolicy: sqs:ListQueues \(depending on whether RCPs govern a call on no resource\)\.$/ }],
      fix: { output: denyRoot(`${ROOT_LIKE},\n        "Null": {\n          "aws:AssumedRoot": "true"\n        }`, RCP_LISTINGS) },
    },
    {
      name: 'NotAction deny says what it still blocks',
      type: 'scp',
      code: denyRoot(ROOT_LIKE, '"NotAction": ["s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "sqs:*"]'),
      errors: [
        {
          line: 9,
          message:
            'so it also denies centralized root access sessions in partition aws: blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); ' +
            'IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy: s3:ListAllMyBuckets.',
        },
      ],
      fix: {},
    },
    {
      name: 'a deny of every bucket but some: the listing for certain, the calls on a bucket only depending on which, and said so',
      type: 'scp',
      code: denyRoot(ROOT_LIKE, '"Action": "s3:*",\n      "NotResource": "arn:aws:s3:::keep-*"').replace('\n      "Resource": "*",', ''),
      errors: [
        {
          line: 9,
          message:
            'so it also denies centralized root access sessions in partition aws: blocks S3UnlockBucketPolicy: s3:ListAllMyBuckets (and s3:DeleteBucketPolicy, s3:PutBucketPolicy, s3:GetBucketPolicy depending on which bucket).',
        },
      ],
      fix: {},
    },
    {
      name: 'a deny of some MFA devices: the deletion of the device depending on which, as for buckets',
      type: 'scp',
      code: denyRoot(ROOT_LIKE, '"Action": "iam:DeleteVirtualMFADevice"').replace('"Resource": "*"', '"Resource": "arn:aws:iam::*:mfa/ops-*"'),
      errors: [
        {
          line: 9,
          message: 'so it also denies centralized root access sessions in partition aws: blocks IAMDeleteRootUserCredentials: iam:DeleteVirtualMFADevice (depending on which MFA device).',
        },
      ],
      fix: {},
    },
    {
      name: 'a deny of everything unless the task policy is the audit\'s, with no root condition: root sessions carry no sts:TaskPolicyArn, so every task is blocked',
      type: 'scp',
      code: denyRoot(`"StringNotEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" }`),
      errors: [
        {
          line: 5,
          message:
            'Also denies centralized root access sessions (nothing exempts "aws:AssumedRoot"): blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); ' +
            'IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy (all 4 calls); SQSUnlockQueuePolicy (all 4 calls).',
        },
      ],
      fix: {},
    },
    {
      name: 'a root deny "unless the task policy is the audit\'s": preferred is exempting the audit task\'s calls alone, not every task\'s sessions',
      type: 'scp',
      code: denyRoot(`${ROOT_LIKE},\n        "StringNotEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" }`),
      errors: [
        {
          line: 9,
          preferred: [SPARE_AUDIT],
          fixes: [SPARE_AUDIT, 'Exempt root sessions: add "Null": {"aws:AssumedRoot": "true"} (lets every task\'s root sessions through, not only IAMAuditRootUserCredentials)'],
        },
      ],
      fix: {
        title: SPARE_AUDIT,
        output: policy(`    {
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        ${ROOT_LIKE},
        "StringNotEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" },
        "Null": {
          "aws:AssumedRoot": "true"
        }
      }
    },
    {
      "Effect": "Deny",
      "Action": [
        "iam:CreateLoginProfile",
        "iam:DeleteAccessKey",
        "iam:DeleteSigningCertificate",
        "iam:DeleteLoginProfile",
        "iam:DeactivateMFADevice",
        "iam:DeleteVirtualMFADevice",
        "s3:DeleteBucketPolicy",
        "s3:PutBucketPolicy",
        "s3:GetBucketPolicy",
        "s3:ListAllMyBuckets",
        "sqs:SetQueueAttributes",
        "sqs:GetQueueAttributes",
        "sqs:ListQueues",
        "sqs:GetQueueUrl"
      ],
      "Resource": "*",
      "Condition": {
        "ArnLike": {
          "aws:PrincipalArn": "arn:aws:iam::*:root"
        },
        "Bool": {
          "aws:AssumedRoot": "true"
        }
      }
    }`),
      },
    },
    {
      name: 'sparing two tasks by ArnNotEquals, with a Sid: the new Deny keeps the statement\'s Sid apart and refuses the other tasks\' calls alone',
      type: 'scp',
      code: policy(`    {
      "Sid": "DenyRoot",
      "Effect": "Deny",
      "Action": "iam:*",
      "Resource": "*",
      "Condition": { ${ROOT_LIKE}, "ArnNotEquals": { "sts:TaskPolicyArn": ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials", "arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy"] } }
    }`),
      errors: [{ line: 9, preferred: [SPARE_AUDIT_SQS] }],
      fix: {
        title: SPARE_AUDIT_SQS,
        output: policy(`    {
      "Sid": "DenyRoot",
      "Effect": "Deny",
      "Action": "iam:*",
      "Resource": "*",
      "Condition": { ${ROOT_LIKE}, "ArnNotEquals": { "sts:TaskPolicyArn": ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials", "arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy"] }, "Null": { "aws:AssumedRoot": "true" } }
    },
    {
      "Sid": "DenyRootRootSessions",
      "Effect": "Deny",
      "Action": [
        "iam:CreateLoginProfile",
        "iam:DeleteAccessKey",
        "iam:DeleteSigningCertificate",
        "iam:DeleteLoginProfile",
        "iam:DeactivateMFADevice",
        "iam:DeleteVirtualMFADevice"
      ],
      "Resource": "*",
      "Condition": {
        "ArnLike": {
          "aws:PrincipalArn": "arn:aws:iam::*:root"
        },
        "Bool": {
          "aws:AssumedRoot": "true"
        }
      }
    }`),
      },
    },
    {
      name: 'sparing every task the Deny refuses (the S3 unlock, of s3:*): the Null exemption is exact, and preferred',
      type: 'scp',
      code: denyRoot(`${ROOT_LIKE},\n        "ArnNotLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/S3*" }`, '"Action": "s3:*"'),
      errors: [{ line: 9, preferred: ['Exempt root sessions: add "Null": {"aws:AssumedRoot": "true"}'] }],
    },
    {
      name: 'a deny of everything but for Audit roles (ArnNotLike aws:PrincipalArn) catches root sessions, whose principal is the account root',
      type: 'scp',
      code: denyRoot(`"ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Audit*" }`),
      errors: [{ line: 5, message: /^Also denies centralized root access sessions \(nothing exempts "aws:AssumedRoot"\): blocks IAMAuditRootUserCredentials \(all 7 calls\); .*; SQSUnlockQueuePolicy \(all 4 calls\)\.$/ }],
      fix: {},
    },
    {
      name: 'one account named, ForAllValues:Bool true is no exemption',
      type: 'scp',
      code: denyRoot(`"StringEquals": { "aws:PrincipalArn": "arn:aws:iam::111122223333:root" },
        "ForAllValues:Bool": { "aws:AssumedRoot": "true" }`, '"Action": "iam:*"'),
      errors: [{ line: 9, message: 'IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls).' }],
      fix: {},
    },
  ],
});

describe('RG107 on the corpus root-deny SCPs (test/fixtures/policies/scp)', () => {
  const folder = join(__dirname, '../../../../fixtures/policies/scp');
  const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  const rule = ruleById('RG107')!;
  const lint = (inputs: { path: string; text: string }[]) =>
    lintFiles(inputs.map((i) => ({ ...i, type: 'scp' as const })), { rules: [rule], severities: { RG107: 'warning' } });

  it('reports exactly the three without the aws:AssumedRoot exemption', () => {
    const results = lint(files.map((f) => ({ path: f, text: readFileSync(join(folder, f), 'utf8') })));
    const flagged = results.filter((r) => r.findings.length > 0).map((r) => r.path);
    assert.deepEqual(flagged, ['deny-root-except-s3-bucket-policy.json', 'restrict-all-root-access.json', 'restrict-root-permission.json']);
    assert.ok(files.includes('prevent-root-credentials-management.json'));
  });

  it('the quick fix makes each of them clean', () => {
    for (const file of files) {
      const text = readFileSync(join(folder, file), 'utf8');
      const [finding] = lint([{ path: file, text }])[0].findings;
      if (!finding) continue;
      const fixed = applyFix(text, finding.fixes[0]);
      assert.deepEqual(lint([{ path: file, text: fixed }])[0].findings, [], `${file} after the fix:\n${fixed}`);
    }
  });
});
