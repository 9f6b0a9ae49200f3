import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles } from '../../../../../src/core/lint/linter';

/** An SCP denying the root user, its root-session exemption's value written as `exempt`; `Exempt` may be anything. */
const yamlScp = (exempt: string) => `Parameters:
  Exempt:
    Type: String
    Description: any string
Resources:
  SCP:
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
              StringLike:
                aws:PrincipalArn: arn:aws:iam::*:root
              Null:
                aws:AssumedRoot: ${exempt}
`;

const tfScp = (exempt: string) => `resource "aws_organizations_policy" "deny_root" {
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Deny", Action = "*", Resource = "*"
      Condition = {
        StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" }
        Null       = { "aws:AssumedRoot" = ${exempt} }
      }
    }]
  })
}
`;

const BLOCKED = 'blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy (all 4 calls); SQSUnlockQueuePolicy (all 4 calls).';
const mayDeny = (written: string) =>
  `Denies the root principal (StringLike "arn:aws:iam::*:root") with an aws:AssumedRoot exemption known only at deployment (${written}), so it also denies centralized root access sessions in partition aws, as far as values known only at deployment allow: ${BLOCKED}`;

describe('an aws:AssumedRoot exemption known only at deployment', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });
  const lint = (path: string, text: string) => lintFiles([{ path, text }], { hcl })[0].findings.map((f) => `${f.ruleId}@${f.line}:${f.column}: ${f.message}`);

  it('may be "true": no RG108 "never matches", and RG107 says it holds as far as that value allows', () => {
    assert.deepEqual(lint('t.yaml', yamlScp('!Ref Exempt')), [`RG107@18:17: ${mayDeny('!Ref Exempt')}`]);
    assert.deepEqual(lint('main.tf', tfScp('var.root_session_exempt')), [`RG107@7:24: ${mayDeny('var.root_session_exempt')}`]);
    assert.deepEqual(lint('main.tf', tfScp('"${var.x}"')), [`RG107@7:24: ${mayDeny('${var.x}')}`]);
    assert.deepEqual(lint('main.tf', tfScp('"tr${var.x}"')), [`RG107@7:24: ${mayDeny('tr${var.x}')}`]);
  });

  it('a parameter allowed to be only "true" or "false" is read as each: exempt, or aimed at root sessions only (deliberate)', () => {
    const allowed = yamlScp('!Ref Exempt').replace('Description: any string', 'AllowedValues: ["true", "false"]');
    assert.deepEqual(lint('t.yaml', allowed), []);
  });

  it('whose known parts rule out "true" and "false" never matches (RG108)', () => {
    const findings = lint('main.tf', tfScp('"yes-${var.x}"'));
    assert.deepEqual(
      findings.filter((f) => f.startsWith('RG108')),
      ['RG108@8:44: aws:AssumedRoot is a Bool: "yes-${var.x}" is neither "true" nor "false" and never matches.'],
    );
  });
});
