import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles } from '../../../../../src/core/lint/linter';

/** An SCP denying the root principal, its aws:PrincipalArn written as `arn` (JSON text). */
const scpTemplate = (arn: string) =>
  `{"Resources": {"S": {"Type": "AWS::Organizations::Policy", "Properties": {"Type": "SERVICE_CONTROL_POLICY", "Content": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": ${arn}}}}]}}}}}`;

const yamlScp = (arn: string) => `Resources:
  S:
    Type: AWS::Organizations::Policy
    Properties:
      Type: SERVICE_CONTROL_POLICY
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: "*"
            Resource: "*"
            Condition:
              ArnLike:
                aws:PrincipalArn: ${arn}
`;

const tfScp = (arn: string) => `resource "aws_organizations_policy" "p" {
  type    = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "*", Resource = "*", Condition = { ArnLike = { "aws:PrincipalArn" = ${arn} } } }]
  })
}
`;

/** Each way of writing the root ARN with an unknown partition, and how RG107's message quotes it. */
const CASES: Array<{ name: string; path: string; text: string; quoted: string }> = [
  { name: 'Fn::Sub', path: 't.json', text: scpTemplate('{"Fn::Sub": "arn:${AWS::Partition}:iam::*:root"}'), quoted: 'arn:${AWS::Partition}:iam::*:root' },
  { name: 'Fn::Join with a Ref', path: 't.json', text: scpTemplate('{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::*:root"]]}'), quoted: 'arn:{"Ref": "AWS::Partition"}:iam::*:root' },
  {
    name: 'Fn::Join over several lines (cdk synth)',
    path: 't.json',
    text: JSON.stringify(JSON.parse(scpTemplate('{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::*:root"]]}')), null, 1),
    quoted: 'arn:{ "Ref": "AWS::Partition" }:iam::*:root',
  },
  { name: 'YAML !Sub', path: 't.yaml', text: yamlScp('!Sub arn:${AWS::Partition}:iam::*:root'), quoted: 'arn:${AWS::Partition}:iam::*:root' },
  {
    name: 'YAML !Join in block style',
    path: 't.yaml',
    text: yamlScp('!Join\n                  - ""\n                  - - "arn:"\n                    - !Ref AWS::Partition\n                    - ":iam::*:root"'),
    quoted: 'arn:!Ref AWS::Partition:iam::*:root',
  },
  { name: 'YAML !Join in flow style', path: 't.yaml', text: yamlScp('!Join ["", ["arn:", !Ref AWS::Partition, ":iam::", !Ref Account, ":root"]]'), quoted: 'arn:!Ref AWS::Partition:iam::!Ref Account:root' },
  // A variable of Fn::Sub's map was shown as "arn:!Ref:iam::*:root": its Ref is written on another line.
  { name: 'YAML !Sub with a variable map', path: 't.yaml', text: yamlScp("!Sub\n                  - 'arn:${P}:iam::*:${Who}'\n                  - P: !Ref AWS::Partition\n                    Who: root"), quoted: 'arn:${P}:iam::*:root' },
  { name: 'Fn::Sub with a variable map', path: 't.json', text: scpTemplate('{"Fn::Sub": ["arn:${P}:iam::*:root", {"P": {"Ref": "AWS::Partition"}}]}'), quoted: 'arn:${P}:iam::*:root' },
  { name: 'HCL interpolation', path: 't.tf', text: tfScp('"arn:${data.aws_partition.current.partition}:iam::*:root"'), quoted: 'arn:${data.aws_partition.current.partition}:iam::*:root' },
];

describe('unknown parts in messages', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });

  for (const { name, path, text, quoted } of CASES) {
    it(`${name}: RG107 quotes the ARN with the unknown part as written`, () => {
      const [finding] = lintFiles([{ path, text }], { hcl })[0].findings.filter((f) => f.ruleId === 'RG107');
      assert.ok(finding, 'RG107 is reported');
      assert.ok(finding.message.includes(`(ArnLike "${quoted}")`), finding.message);
      assert.ok(!finding.message.includes('\uE000'), 'no invisible placeholder is left');
    });
  }
});
