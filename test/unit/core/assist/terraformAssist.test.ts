// Completion and hover in Terraform: `jsonencode({...})` bodies, heredoc JSON, and the statements of
// `data "aws_iam_policy_document"` blocks, mapped into the policy JSON the linter reads from them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { hoverAt } from '../../../../src/core/assist/hover';
import type { AssistSyntax } from '../../../../src/core/assist/iacContext';
import { loadHclParser } from '../../../../src/core/lint/iac/hclParser';
import { type CompletionCase, type HoverCase, completionAt, hoverWordsAgreeWithMarkers, itCompletes, itHovers } from './assistCases';
import { cursor } from './cursor';

const ROOT_TASK = 'arn:aws:iam::aws:policy/root-task/';

/** A policy document data block with one statement of `body` (HCL lines). */
const dataStatement = (body: string) => `data "aws_iam_policy_document" "root" {\n  statement {\n${body.replace(/^/gm, '    ')}\n  }\n}\n`;

/** An aws_iam_policy whose policy is `jsonencode` of one statement (HCL object members). */
const encoded = (members: string) =>
  `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n${members.replace(/^/gm, '      ')}\n    }]\n  })\n}\n`;

/** An SCP written as a heredoc of JSON. */
const heredocScp = (statementJson: string) =>
  `resource "aws_organizations_policy" "scp" {\n  name = "scp"\n  content = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [${statementJson}]\n}\nEOF\n}\n`;

describe('completion and hover in Terraform', () => {
  let syntax: AssistSyntax;
  before(async () => {
    syntax = { kind: 'hcl', parser: await loadHclParser() };
  });

  function complete(textWithCursor: string) {
    const { text, offset } = cursor(textWithCursor);
    return completionAt(text, offset, syntax);
  }

  function hover(textWithCursor: string, type: 'terraform' = 'terraform') {
    const { text, offset } = cursor(textWithCursor);
    const found = hoverAt(text, offset, type, syntax);
    return found && { markdown: found.markdown, hovered: text.slice(found.range.start, found.range.end) };
  }

  describe('completion', () => {
    const cases: CompletionCase[] = [
      {
        name: 'data block: actions, after the colon',
        text: dataStatement('actions = ["sts:|"]'),
        replaced: 'sts:',
        first: ['sts:AssumeRoot'],
      },
      {
        name: 'data block: not_actions with no string yet, written quoted',
        text: dataStatement('effect = "Deny"\nnot_actions = [|]'),
        replaced: '',
        first: [],
        includes: ['sts'],
        insert: { sts: '"sts:"' },
      },
      {
        name: 'data block: resources, the ARN templates of the statement\'s actions',
        text: dataStatement('actions = ["sts:AssumeRoot"]\nresources = ["|"]'),
        replaced: '',
        first: ['arn:${Partition}:iam::${Account}:root', '*'],
      },
      {
        name: 'data block: a condition\'s test is an operator',
        text: dataStatement('actions = ["sts:AssumeRoot"]\ncondition {\n  test     = "ForAnyValue:Str|"\n  variable = "aws:PrincipalTag/team"\n  values   = ["x"]\n}'),
        replaced: 'ForAnyValue:Str',
        first: ['ArnEquals'],
        includes: ['ForAnyValue:StringEquals'],
      },
      {
        name: 'data block: a condition\'s variable is a key, those of the statement\'s actions first',
        text: dataStatement('actions = ["sts:AssumeRoot"]\ncondition {\n  test     = "ArnEquals"\n  variable = "|"\n  values   = []\n}'),
        replaced: '',
        first: ['sts:TaskPolicyArn', 'aws:AssumedRoot'],
      },
      {
        name: 'data block: a condition\'s values for sts:TaskPolicyArn are the task-policy ARNs',
        text: dataStatement('actions = ["sts:AssumeRoot"]\ncondition {\n  test     = "ArnEquals"\n  variable = "sts:TaskPolicyArn"\n  values   = [|]\n}'),
        replaced: '',
        first: [`${ROOT_TASK}IAMAuditRootUserCredentials`],
        insert: { [`${ROOT_TASK}IAMAuditRootUserCredentials`]: `"${ROOT_TASK}IAMAuditRootUserCredentials"` },
      },
      {
        name: 'data block: true and false for a Bool test',
        text: dataStatement('actions = ["*"]\ncondition {\n  test     = "Bool"\n  variable = "aws:AssumedRoot"\n  values   = ["|"]\n}'),
        replaced: '',
        first: ['true', 'false'],
      },
      {
        name: 'data block: a condition being written, with its test alone',
        text: dataStatement('actions = ["sts:AssumeRoot"]\ncondition {\n  test = "Arn|"\n}'),
        replaced: 'Arn',
        first: ['ArnEquals'],
      },
      {
        name: 'data block: a condition being written, its variable before its values',
        text: dataStatement('actions = ["sts:AssumeRoot"]\ncondition {\n  test     = "ArnEquals"\n  variable = "sts:|"\n}'),
        replaced: 'sts:',
        first: ['sts:TaskPolicyArn'],
      },
      {
        name: 'data block: a condition being written, its values with no test yet',
        text: dataStatement('actions = ["sts:AssumeRoot"]\ncondition {\n  variable = "aws:AssumedRoot"\n  values   = ["|"]\n}'),
        replaced: '',
        first: ['true', 'false'],
      },
      {
        name: 'jsonencode: Action',
        text: encoded('Effect = "Allow"\nAction = ["iam:GetLoginProfile", "iam:CreateLog|"]'),
        replaced: 'iam:CreateLog',
        first: [],
        includes: ['iam:CreateLoginProfile'],
      },
      {
        name: 'jsonencode: an operator typed as a bare key, quoted when it is no identifier',
        text: encoded('Effect = "Allow"\nAction = "sts:AssumeRoot"\nCondition = {\n  ForAny|\n}'),
        replaced: 'ForAny',
        first: ['ArnEquals'],
        insert: { StringEquals: 'StringEquals', 'ForAnyValue:StringEquals': '"ForAnyValue:StringEquals"' },
      },
      {
        name: 'jsonencode: a quoted condition key',
        text: encoded('Effect = "Allow"\nAction = "sts:AssumeRoot"\nCondition = {\n  ArnEquals = { "sts:Task|" = "x" }\n}'),
        replaced: 'sts:Task',
        first: ['sts:TaskPolicyArn'],
      },
      {
        name: 'heredoc JSON: Action in an SCP',
        text: heredocScp('{"Effect": "Deny", "Action": "iam:DeleteLog|", "Resource": "*"}'),
        replaced: 'iam:DeleteLog',
        first: [],
        includes: ['iam:DeleteLoginProfile'],
      },
    ];
    itCompletes(cases, complete);

    it('offers nothing outside policies: another resource, a data block\'s sid', () => {
      assert.equal(complete('resource "aws_s3_bucket" "b" {\n  bucket = "sts:|"\n}\n').list, undefined);
      assert.equal(complete(dataStatement('sid = "sts:|"\nactions = ["s3:GetObject"]')).list, undefined);
    });
  });

  describe('hover', () => {
    const taskCondition = 'condition {\n  test     = "ArnEquals"\n  variable = "sts:TaskPolicyArn"\n  values   = ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"]\n}';
    const cases: HoverCase[] = [
      {
        name: 'data block: an action',
        text: dataStatement('actions = ["sts:Assume|Root"]'),
        hovered: 'sts:AssumeRoot',
        markdown: /^\*\*sts:AssumeRoot\*\* · Write\n\nGrants permission/,
      },
      {
        name: 'data block: a condition variable, the root-access explanation',
        text: dataStatement(`actions = ["sts:AssumeRoot"]\n${taskCondition.replace('sts:TaskPolicyArn', 'sts:Task|PolicyArn')}`),
        hovered: 'sts:TaskPolicyArn',
        markdown: /^\*\*sts:TaskPolicyArn\*\* · ARN[^]*Centralized root access: [^]*\(in this statement\)\.$/,
      },
      {
        name: 'data block: a task-policy ARN among the values',
        text: dataStatement(`actions = ["sts:AssumeRoot"]\n${taskCondition.replace('IAMAuditRoot', 'IAMAudit|Root')}`),
        hovered: `${ROOT_TASK}IAMAuditRootUserCredentials`,
        markdown: /^\*\*IAMAuditRootUserCredentials\*\* \(root-task policy\)/,
      },
      {
        name: 'data block: the statement, on its effect',
        text: dataStatement(`effect = "All|ow"\nactions = ["sts:AssumeRoot"]\nresources = ["*"]\n${taskCondition}`),
        hovered: 'Allow',
        markdown: /^Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account\.$/,
      },
      {
        name: "data block: a root task's call beside sts:AssumeRoot is granted directly too, and says so",
        text: dataStatement(`sid = "S|D"\neffect = "Allow"\nactions = ["sts:AssumeRoot", "iam:DeleteLoginProfile"]\nnot_resources = ["arn:aws:iam::111122223333:root"]`),
        hovered: 'SD',
        markdown:
          /^Allows 2 actions \(sts:AssumeRoot, iam:DeleteLoginProfile\) on every resource but arn:aws:iam::111122223333:root\. Lets its holder open root sessions with .* in every member account except account 111122223333\.$/,
      },
      {
        name: 'data block: a statement AWS rejects (no resources in an identity policy) says so',
        text: `${dataStatement('sid = "No|Res"\nactions = ["sts:AssumeRoot"]')}resource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.root.json\n}\n`,
        hovered: 'NoRes',
        markdown: /^AWS rejects this statement: The statement has no Resource \(or NotResource\), which an identity policy requires\. Add one\.$/,
      },
      {
        name: 'data block passed to a module not read: no resources is rejected only if it is an identity policy (it may be an SCP)',
        text: `${dataStatement('sid = "No|Res"\neffect = "Deny"\nactions = ["sts:AssumeRoot"]')}module "scp" {\n  source  = "someorg/scp/aws"\n  content = data.aws_iam_policy_document.root.json\n}\n`,
        hovered: 'NoRes',
        markdown: /^Its policy type is not known here; if it is an identity policy, AWS rejects this statement: The statement has no Resource \(or NotResource\), which an identity policy requires\. Add one\.$/,
      },
      {
        name: 'an output written in place without resources: the same, the type being a guess',
        text: 'output "scp" {\n  value = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Sid = "No|Res", Effect = "Deny", Action = "sts:AssumeRoot" }]\n  })\n}\n',
        hovered: 'NoRes',
        markdown: /^Its policy type is not known here; if it is an identity policy, AWS rejects this statement: The statement has no Resource \(or NotResource\), which an identity policy requires\. Add one\.$/,
      },
      {
        name: 'a statement whose type is a guess keeps what AWS rejects in any type',
        text: dataStatement('sid = "Bo|th"\neffect = "Deny"\nactions = ["sts:AssumeRoot"]\nnot_actions = ["s3:GetObject"]\nresources = ["*"]'),
        hovered: 'Both',
        markdown: /^AWS rejects this statement: A statement may have Action or NotAction, not both: remove one of them\.$/,
      },
      {
        name: 'data block: a dynamic statement, each statement it makes, by Sid',
        text: [
          'data "aws_iam_policy_document" "root" {',
          '  dynamic "statement" {',
          '    for_each = ["IAMAuditRootUserCredentials", "S3UnlockBucketPolicy"]',
          '    content {',
          '      sid       = "Root${statement.value}"',
          '      effect    = "All|ow"',
          '      actions   = ["sts:AssumeRoot"]',
          '      resources = ["*"]',
          '      condition {',
          '        test     = "StringEquals"',
          '        variable = "sts:TaskPolicyArn"',
          `        values   = ["${ROOT_TASK}\${statement.value}"]`,
          '      }',
          '    }',
          '  }',
          '}',
          '',
        ].join('\n'),
        hovered: 'Allow',
        markdown:
          /^statement RootIAMAuditRootUserCredentials: Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account\.\n\nstatement RootS3UnlockBucketPolicy: Lets its holder open root sessions with S3UnlockBucketPolicy in every member account\.$/,
      },
      {
        name: 'a resource made for each task: each instance, by its key',
        text: [
          'resource "aws_iam_policy" "per_task" {',
          '  for_each = toset(["IAMAuditRootUserCredentials", "S3UnlockBucketPolicy"])',
          '  policy = jsonencode({',
          `    Statement = [{ Effect = "All|ow", Action = "sts:AssumeRoot", Resource = "*", Condition = { StringEquals = { "sts:TaskPolicyArn" = "${ROOT_TASK}\${each.value}" } } }]`,
          '  })',
          '}',
          '',
        ].join('\n'),
        hovered: 'Allow',
        markdown:
          // Markdown: the labels' underscores and brackets escaped, shown as written.
          /^aws\\_iam\\_policy\.per\\_task\\\["IAMAuditRootUserCredentials"\\\]: Lets its holder open root sessions with IAMAuditRootUserCredentials in every member account\.\n\naws\\_iam\\_policy\.per\\_task\\\["S3UnlockBucketPolicy"\\\]: Lets its holder open root sessions with S3UnlockBucketPolicy in every member account\.$/,
      },
      {
        name: 'jsonencode: a wildcard',
        text: encoded('Effect = "Allow"\nAction = "iam:*Login|Profile"'),
        hovered: 'iam:*LoginProfile',
        markdown: /^\*\*iam:\\\*LoginProfile\*\* covers 4 actions in 1 service/,
      },
      {
        name: 'heredoc SCP: a statement whose Effect is a variable, read as either',
        text: heredocScp('{"Sid": "May|beDeny", "Effect": "${var.effect}", "Action": "iam:DeleteLoginProfile", "Resource": "*"}'),
        hovered: 'MaybeDeny',
        markdown: /^Its Effect is known only at deployment\. As an Allow: Allows iam:DeleteLoginProfile on every resource\. As a Deny: Denies iam:DeleteLoginProfile on every resource\. Blocks iam:DeleteLoginProfile in IAMDeleteRootUserCredentials sessions in every account it is attached to, depending on values known only at deployment\.$/,
      },
      {
        name: 'heredoc SCP: the statement, on its Sid',
        text: heredocScp('{"Sid": "No|Delete", "Effect": "Deny", "Action": "iam:DeleteLoginProfile", "Resource": "*", "Condition": {"Bool": {"aws:AssumedRoot": "true"}}}'),
        hovered: 'NoDelete',
        markdown: /^Denies iam:DeleteLoginProfile on every resource, under 1 condition\. Blocks iam:DeleteLoginProfile in IAMDeleteRootUserCredentials sessions in every account it is attached to \(root sessions only/,
      },
    ];
    itHovers(cases, hover);

    it('a file that reads: the word under the cursor as the completion reading finds it, at every offset of a module file', () => {
      const text = fs.readFileSync(path.join(__dirname, '../../../fixtures/workspace/terraform/assist.tf'), 'utf8');
      const words = hoverWordsAgreeWithMarkers(text, syntax as Extract<AssistSyntax, { kind: 'hcl' }>);
      assert.ok(words > 200, `${words} offsets on words`);
    });
  });
});
