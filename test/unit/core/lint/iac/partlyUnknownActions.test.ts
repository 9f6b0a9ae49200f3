/**
 * An Allow's action known only in part (`lambda:${var.action}`, `!Sub s3:${Operation}`) open to any account:
 * RG208 whichever action it turns out to be, the action quoted as written. Such a grant was passed over in
 * silence, while a wholly unknown action gets RG010.
 */
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles, lintText } from '../../../../../src/core/lint/linter';

const open = (action: string) => `Any principal of any AWS account can call "${action}" here: Principal "*" with no condition on who calls. Name the principals, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount.`;
const found = (findings: ReadonlyArray<{ ruleId: string; line: number; message: string }>) => findings.map((f) => `${f.ruleId}@${f.line} ${f.message}`);

describe('a public grant of an action known only in part', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });

  it('Terraform: a Lambda permission and a bucket policy are RG208, the action quoted as written', () => {
    const text = [
      'variable "a" { type = string }',
      'resource "aws_lambda_permission" "x" {',
      '  action        = "lambda:${var.a}"',
      '  function_name = "my-fn"',
      '  principal     = "*"',
      '}',
      'resource "aws_s3_bucket_policy" "x" {',
      '  bucket = "b"',
      '  policy = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:${var.a}", Resource = "arn:aws:s3:::b/*" }]',
      '  })',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(found(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings), [`RG208@5 ${open('lambda:${var.a}')}`, `RG208@11 ${open('s3:${var.a}')}`]);
  });

  it('Terraform: a bucket policy\'s NotAction that may be s3:*, and a grant a Deny of s3:Get* may cover, depend on the value', () => {
    const bucketPolicy = (name: string, statements: string) => [`resource "aws_s3_bucket_policy" "${name}" {`, '  bucket = "b"', '  policy = jsonencode({', '    Version   = "2012-10-17"', `    Statement = [${statements}]`, '  })', '}'];
    const text = [
      'variable "a" { type = string }',
      ...bucketPolicy('not_action', '{ Effect = "Allow", Principal = "*", NotAction = "s3:${var.a}", Resource = "arn:aws:s3:::b/*" }'),
      ...bucketPolicy('denied', '{ Effect = "Allow", Principal = "*", Action = "s3:${var.a}", Resource = "arn:aws:s3:::b/*" }, { Effect = "Deny", Principal = "*", Action = "s3:Get*", Resource = "arn:aws:s3:::b/*" }'),
      '',
    ].join('\n');
    const how = 'Principal "*" with no condition on who calls. Name the principals, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount.';
    assert.deepEqual(found(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings.filter((f) => f.ruleId === 'RG208')), [
      `RG208@6 Not checked for access by any AWS account: NotAction "s3:\${var.a}" is known only in part before deployment, and may be "s3:*". Unless it lists every s3 action, any principal of any AWS account can call the others here: ${how}`,
      `RG208@13 Not checked for access by any AWS account: whether the Deny of "s3:Get*" covers this grant is known only at deployment. Unless it does, any principal of any AWS account can call "s3:\${var.a}" here: ${how}`,
    ]);
  });

  it('Terraform: a string written in place in an interpolation (`"lambda:${"InvokeFunction"}"`) is known: that string', () => {
    const text = ['resource "aws_lambda_permission" "x" {', '  action        = "lambda:${"Invoke${"Function"}"}"', '  function_name = "my-fn"', '  principal     = "*"', '}', ''].join('\n');
    assert.deepEqual(found(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings), [`RG208@4 ${open('lambda:InvokeFunction')}`]);
  });

  it('CloudFormation: a Lambda permission and a bucket policy with !Sub in Action are RG208; a whole !Ref stays RG010', () => {
    const text = [
      'Parameters:',
      '  A: { Type: String }',
      'Resources:',
      '  P:',
      '    Type: AWS::Lambda::Permission',
      '    Properties:',
      '      FunctionName: f',
      '      Action: !Sub "lambda:${A}"',
      '      Principal: "*"',
      '  BP:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: b',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: "*"',
      '            Action: !Sub "s3:${A}"',
      '            Resource: arn:aws:s3:::b/*',
      '          - Effect: Allow',
      '            Principal: "*"',
      '            Action: !Ref A',
      '            Resource: arn:aws:s3:::b/*',
      '',
    ].join('\n');
    const findings = lintText({ path: 't.yaml', text });
    assert.deepEqual(
      findings.map((f) => `${f.ruleId}@${f.line}`),
      ['RG208@9', 'RG208@18', 'RG010@23'],
    );
    assert.deepEqual(found(findings.filter((f) => f.ruleId === 'RG208')), [`RG208@9 ${open('lambda:${A}')}`, `RG208@18 ${open('s3:${A}')}`]);
  });
});
