/**
 * Lambda permissions (`AWS::Lambda::Permission`, `AWS::Lambda::LayerVersionPermission`, Terraform's
 * `aws_lambda_permission` and `aws_lambda_layer_version_permission`) write no policy: each is read as the
 * statement Lambda adds of its properties, and RG208 reports one open to any account on its Principal line.
 */
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles, lintText, readPolicyDocuments } from '../../../../../src/core/lint/linter';
import { lineOf, ruleLines } from './fixtures';

const OPEN = 'Any principal of any AWS account can call "lambda:InvokeFunction" here: Principal "*" with no condition on who calls. Name the principals, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount.';
const PUBLIC_URL = 'Anyone can call "lambda:InvokeFunctionUrl" here, without AWS credentials: Principal "*" on a function URL whose auth type is NONE. Expected where the URL is meant to be public; otherwise set the URL\'s AuthType to AWS_IAM and name the principals.';

/** A YAML template of one resource `P` of the type, its properties at 6 spaces from line 5. */
const yamlTemplate = (type: string, properties: readonly string[]) => ['Resources:', '  P:', `    Type: ${type}`, '    Properties:', ...properties.map((line) => `      ${line}`), ''].join('\n');

describe('Lambda permissions: read as the statement Lambda adds', () => {
  it('CloudFormation YAML: Principal "*" without a condition on the caller is RG208 on its line; a source, an organization or an account keeps others out', () => {
    const invoke = ['Action: lambda:InvokeFunction', 'FunctionName: !GetAtt Fn.Arn'];
    // [properties, the findings' rules and lines]
    const table: [properties: string[], found: string[]][] = [
      [[...invoke, "Principal: '*'"], ['RG208@7']],
      [[...invoke, 'Principal: "*"', 'SourceAccount: !Ref AWS::AccountId'], []],
      [[...invoke, 'Principal: "*"', 'SourceAccount: "111122223333"'], []],
      [[...invoke, 'Principal: "*"', 'PrincipalOrgID: o-a1b2c3d4e5'], []],
      [[...invoke, 'Principal: "*"', 'SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"'], []],
      // A service: no account's principal gets in through it; S3, for a bucket whose owner SourceAccount names.
      [[...invoke, 'Principal: s3.amazonaws.com', 'SourceAccount: !Ref AWS::AccountId', 'SourceArn: !GetAtt Bucket.Arn'], []],
      [[...invoke, 'Principal: sns.amazonaws.com', 'SourceArn: !Ref Topic'], []],
      // S3 for a bucket SourceArn names and no SourceAccount: whoever creates a bucket of that name, the bucket once deleted.
      [[...invoke, 'Principal: s3.amazonaws.com', 'SourceArn: !GetAtt Bucket.Arn'], ['RG208@7']],
      [[...invoke, 'Principal: s3.amazonaws.com', 'SourceArn: arn:aws:s3:::uploads'], ['RG208@7']],
      [[...invoke, 'Principal: 111122223333'], []],
      // The URL's auth type, which no InvokeFunction request carries: said by RG015, and nothing is open.
      [[...invoke, "Principal: '*'", 'FunctionUrlAuthType: NONE'], ['RG015@8']],
      // The statement's other parts are linted where their properties are written.
      [['Action: lambda:InvokeFunctin', 'FunctionName: my-function', 'Principal: "*"'], ['RG009@5', 'RG208@7']],
    ];
    for (const [properties, found] of table) {
      const text = yamlTemplate('AWS::Lambda::Permission', properties);
      assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text })), found, text);
    }
    const [open] = lintText({ path: 't.yaml', text: yamlTemplate('AWS::Lambda::Permission', [...invoke, "Principal: '*'"]) });
    assert.equal(open.message, OPEN);
  });

  it('CloudFormation JSON: the same, and no fix is offered (the properties hold strings, not the statement\'s lists)', () => {
    const template = (properties: object) => JSON.stringify({ Resources: { P: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunctin', FunctionName: { Ref: 'Fn' }, ...properties } } } }, null, 2);
    const open = template({ Principal: '*' });
    const findings = lintText({ path: 't.template.json', text: open });
    assert.deepEqual(ruleLines(findings), [`RG009@${lineOf(open, '"Action"')}`, `RG208@${lineOf(open, '"Principal"')}`]);
    assert.deepEqual(findings.flatMap((f) => f.fixes), []);
    const limited = template({ Principal: '*', SourceAccount: '111122223333' });
    assert.deepEqual(ruleLines(lintText({ path: 't.template.json', text: limited })), [`RG009@${lineOf(limited, '"Action"')}`]);
  });

  it('CloudFormation JSON as CDK writes it (functions in Principal, SourceAccount, SourceArn): the permission is read, and the template\'s other policies are linted', () => {
    const bucketPolicy = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'b', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } } };
    const admin = { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } };
    const notification = { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': ['Handler886CB40B', 'Arn'] }, Principal: 's3.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' }, SourceArn: { 'Fn::GetAtt': ['Bucket83908E77', 'Arn'] } };
    const open = { Action: 'lambda:InvokeFunction', FunctionName: 'f', Principal: { 'Fn::If': ['InUsEast1', '*', { Ref: 'AWS::AccountId' }] } };
    const permission = (properties: object) => ({ Type: 'AWS::Lambda::Permission', Properties: properties });
    const template = (resources: object) => JSON.stringify({ Conditions: { InUsEast1: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } }, Resources: resources }, null, 2);
    const cdk = template({ Notification: permission(notification), Open: permission(open), Public: bucketPolicy, Admin: admin });
    const findings = lintText({ path: 'Stack.template.json', text: cdk });
    const adminLine = lineOf(cdk, '"Action": "*"');
    // The conditional principal's finding lands on its "*" side.
    assert.deepEqual(ruleLines(findings), [`RG208@${lineOf(cdk, '"*",')}`, `RG208@${lineOf(cdk, '"Principal": "*"')}`, `RG101@${adminLine}`, `RG201@${adminLine}`]);
    assert.equal(findings[0].message, `When condition InUsEast1 is true: ${OPEN}`);
    // Each property a function gives on its own (the permission alone, nothing to report; no error).
    for (const property of ['Principal', 'SourceAccount', 'SourceArn', 'PrincipalOrgID']) {
      const text = template({ P: permission({ Action: 'lambda:InvokeFunction', FunctionName: 'f', Principal: '*', [property]: { Ref: 'AWS::AccountId' } }) });
      assert.deepEqual(lintFiles([{ path: 't.template.json', text }])[0], { path: 't.template.json', type: 'cloudformation', findings: [] }, text);
    }
    // The same template in YAML reads alike.
    const yaml = [
      'Conditions:',
      '  InUsEast1: !Equals [!Ref AWS::Region, us-east-1]',
      'Resources:',
      '  Notification:',
      '    Type: AWS::Lambda::Permission',
      '    Properties: {Action: lambda:InvokeFunction, FunctionName: !GetAtt Handler886CB40B.Arn, Principal: s3.amazonaws.com, SourceAccount: !Ref AWS::AccountId, SourceArn: !GetAtt Bucket83908E77.Arn}',
      '  Open:',
      '    Type: AWS::Lambda::Permission',
      "    Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: !If [InUsEast1, '*', !Ref AWS::AccountId]}",
      '  Public:',
      '    Type: AWS::S3::BucketPolicy',
      "    Properties: {Bucket: b, PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*'}]}}",
      '  Admin:',
      '    Type: AWS::IAM::ManagedPolicy',
      "    Properties: {PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: '*', Resource: '*'}]}}",
      '',
    ].join('\n');
    assert.deepEqual(ruleLines(lintText({ path: 'Stack.yaml', text: yaml })), ['RG208@9', 'RG208@12', 'RG101@15', 'RG201@15']);
  });

  it('CloudFormation: a function URL whose auth type is NONE is said to be open to anyone, as one that may be meant; its InvokeFunction grant through the URL is not read as a direct one', () => {
    const text = yamlTemplate('AWS::Lambda::Permission', ['Action: lambda:InvokeFunctionUrl', 'FunctionName: !Ref Fn', "Principal: '*'", 'FunctionUrlAuthType: NONE']);
    assert.deepEqual(lintText({ path: 't.yaml', text }).map((f) => [f.ruleId, f.line, f.message]), [['RG208', 7, PUBLIC_URL]]);
    // The second grant a URL made since October 2025 needs: lambda:InvokeFunction through the URL only.
    const through = (value: string) => yamlTemplate('AWS::Lambda::Permission', ['Action: lambda:InvokeFunction', 'FunctionName: !Ref Fn', "Principal: '*'", `InvokedViaFunctionUrl: ${value}`]);
    assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text: through('true') })), []);
    assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text: through('false') })), ['RG208@7']);
  });

  it('CloudFormation: a layer version shared with every account is RG208; with an organization, not', () => {
    const layer = ['Action: lambda:GetLayerVersion', 'LayerVersionArn: !Ref Layer', "Principal: '*'"];
    assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text: yamlTemplate('AWS::Lambda::LayerVersionPermission', layer) })), ['RG208@7']);
    assert.deepEqual(ruleLines(lintText({ path: 't.yaml', text: yamlTemplate('AWS::Lambda::LayerVersionPermission', [...layer, 'OrganizationId: o-a1b2c3d4e5']) })), []);
  });

  describe('Terraform', () => {
    let hcl: HclParser;
    before(async () => {
      hcl = await loadHclParser();
    });

    it('aws_lambda_permission and aws_lambda_layer_version_permission: RG208 on the principal\'s line, none where a condition keeps others out', () => {
      const text = [
        'resource "aws_lambda_permission" "open" {',
        '  action        = "lambda:InvokeFunction"',
        '  function_name = aws_lambda_function.f.function_name',
        '  principal     = "*"',
        '}',
        'resource "aws_lambda_permission" "from_account" {',
        '  action         = "lambda:InvokeFunction"',
        '  function_name  = "hook"',
        '  principal      = "*"',
        '  source_account = "111122223333"',
        '}',
        'resource "aws_lambda_permission" "from_topic" {',
        '  action        = "lambda:InvokeFunction"',
        '  function_name = "hook"',
        '  principal     = "sns.amazonaws.com"',
        '  source_arn    = aws_sns_topic.t.arn',
        '}',
        'resource "aws_lambda_permission" "org" {',
        '  action           = "lambda:InvokeFunction"',
        '  function_name    = "hook"',
        '  principal        = "*"',
        '  principal_org_id = "o-a1b2c3d4e5"',
        '}',
        'resource "aws_lambda_layer_version_permission" "everyone" {',
        '  layer_name     = "arn:aws:lambda:us-east-1:111122223333:layer:shared"',
        '  version_number = 3',
        '  principal      = "*"',
        '  action         = "lambda:GetLayerVersion"',
        '  statement_id   = "everyone"',
        '}',
        'resource "aws_lambda_layer_version_permission" "org" {',
        '  layer_name      = aws_lambda_layer_version.l.layer_arn',
        '  version_number  = aws_lambda_layer_version.l.version',
        '  principal       = "*"',
        '  organization_id = "o-a1b2c3d4e5"',
        '  action          = "lambda:GetLayerVersion"',
        '}',
        '',
      ].join('\n');
      const { documents } = readPolicyDocuments({ path: 'main.tf', text }, { hcl });
      const origins = ['open', 'from_account', 'from_topic', 'org'].map((name) => `aws_lambda_permission.${name}`);
      assert.deepEqual(documents.map((d) => [d.origin, d.type]), [...origins, 'aws_lambda_layer_version_permission.everyone', 'aws_lambda_layer_version_permission.org'].map((origin) => [origin, 'resource']));
      // The statement Lambda builds: the account's SourceAccount as StringEquals, the layer version as Resource.
      assert.deepEqual(JSON.parse(documents[1].text).Statement.Condition, { StringEquals: { 'aws:SourceAccount': '111122223333' } });
      assert.equal(JSON.parse(documents[4].text).Statement.Resource, 'arn:aws:lambda:us-east-1:111122223333:layer:shared:3');
      const findings = lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings;
      assert.deepEqual(ruleLines(findings), ['RG208@4', 'RG208@27']);
      assert.equal(findings[0].message, OPEN);
    });

    it('S3 with a source_arn and no source_account is RG208: a bucket\'s name is anyone\'s to take once it is deleted', () => {
      const permission = (name: string, extra: string[]) => [`resource "aws_lambda_permission" "${name}" {`, '  action        = "lambda:InvokeFunction"', '  function_name = "hook"', '  principal     = "s3.amazonaws.com"', '  source_arn    = aws_s3_bucket.uploads.arn', ...extra, '}'];
      const text = [...permission('bucket_only', []), ...permission('owner_named', ['  source_account = "111122223333"']), ''].join('\n');
      const findings = lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings;
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.line, f.message]),
        [['RG208', 4, 'Any AWS account can have S3 call "lambda:InvokeFunction" here for a bucket it owns: aws:SourceArn names the bucket, but no condition on aws:SourceAccount names its owner. A bucket\'s ARN names no account, and once the bucket is deleted any account can create one of its name. Add a condition on aws:SourceAccount (a Lambda permission\'s SourceAccount) naming the bucket owner\'s account.']],
      );
    });

    it('a principal chosen by a conditional is each side read as Lambda writes it: "*", a service, an account\'s root', () => {
      const permission = (name: string, principal: string) => [`resource "aws_lambda_permission" "${name}" {`, '  action        = "lambda:InvokeFunction"', '  function_name = "hook"', `  principal     = ${principal}`, '}'];
      const text = ['variable "public" { type = bool }', ...permission('anyone_or_account', 'var.public ? "*" : "111122223333"'), ...permission('anyone_or_service', 'var.public ? "*" : "sns.amazonaws.com"'), ''].join('\n');
      const { documents } = readPolicyDocuments({ path: 'main.tf', text }, { hcl });
      assert.deepEqual(
        documents.map((d) => JSON.parse(d.text).Statement.Principal),
        ['*', { AWS: 'arn:aws:iam::111122223333:root' }, '*', { Service: 'sns.amazonaws.com' }],
      );
      const findings = lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings;
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.line, f.column, f.message]),
        [5, 10].map((line) => ['RG208', line, 32, `When condition var.public is true: ${OPEN}`]),
      );
    });

    it('null leaves an attribute unset: the side of a conditional that gives null adds no condition, and is RG208 when that opens the function', () => {
      const permission = (name: string, limit: string) => [`resource "aws_lambda_permission" "${name}" {`, '  action        = "lambda:InvokeFunction"', '  function_name = "hook"', '  principal     = "*"', `  ${limit}`, '}'];
      const text = [
        'variable "restrict" { type = bool }',
        ...permission('org_or_open', 'principal_org_id = var.restrict ? "o-a1b2c3d4e5" : null'),
        ...permission('no_source', 'source_account = null'),
        ...permission('open_or_account', 'source_account = var.restrict ? null : "111122223333"'),
        ...permission('account', 'source_account = var.restrict ? "111122223333" : "444455556666"'),
        '',
      ].join('\n');
      const findings = lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings;
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.line, f.message]),
        [
          ['RG208', 5, `When condition var.restrict is false: ${OPEN}`],
          ['RG208', 11, OPEN],
          ['RG208', 17, `When condition var.restrict is true: ${OPEN}`],
        ],
      );
    });
  });
});
