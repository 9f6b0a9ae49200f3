import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles } from '../../../../../src/core/lint/linter';

/** One identity policy with findings from several rules, written in each format the linter reads. */
const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'RootTasks', Effect: 'Allow', Action: ['sts:AssumeRoot'], Resource: ['arn:aws:iam::*:root'] },
    { Sid: 'Ops', Effect: 'Allow', Action: ['iam:PassRole', 's3:GetObjet'], Resource: ['*'] },
  ],
};

const FORMATS: Record<string, { path: string; text: string }> = {
  json: { path: 'policy.json', text: JSON.stringify(POLICY, null, 2) },
  cloudformationYaml: {
    path: 'stack.yaml',
    text: `Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: RootTasks
            Effect: Allow
            Action: [sts:AssumeRoot]
            Resource: [arn:aws:iam::*:root]
          - Sid: Ops
            Effect: Allow
            Action:
              - iam:PassRole
              - s3:GetObjet
            Resource: ["*"]
`,
  },
  cdkSynth: {
    path: 'cdk.out/Stack.template.json',
    text: JSON.stringify(
      { Resources: { P0D3C5A8E: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: POLICY }, Metadata: { 'aws:cdk:path': 'Stack/P/Resource' } } } },
      null,
      1,
    ),
  },
  jsonencode: {
    path: 'jsonencode.tf',
    text: `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "RootTasks", Effect = "Allow", Action = ["sts:AssumeRoot"], Resource = ["arn:aws:iam::*:root"] },
      { Sid = "Ops", Effect = "Allow", Action = ["iam:PassRole", "s3:GetObjet"], Resource = ["*"] },
    ]
  })
}
`,
  },
  policyDocument: {
    path: 'document.tf',
    text: `data "aws_iam_policy_document" "p" {
  statement {
    sid       = "RootTasks"
    actions   = ["sts:AssumeRoot"]
    resources = ["arn:aws:iam::*:root"]
  }
  statement {
    sid       = "Ops"
    effect    = "Allow"
    actions   = ["iam:PassRole", "s3:GetObjet"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}
`,
  },
  plan: {
    path: 'plan.json',
    text: JSON.stringify(
      { format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { policy: JSON.stringify(POLICY) } }] } } },
      null,
      2,
    ),
  },
};

describe('the same policy in every format', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });

  it('gives the same findings as JSON, CloudFormation YAML, a cdk.out template, jsonencode, aws_iam_policy_document and a plan', () => {
    const describeAll = (file: { path: string; text: string }) =>
      lintFiles([file], { hcl })[0].findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`);
    const expected = describeAll(FORMATS.json);
    assert.deepEqual(expected.map((f) => f.split(' ')[0]), ['RG101', 'RG205', 'RG009']);
    for (const [format, file] of Object.entries(FORMATS)) assert.deepEqual(describeAll(file), expected, format);
  });
});
