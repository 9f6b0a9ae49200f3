/** A CloudFormation template a Terraform stack deploys: its policies linted on the `.tf` file's lines, or RG010. */
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles } from '../../../../../src/core/lint/linter';

describe('Terraform: the template_body of a CloudFormation stack or stack set', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });
  /** `RULE@line:column: message` for each finding of a `main.tf` of `lines`. */
  const lint = (lines: string[]): string[] =>
    lintFiles([{ path: 'main.tf', text: [...lines, ''].join('\n') }], { hcl })[0].findings.map((f) => `${f.ruleId}@${f.line}:${f.column}: ${f.message}`);
  const UNSCOPED = 'Allows sts:AssumeRoot with every task policy, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials included, for every member account: no condition restricts sts:TaskPolicyArn.';

  it('a template written with jsonencode: its policies linted where the .tf file writes them', () => {
    const lines = [
      'resource "aws_cloudformation_stack_set" "root_access" {',
      '  name = "root-access"',
      '  template_body = jsonencode({',
      '    Resources = {',
      '      OpsPolicy = {',
      '        Type = "AWS::IAM::ManagedPolicy"',
      '        Properties = {',
      '          PolicyDocument = {',
      '            Version   = "2012-10-17"',
      '            Statement = [{ Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*" }]',
      '          }',
      '        }',
      '      }',
      '    }',
      '  })',
      '}',
    ];
    assert.deepEqual(lint(lines), [`RG101@10:55: ${UNSCOPED}`]);
  });

  it('a template written as a JSON heredoc: its policies linted on the heredoc\'s lines', () => {
    const lines = [
      'resource "aws_cloudformation_stack" "ops" {',
      '  name          = "ops"',
      '  template_body = <<EOT',
      '{',
      '  "Resources": {',
      '    "P": {',
      '      "Type": "AWS::IAM::ManagedPolicy",',
      '      "Properties": {',
      '        "PolicyDocument": {',
      '          "Version": "2012-10-17",',
      '          "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*" }]',
      '        }',
      '      }',
      '    }',
      '  }',
      '}',
      'EOT',
      '}',
    ];
    assert.deepEqual(lint(lines), [`RG101@11:56: ${UNSCOPED}`]);
  });

  it('a template given any other way is not checked (RG010), naming the attribute', () => {
    const lines = ['resource "aws_cloudformation_stack" "ops" {', '  name          = "ops"', '  template_body = file("${path.module}/stack.yaml")', '}'];
    assert.deepEqual(lint(lines), [
      'RG010@3:19: aws_cloudformation_stack.ops.template_body is not checked: its template is given by file("${path.module}/stack.yaml"); the linter reads a template written in place as JSON (jsonencode({...}) or a JSON heredoc), and a template file when it lints that file.',
    ]);
    const yaml = ['resource "aws_cloudformation_stack" "ops" {', '  name          = "ops"', '  template_body = <<EOT', 'Resources:', '  P:', '    Type: AWS::IAM::ManagedPolicy', 'EOT', '}'];
    assert.deepEqual(lint(yaml), [
      'RG010@3:19: aws_cloudformation_stack.ops.template_body is not checked: its template is written in place, not as JSON (YAML, a template directive or an interpolation); the linter reads a template written in place as JSON (jsonencode({...}) or a JSON heredoc), and a template file when it lints that file.',
    ]);
  });
});
