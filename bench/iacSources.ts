/**
 * Infrastructure-as-code inputs for the IaC bench, generated (never committed): a Terraform tree of modules
 * and a CloudFormation template, each mixing the ways authors write policies (jsonencode, heredocs, policy
 * documents, file(), locals; intrinsic functions in short and long form, Fn::If) with resources that hold
 * none. A few policies carry findings, so that every rule has something to report. Not a benchmark itself.
 */

export interface SourceFile {
  path: string;
  text: string;
}

const SERVICES = ['s3', 'ec2', 'kms', 'lambda', 'dynamodb', 'sqs', 'logs', 'ssm'];

/** One module's worth of resources (`count` of them), the i-th of the tree. */
function terraformModule(module: number, count: number): { main: string; policyFile: SourceFile } {
  const blocks: string[] = [`locals {\n  org_id = "o-abc123def4"\n  module_actions = ["${SERVICES[module % SERVICES.length]}:Get*", "${SERVICES[(module + 1) % SERVICES.length]}:List*"]\n}\n`];
  const service = (i: number) => SERVICES[i % SERVICES.length];
  let resources = 0;
  const add = (text: string, holds = 1) => {
    blocks.push(text);
    resources += holds;
  };
  for (let i = 0; resources < count; i++) {
    const id = `m${module}_r${i}`;
    switch (i % 9) {
      case 0:
        add(`resource "aws_iam_policy" "${id}" {
  name   = "${id}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = local.module_actions, Resource = ["arn:aws:${service(i)}:*:*:${id}/*"] },
      { Sid = "RootTasks", Effect = "Allow", Action = "sts:AssumeRoot", Resource = "arn:aws:iam::*:root"${i % 4 === 0 ? '' : `, Condition = { StringEquals = { "sts:TaskPolicyArn" = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" } }`} },
    ]
  })
}
`);
        break;
      case 1:
        add(`resource "aws_organizations_policy" "${id}" {
  name    = "${id}"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyRoot",
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:root" }${i % 2 ? ', "Null": { "aws:AssumedRoot": "true" }' : ''} }
    }
  ]
}
EOF
}
`);
        break;
      case 2:
        add(`data "aws_iam_policy_document" "${id}" {
  statement {
    sid       = "Objects"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["\${aws_s3_bucket.${id}.arn}/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [local.org_id]
    }
  }
}

resource "aws_s3_bucket" "${id}" {
  bucket = "bucket-${id}"
}

resource "aws_iam_role_policy" "${id}" {
  role   = aws_iam_role.m${module}_r${i + 1}.id
  policy = data.aws_iam_policy_document.${id}.json
}
`, 2);
        break;
      case 3:
        add(`resource "aws_iam_role" "${id}" {
  name = "${id}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  inline_policy {
    name   = "logs"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" }] })
  }
}
`);
        break;
      case 4:
        add(`resource "aws_s3_bucket_policy" "${id}" {
  bucket = var.bucket_${i}
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TlsOnly"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::\${var.bucket_${i}}", "arn:aws:s3:::\${var.bucket_${i}}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`);
        break;
      case 5:
        add(`resource "aws_sqs_queue" "${id}" {
  name = "${id}"
}

resource "aws_sqs_queue_policy" "${id}" {
  queue_url = aws_sqs_queue.${id}.id
  policy    = file("\${path.module}/policies/queue.json")
}
`, 2);
        break;
      case 6:
        add(`data "aws_iam_policy_document" "${id}" {
  statement {
    sid     = "Admin"
    actions = ["${service(i)}:*", "iam:PassRole"]
    resources = ["*"]
  }
  statement {
    effect        = "Deny"
    not_actions   = ["iam:*", "organizations:*"]
    not_resources = ["arn:aws:iam::*:role/break-glass"]
  }
}

resource "aws_ssoadmin_permission_set_inline_policy" "${id}" {
  instance_arn       = var.sso_instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.${id}.arn
  inline_policy      = data.aws_iam_policy_document.${id}.json
}

resource "aws_ssoadmin_permission_set" "${id}" {
  name         = "${id}"
  instance_arn = var.sso_instance_arn
}
`, 2);
        break;
      case 7:
        add(`resource "aws_iam_user_policy" "${id}" {
  user   = "ci-${id}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["${i % 2 ? 's3:GetObjet' : 's3:GetObject'}", "s3:ListBucket"], Resource = "*" }]
  })
}
`);
        break;
      default:
        add(`resource "aws_cloudwatch_log_group" "${id}" {
  name              = "/aws/lambda/${id}"
  retention_in_days = 30
}
`);
    }
  }
  const policyFile = {
    path: `modules/account-${module}/policies/queue.json`,
    text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' }] }, null, 2),
  };
  return { main: blocks.join('\n'), policyFile };
}

/**
 * A Terraform tree of `resources` resources in modules of `perModule` each; `files` are the .tf files to
 * lint, `readable` the files `file()` reads (by path relative to the tree).
 */
export function terraformTree(resources: number, perModule = 20): { files: SourceFile[]; readable: Map<string, string> } {
  const files: SourceFile[] = [];
  const readable = new Map<string, string>();
  for (let module = 0; module * perModule < resources; module++) {
    const { main, policyFile } = terraformModule(module, Math.min(perModule, resources - module * perModule));
    files.push({ path: `modules/account-${module}/main.tf`, text: main });
    readable.set(policyFile.path, policyFile.text);
  }
  return { files, readable };
}

type Value = string | number | boolean | Value[] | { [key: string]: Value };

const partitionArn = (rest: string): Value => ({ 'Fn::Sub': `arn:\${AWS::Partition}:${rest}` });

/** The template's resources, intrinsic functions in long form (a synthesized JSON template writes them so). */
function templateResources(count: number): Record<string, Value> {
  const resources: Record<string, Value> = {};
  for (let i = 0; Object.keys(resources).length < count; i++) {
    const id = `R${i}`;
    switch (i % 8) {
      case 0:
        resources[`${id}Policy`] = {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Sid: 'Read', Effect: 'Allow', Action: [`${SERVICES[i % SERVICES.length]}:Get*`], Resource: partitionArn(`${SERVICES[i % SERVICES.length]}:*:*:${id}/*`) },
                ...(i % 3 === 0 ? [{ Sid: 'RootTasks', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: partitionArn('iam::*:root') }] : []),
              ],
            },
          },
        };
        break;
      case 1:
        resources[`${id}Scp`] = {
          Type: 'AWS::Organizations::Policy',
          Properties: {
            Name: `deny-root-${i}`,
            Type: 'SERVICE_CONTROL_POLICY',
            Content: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, ...(Math.floor(i / 8) % 2 ? { Null: { 'aws:AssumedRoot': 'true' } } : {}) } }],
            },
          },
        };
        break;
      case 2:
        resources[`${id}Bucket`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': `reports-${i}-\${AWS::AccountId}` } } };
        resources[`${id}BucketPolicy`] = {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { Ref: `${id}Bucket` },
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 's3:*',
                  Resource: [{ 'Fn::GetAtt': [`${id}Bucket`, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [`${id}Bucket`, 'Arn'] }, '/*']] }],
                  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                },
              ],
            },
          },
        };
        break;
      case 3:
        resources[`${id}Role`] = {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }] },
            Policies: [
              {
                PolicyName: 'logs',
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Effect: 'Allow',
                      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                      Resource: { 'Fn::If': ['IsProd', partitionArn('logs:*:*:log-group:/prod/*'), partitionArn('logs:*:*:log-group:*')] },
                    },
                  ],
                },
              },
            ],
          },
        };
        break;
      case 4:
        resources[`${id}Queue`] = { Type: 'AWS::SQS::Queue' };
        resources[`${id}QueuePolicy`] = {
          Type: 'AWS::SQS::QueuePolicy',
          Properties: {
            Queues: [{ Ref: `${id}Queue` }],
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [`${id}Queue`, 'Arn'] } }] },
          },
        };
        break;
      case 5:
        resources[`${id}PermissionSet`] = {
          Type: 'AWS::SSO::PermissionSet',
          Properties: {
            Name: `ops-${i}`,
            InstanceArn: { Ref: 'SsoInstanceArn' },
            InlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', `${SERVICES[i % SERVICES.length]}:*`], Resource: '*' }] },
          },
        };
        break;
      case 6:
        resources[`${id}UserPolicy`] = {
          Type: 'AWS::IAM::UserPolicy',
          Properties: {
            UserName: `ci-${i}`,
            PolicyName: 'ci',
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [Math.floor(i / 8) % 2 ? 's3:GetObjet' : 's3:GetObject', 's3:ListBucket'], Resource: '*' }] },
          },
        };
        break;
      default:
        resources[`${id}Logs`] = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/aws/lambda/${id}`, RetentionInDays: 30 } };
    }
  }
  return resources;
}

/** A template of `count` resources (a few more when the last one added comes with its bucket or queue). */
export function cloudFormationTemplate(count: number): Record<string, Value> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { SsoInstanceArn: { Type: 'String' }, Stage: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    Resources: templateResources(count),
  };
}

/** The template as YAML, intrinsic functions in their short form (`!Sub`, `!GetAtt`, `!If`), as people write it. */
export function templateYaml(template: Record<string, Value>): string {
  return `${yamlEntries(template, 0)}\n`;
}

const PLAIN_KEY = /^[A-Za-z][\w:./-]*$/;
/** Keys the YAML core schema would read as something other than a string. */
const RESERVED_KEYS = new Set(['Null', 'null', 'NULL', 'true', 'True', 'false', 'False']);

function yamlKey(key: string): string {
  return PLAIN_KEY.test(key) && !RESERVED_KEYS.has(key) ? key : JSON.stringify(key);
}

function yamlEntries(map: { [key: string]: Value }, indent: number): string {
  return Object.entries(map)
    .map(([key, value]) => `${' '.repeat(indent)}${yamlKey(key)}:${yamlValue(value, indent + 2)}`)
    .join('\n');
}

/** A value after `key:` or `-`: a scalar on the same line, a collection on the lines below. */
function yamlValue(value: Value, indent: number): string {
  if (typeof value !== 'object') return ` ${yamlScalar(value)}`;
  if (Array.isArray(value)) return `\n${value.map((item) => yamlItem(item, indent)).join('\n')}`;
  if (isIntrinsic(value)) {
    const keys = Object.keys(value);
    const tag = keys[0] === 'Ref' ? '!Ref' : `!${keys[0].slice(4)}`;
    const arg = value[keys[0]];
    // `!GetAtt Bucket.Arn` is the short form's own spelling of the list.
    if (tag === '!GetAtt' && Array.isArray(arg)) return ` ${tag} ${arg.join('.')}`;
    return ` ${tag}${yamlValue(arg, indent)}`;
  }
  return `\n${yamlEntries(value, indent)}`;
}

/** A sequence item: `- value`, a mapping's first entry on the dash's line (`- Sid: Read`). */
function yamlItem(item: Value, indent: number): string {
  const pad = ' '.repeat(indent);
  if (typeof item === 'object' && !Array.isArray(item) && !isIntrinsic(item)) return `${pad}- ${yamlEntries(item, indent + 2).slice(indent + 2)}`;
  return `${pad}-${yamlValue(item, indent + 2)}`;
}

function isIntrinsic(value: { [key: string]: Value }): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** Plain where YAML reads it back as the same string (`sts:AssumeRoot`), else double-quoted (`"*"`, `"2012-10-17"`). */
function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z][\w:./*{}$-]*$/.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value) ? value : JSON.stringify(value);
}
