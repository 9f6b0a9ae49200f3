import { ruleTester } from '../ruleTester';
import { policy } from './caseText';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

ruleTester('RG101', {
  valid: [
    {
      name: "a template's Action known only at deployment (Fn::FindInMap) shows no sts:AssumeRoot to report",
      type: 'cloudformation',
      code: JSON.stringify({
        Resources: {
          P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: { 'Fn::FindInMap': ['Actions', { Ref: 'Env' }, 'List'] }, Resource: '*' }] } } },
        },
      }),
    },
    {
      name: 'restricted with ArnEquals',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": { "ArnEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" } }
    }`),
    },
    {
      name: 'miscased key still restricts',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": { "StringEquals": { "sts:TaskPolicyARN": "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy" } }
    }`),
    },
    {
      name: 'a negation restricts (RG105 warns instead)',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:*",
      "Resource": "*",
      "Condition": { "StringNotEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword" } }
    }`),
    },
    { name: 'Deny is not a grant', code: policy(`    { "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "*" }`) },
    { name: 'other actions', code: policy(`    { "Effect": "Allow", "Action": ["sts:AssumeRole", "sts:AssumeRole*"], "Resource": "*" }`) },
    { name: 'NotAction that excludes it', code: policy(`    { "Effect": "Allow", "NotAction": ["sts:Assume*", "iam:*"], "Resource": "*" }`) },
    { name: 'resource that is no root user', code: policy(`    { "Effect": "Allow", "Action": "sts:*", "Resource": "arn:aws:iam::*:role/Admin" }`) },
    { name: 'an SCP Allow does not grant', type: 'scp', code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" }`) },
    {
      name: 'Allow * narrowed by a Deny of sts:Assume* in the same policy',
      code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" },
    { "Effect": "Deny", "Action": "sts:Assume*", "Resource": "*" }`),
    },
    {
      name: 'a Deny that limits root sessions to the audit task',
      code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*" },
    {
      "Effect": "Deny",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": { "ArnNotEquals": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" } }
    }`),
    },
    {
      name: "a template's Deny of every task but the audit, beside an Allow known only at deployment: the Deny decides whatever that value is",
      type: 'cloudformation',
      code: JSON.stringify({
        Resources: {
          P: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': { Ref: 'TaskArn' } } } },
                  { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' },
                  { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringNotEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } } },
                ],
              },
            },
          },
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'the task policy named by a principal tag (a session tag the caller may pass): every task, depending on the tag',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": { "StringEquals": { "sts:TaskPolicyArn": "\${aws:PrincipalTag/root-task}" } }
    }`),
      errors: [{ line: 6, message: 'for every member account, depending on aws:PrincipalTag/root-task: its condition on sts:TaskPolicyArn lets every task policy through.' }],
    },
    {
      name: 'the account named by a principal tag: every account, depending on the tag',
      code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "arn:aws:iam::\${aws:PrincipalTag/account}:root" }`),
      errors: [{ line: 4, message: 'for every member account, depending on aws:PrincipalTag/account: no condition restricts sts:TaskPolicyArn.' }],
    },
    {
      name: 'a Deny that takes every task but two back only in one region: the grant depends on the region',
      code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*" },
    {
      "Effect": "Deny",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "ArnNotEquals": { "sts:TaskPolicyArn": ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"] },
        "StringEquals": { "aws:RequestedRegion": "us-east-1" }
      }
    }`),
      errors: [{ line: 4, message: 'for every member account, depending on aws:RequestedRegion: no condition restricts sts:TaskPolicyArn.' }],
    },
    {
      name: 'an Allow of every task from the office network',
      code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "IpAddress": { "aws:SourceIp": "203.0.113.0/24" } } }`),
      errors: [{ line: 4, message: 'for every member account, depending on aws:SourceIp: no condition restricts sts:TaskPolicyArn.' }],
    },
    {
      name: 'after a member that is no statement (the engine and the linter count statements alike)',
      code: policy(`    "not a statement",\n    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*" }`),
      errors: [{ line: 5, message: 'Allows sts:AssumeRoot with every task policy' }],
    },
    {
      name: "a template's account known only at deployment (Fn::Sub of a parameter), or a whole resource (Fn::GetAtt)",
      type: 'cloudformation',
      code: JSON.stringify(
        {
          Resources: {
            Role: {
              Type: 'AWS::IAM::Role',
              Properties: {
                Policies: [
                  { PolicyName: 'one', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${Target}:root' } }] } },
                  { PolicyName: 'two', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: { 'Fn::GetAtt': ['X', 'Arn'] } }] } },
                ],
              },
            },
          },
        },
        null,
        1,
      ),
      errors: [
        { line: 14, message: /^Allows sts:AssumeRoot with every task policy, .* for every member account, as far as values known only at deployment allow: no condition restricts sts:TaskPolicyArn\.$/ },
        { line: 29, message: 'as far as values known only at deployment allow' },
      ],
    },
    {
      name: 'every account named in Resource is in the message, the fifth one too',
      code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root", "arn:aws:iam::444444444444:root", "arn:aws:iam::555555555555:root"] }`),
      errors: [{ line: 4, message: 'for accounts 111111111111, 222222222222, 333333333333, 444444444444 and 555555555555: no condition' }],
    },
    {
      name: 'past the accounts checked one by one, the message says how many more',
      code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": ${JSON.stringify(Array.from({ length: 20 }, (_, i) => `arn:aws:iam::${100000000000 + i}:root`))} }`),
      errors: [{ line: 4, message: '100000000015 and possibly 4 more named accounts not checked one by one: no condition' }],
    },
    {
      name: 'a Deny of other accounts narrows the accounts named, not the task policies',
      code: policy(`    { "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
    { "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "arn:aws:iam::444455556666:root" }`),
      errors: [{ line: 4, message: 'IAMDeleteRootUserCredentials included, for account 111122223333: no condition restricts sts:TaskPolicyArn.' }],
    },
    {
      name: 'plain grant on every account, with the preferred fix',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*"
    }`),
      errors: [{ line: 6, message: 'Allows sts:AssumeRoot with every task policy, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials included, for every member account: no condition restricts sts:TaskPolicyArn' }],
      fix: {
        title: 'IAMAuditRootUserCredentials',
        output: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "ArnEquals": {
          "sts:TaskPolicyArn": [
            "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"
          ]
        }
      }
    }`),
      },
    },
    {
      name: 'sts:* beside another action: a Deny of the other task policies on its resources, never preferred, keeps s3:GetObject',
      code: policy(`    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "sts:*"],
      "Resource": "arn:aws-cn:iam::111122223333:root",
      "Condition": {
        "Bool": { "aws:MultiFactorAuthPresent": "true" }
      }
    }`),
      errors: [
        {
          line: 6,
          message: 'via "sts:*" with every task policy, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials included, for account 111122223333',
          fixes: ["Deny sts:AssumeRoot with any task policy but IAMAuditRootUserCredentials (read-only), in the principal's other policies too"],
          preferred: [],
        },
      ],
      fix: {
        choice: ['S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy'],
        output: policy(`    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "sts:*"],
      "Resource": "arn:aws-cn:iam::111122223333:root",
      "Condition": {
        "Bool": { "aws:MultiFactorAuthPresent": "true" }
      }
    },
    {
      "Effect": "Deny",
      "Action": "sts:AssumeRoot",
      "Resource": "arn:aws-cn:iam::111122223333:root",
      "Condition": {
        "ArnNotEquals": {
          "sts:TaskPolicyArn": [
            "arn:aws-cn:iam::aws:policy/root-task/S3UnlockBucketPolicy",
            "arn:aws-cn:iam::aws:policy/root-task/SQSUnlockQueuePolicy"
          ]
        }
      }
    }`),
      },
    },
    {
      name: 'full wildcard: the Deny on a line of its own after the statement',
      code: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" }`),
      errors: [{ line: 4, message: 'via "*"', preferred: [] }],
      fix: {
        choice: ['IAMDeleteRootUserCredentials'],
        output: policy(`    { "Effect": "Allow", "Action": "*", "Resource": "*" },
    {
      "Effect": "Deny",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "ArnNotEquals": {
          "sts:TaskPolicyArn": [
            "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials"
          ]
        }
      }
    }`),
      },
    },
    {
      name: 'full wildcard in a one-line policy: the Deny in compact JSON beside it',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      errors: [{ line: 1 }],
      fix: {
        title: 'Deny sts:AssumeRoot',
        output:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}, { "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": { "ArnNotEquals": { "sts:TaskPolicyArn": ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"] } } }]}',
      },
    },
    {
      name: 'sts:AssumeRoot listed beside other actions, in a file with CRLF line ends: the new statement with CRLF too',
      code: crlf(policy(`    {
      "Effect": "Allow",
      "Action": ["s3:*", "sts:AssumeRoot"],
      "Resource": "*"
    }`)),
      errors: [{ line: 6 }],
      fix: {
        output: crlf(
          policy(`    {
      "Effect": "Allow",
      "Action": ["s3:*"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "ArnEquals": {
          "sts:TaskPolicyArn": [
            "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"
          ]
        }
      }
    }`),
        ),
      },
    },
    {
      name: 'sts:AssumeRoot listed beside other actions: moved to a statement of its own with the condition (preferred), the others kept',
      code: policy(`    {
      "Sid": "OpsAdmin",
      "Effect": "Allow",
      "Action": ["s3:*", "sts:AssumeRoot", "cloudwatch:*"],
      "Resource": "*"
    }`),
      errors: [
        {
          line: 7,
          fixes: ['Move sts:AssumeRoot to a statement of its own, restricted to IAMAuditRootUserCredentials (read-only)'],
          preferred: ['Move sts:AssumeRoot to a statement of its own, restricted to IAMAuditRootUserCredentials (read-only)'],
        },
      ],
      fix: {
        output: policy(`    {
      "Sid": "OpsAdmin",
      "Effect": "Allow",
      "Action": ["s3:*", "cloudwatch:*"],
      "Resource": "*"
    },
    {
      "Sid": "OpsAdminAssumeRoot",
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "ArnEquals": {
          "sts:TaskPolicyArn": [
            "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"
          ]
        }
      }
    }`),
      },
    },
    {
      name: 'the moved statement gets a Sid no other statement has (OpsAssumeRoot was taken: RG004, the policy would not deploy)',
      code: policy(`    {
      "Sid": "Ops",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "sts:AssumeRoot"],
      "Resource": "*"
    },
    { "Sid": "OpsAssumeRoot", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*" }`),
      errors: [{ line: 7, preferred: ['Move sts:AssumeRoot to a statement of its own, restricted to IAMAuditRootUserCredentials (read-only)'] }],
      fix: {
        output: policy(`    {
      "Sid": "Ops",
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": "*"
    },
    {
      "Sid": "OpsAssumeRoot2",
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "ArnEquals": {
          "sts:TaskPolicyArn": [
            "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"
          ]
        }
      }
    },
    { "Sid": "OpsAssumeRoot", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*" }`),
      },
    },
    {
      name: 'sts:Assume* and *:AssumeRoot',
      code: policy(`    { "Effect": "Allow", "Action": "sts:Assume*", "Resource": "arn:aws:iam::*:root" },
    { "Effect": "Allow", "Action": "*:AssumeRoot", "Resource": "*" }`),
      errors: [{ line: 4, message: 'via "sts:Assume*"' }, { line: 5, message: 'via "*:AssumeRoot"' }],
    },
    {
      name: 'through NotAction, reported on the NotAction key',
      code: policy(`    {
      "Effect": "Allow",
      "NotAction": "iam:*",
      "Resource": "*"
    }`),
      errors: [{ line: 6, column: 7, message: 'through NotAction' }],
      fix: { title: 'IAMAuditRootUserCredentials' },
    },
    {
      name: 'a condition on the key that restricts nothing (ArnLike root-task/*)',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": { "ArnLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/*" } }
    }`),
      errors: [{ line: 6, message: 'its condition on sts:TaskPolicyArn lets every task policy through' }],
      fix: {
        choice: ['IAMAuditRootUserCredentials'],
        output: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": { "ArnLike": { "sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/*" }, "ArnEquals": { "sts:TaskPolicyArn": ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"] } }
    }`),
      },
    },
    {
      name: 'an ArnEquals block already there gets the key',
      code: policy(`    {
      "Effect": "Allow",
      "Action": "sts:AssumeRoot",
      "Resource": "*",
      "Condition": {
        "ArnEquals": {
          "aws:SourceArn": "arn:aws:iam::111122223333:role/Ops"
        }
      }
    }`),
      errors: [{ line: 6 }],
      fix: { choice: ['arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials'] },
    },
    {
      name: 'permission-set style embedded identity policy in an array of statements',
      code: policy(`    { "Effect": "Allow", "Action": "s3:*", "Resource": "*" },
    { "Effect": "Allow", "Action": ["sts:AssumeRoot"], "Resource": ["arn:aws:iam::1111*:root"] }`),
      errors: [{ line: 5, message: 'for every account matching arn:aws:iam::1111*:root' }],
    },
  ],
});
