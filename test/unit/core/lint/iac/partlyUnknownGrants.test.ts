/**
 * A broad grant whose action is known only in part (`iam:${var.action}`, `!Sub "iam:${Action}"`): RG202, RG205,
 * RG206 and RG109 say what it may be, quoted as written, where they once passed it over; a value that cannot be
 * the wildcard or an action they name (`sts:Get${var.action}`) gets nothing, and one whose service is unknown is
 * RG010's.
 */
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles, lintText } from '../../../../../src/core/lint/linter';

const found = (findings: ReadonlyArray<{ ruleId: string; line: number; message: string }>) => findings.map((f) => `${f.ruleId}@${f.line} ${f.message}`);
const mayBeIam = (value: string) => `"${value}" is known only in part before deployment: it may allow every action of iam:* on every resource. List the actions needed.`;
const mayPassRole = (value: string) =>
  `"${value}" is known only in part before deployment: it may allow iam:PassRole on every role, and then any role can be handed to a service and used. Name the roles in Resource, or limit iam:PassedToService to the services that need them.`;

describe('a broad grant of an action known only in part', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });

  it('Terraform: iam:${var.a} may be iam:*, iam:Pass${var.a} may be iam:PassRole; sts:Get${var.a} is neither', () => {
    const text = [
      'variable "a" { type = string }',
      'resource "aws_iam_policy" "p" {',
      '  name = "p"',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [',
      '      { Effect = "Allow", Action = "iam:${var.a}", Resource = "*" },',
      '      { Effect = "Allow", Action = ["iam:Pass${var.a}", "sts:Get${var.a}"], Resource = "*" },',
      '      { Effect = "Allow", Action = "iam:${var.a}", Resource = "arn:aws:s3:::b/*" },',
      '    ]',
      '  })',
      '}',
      '',
    ].join('\n');
    const findings = lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings.filter((f) => f.ruleId.startsWith('RG20'));
    assert.deepEqual(found(findings), [`RG202@7 ${mayBeIam('iam:${var.a}')}`, `RG205@8 ${mayPassRole('iam:Pass${var.a}')}`]);
  });

  it('Terraform: iam:Put${var.a} may be a policy-writing action, iam:Pass${var.a} iam:PassRole for a path, iam:Disable${var.a} a guardrail switch', () => {
    const text = [
      'variable "a" { type = string }',
      'resource "aws_iam_policy" "p" {',
      '  name = "p"',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [',
      '      { Effect = "Allow", Action = "iam:Put${var.a}", Resource = "*" },',
      '      { Effect = "Allow", Action = "iam:Attach${var.a}", Resource = "arn:aws:iam::*:user/*" },',
      '      { Effect = "Allow", Action = ["iam:Pass${var.a}", "ec2:RunInstances"], Resource = "*" },',
      '      { Effect = "Allow", Action = "iam:Disable${var.a}", Resource = "*" },',
      '      { Effect = "Deny", Action = "iam:PutGroupPolicy", Resource = "*" },',
      '    ]',
      '  })',
      '}',
      '',
    ].join('\n');
    const findings = lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings.filter((f) => ['RG109', 'RG206'].includes(f.ruleId));
    const inPart = (value: string) => `"${value}" is known only in part before deployment: it may allow`;
    assert.deepEqual(found(findings), [
      `RG206@7 ${inPart('iam:Put${var.a}')} iam:PutUserPolicy and iam:PutRolePolicy on every resource, a path to privilege escalation. Scope Resource to the users, roles or policies meant.`,
      `RG206@8 ${inPart('iam:Attach${var.a}')} iam:AttachUserPolicy on every resource, a path to privilege escalation. Scope Resource to the users, roles or policies meant.`,
      `RG206@9 ${inPart('iam:Pass${var.a}')} iam:PassRole on every role, a path to privilege escalation with ec2:RunInstances to launch an instance with any role and use its credentials. Name the roles that may be passed in Resource.`,
      `RG109@10 ${inPart('iam:Disable${var.a}')} iam:DisableOrganizationsRootCredentialsManagement and iam:DisableOrganizationsRootSessions on every resource without condition, and then the holder can switch off centralized root access guardrails.`,
    ]);
  });

  it('CloudFormation: !Sub "iam:${Action}" may be iam:*, and a Deny of all of IAM beside it takes it back', () => {
    const template = (deny: string[]) =>
      [
        'Parameters:',
        '  Action: { Type: String }',
        'Resources:',
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - Effect: Allow',
        '            Action: !Sub "iam:${Action}"',
        '            Resource: "*"',
        ...deny,
        '',
      ].join('\n');
    const rg20x = (text: string) => found(lintText({ path: 't.yaml', text }).filter((f) => f.ruleId.startsWith('RG20')));
    assert.deepEqual(rg20x(template([])), [`RG202@11 ${mayBeIam('iam:${Action}')}`]);
    assert.deepEqual(rg20x(template(['          - Effect: Deny', '            Action: "iam:*"', '            Resource: "*"'])), []);
  });

  it('a service known only at deployment is RG010\'s, not RG202\'s or RG205\'s', () => {
    const text = [
      'Parameters:',
      '  Service: { Type: String }',
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: [!Sub "${Service}:*", !Sub "${Service}:PassRole"]',
      '            Resource: "*"',
      '',
    ].join('\n');
    assert.deepEqual(
      lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line}`),
      ['RG010@11', 'RG010@11'],
    );
  });
});
