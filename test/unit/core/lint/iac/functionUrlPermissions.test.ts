/**
 * A public function URL's permissions that no resource of the file writes: SAM generates them for a
 * `FunctionUrlConfig` with `AuthType: NONE`, and the Terraform AWS provider adds them when it creates an
 * `aws_lambda_function_url` with `authorization_type = "NONE"`. Each is read as the statement Lambda adds, and
 * RG208 says the URL is open to anyone, on the auth type's line.
 */
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles, lintText, readPolicyDocuments } from '../../../../../src/core/lint/linter';
import { lineOf, ruleLines } from './fixtures';

const PUBLIC_URL = 'Anyone can call "lambda:InvokeFunctionUrl" here, without AWS credentials: Principal "*" on a function URL whose auth type is NONE. Expected where the URL is meant to be public; otherwise set the URL\'s AuthType to AWS_IAM and name the principals.';

/** The statements the documents read, without their Resource (the function, known at deployment in a template). */
const statements = (documents: readonly { text: string }[]) =>
  documents.map((d) => {
    const { Resource: _resource, ...rest } = JSON.parse(d.text).Statement;
    return rest;
  });

const ADDED = [
  { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } },
  { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': true } } },
];

/** A SAM template of one function `Fn`, its `FunctionUrlConfig` lines at 6 spaces from line 9. */
const samTemplate = (urlConfig: readonly string[], head: readonly string[] = []) =>
  ['Transform: AWS::Serverless-2016-10-31', ...head, 'Resources:', '  Fn:', '    Type: AWS::Serverless::Function', '    Properties:', '      Runtime: python3.12', '      Handler: index.h', '      InlineCode: x', ...urlConfig.map((line) => `      ${line}`), ''].join('\n');

describe('Public function URLs: the permissions SAM and the Terraform provider add', () => {
  it('SAM (YAML): FunctionUrlConfig with AuthType NONE is RG208 on the AuthType line, read as the two permissions SAM generates', () => {
    const text = samTemplate(['FunctionUrlConfig:', '  AuthType: NONE', '  InvokeMode: BUFFERED']);
    assert.deepEqual(lintText({ path: 'template.yaml', text }).map((f) => [f.ruleId, f.line, f.message]), [['RG208', 10, PUBLIC_URL]]);
    const { documents } = readPolicyDocuments({ path: 'template.yaml', text });
    assert.deepEqual(
      documents.map((d) => [d.origin, d.type]),
      ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'].map((action) => [`Resources.Fn.Properties.FunctionUrlConfig (the ${action} permission SAM adds)`, 'resource']),
    );
    assert.deepEqual(statements(documents), ADDED);
  });

  it('SAM (YAML): AWS_IAM, no FunctionUrlConfig, or an auth type a function gives (SAM then adds nothing) is no finding; a conditional function is reported on its side', () => {
    const none: string[][] = [
      ['FunctionUrlConfig:', '  AuthType: AWS_IAM'],
      [],
      ['FunctionUrlConfig:', '  AuthType: !Ref AuthType'],
      ['FunctionUrlConfig: !If [Public, {AuthType: NONE}, !Ref AWS::NoValue]'],
    ];
    const head = ['Parameters:', '  AuthType: {Type: String, AllowedValues: [NONE]}', 'Conditions:', '  Public: !Equals [!Ref AWS::Region, us-east-1]'];
    for (const urlConfig of none) {
      const text = samTemplate(urlConfig, head);
      assert.deepEqual(ruleLines(lintText({ path: 'template.yaml', text })), [], text);
      assert.deepEqual(readPolicyDocuments({ path: 'template.yaml', text }).documents, [], text);
    }
    const conditional = samTemplate(['FunctionUrlConfig:', '  AuthType: NONE'], head).replace('    Type: AWS::Serverless::Function', '    Type: AWS::Serverless::Function\n    Condition: Public');
    assert.deepEqual(lintText({ path: 'template.yaml', text: conditional }).map((f) => [f.line, f.message]), [[lineOf(conditional, 'AuthType: NONE'), `When condition Public is true: ${PUBLIC_URL}`]]);
  });

  it('SAM (JSON): the same, on the "AuthType" line', () => {
    const template = (authType: string | undefined) =>
      JSON.stringify({ Transform: 'AWS::Serverless-2016-10-31', Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'python3.12', Handler: 'index.h', InlineCode: 'x', ...(authType ? { FunctionUrlConfig: { AuthType: authType } } : {}) } } } }, null, 2);
    const open = template('NONE');
    assert.deepEqual(lintText({ path: 'template.json', text: open }).map((f) => [f.ruleId, f.line, f.message]), [['RG208', lineOf(open, '"AuthType"'), PUBLIC_URL]]);
    assert.deepEqual(statements(readPolicyDocuments({ path: 'template.json', text: open }).documents), ADDED);
    for (const closed of [template('AWS_IAM'), template(undefined)]) assert.deepEqual(ruleLines(lintText({ path: 'template.json', text: closed })), [], closed);
  });

  it('SAM Globals: a FunctionUrlConfig under Globals.Function is inherited (RG208 on its AuthType line), merged under the function\'s own as SAM merges', () => {
    const globals = ['Globals:', '  Function:', '    FunctionUrlConfig:', '      AuthType: NONE', '      InvokeMode: BUFFERED'];
    const inherits = samTemplate([], globals);
    assert.deepEqual(lintText({ path: 'template.yaml', text: inherits }).map((f) => [f.ruleId, f.line, f.message]), [['RG208', lineOf(inherits, 'AuthType: NONE'), PUBLIC_URL]]);
    assert.deepEqual(statements(readPolicyDocuments({ path: 'template.yaml', text: inherits }).documents), ADDED);
    // Maps merge key by key, the function's keys winning; an intrinsic function replaces the global map whole.
    const head = [...globals, 'Conditions:', '  Public: !Equals [!Ref AWS::Region, us-east-1]'];
    for (const own of [['FunctionUrlConfig:', '  AuthType: AWS_IAM'], ['FunctionUrlConfig: !If [Public, {AuthType: AWS_IAM}, {AuthType: AWS_IAM}]']]) {
      const text = samTemplate(own, head);
      assert.deepEqual(ruleLines(lintText({ path: 'template.yaml', text })), [], text);
    }
    // The function's own AuthType, with the global InvokeMode beside it.
    const overrides = samTemplate(['FunctionUrlConfig:', '  AuthType: NONE'], ['Globals:', '  Function:', '    FunctionUrlConfig:', '      AuthType: AWS_IAM']);
    assert.deepEqual(ruleLines(lintText({ path: 'template.yaml', text: overrides })), [`RG208@${lineOf(overrides, 'AuthType: NONE')}`]);
    // The other property SAM takes from Globals that holds a policy: the role's trust policy.
    const trust = samTemplate([], ['Globals:', '  Function:', '    AssumeRolePolicyDocument:', '      Version: "2012-10-17"', '      Statement:', '        - {Effect: Allow, Principal: "*", Action: sts:AssumeRole}']);
    assert.deepEqual(ruleLines(lintText({ path: 'template.yaml', text: trust })), [`RG208@${lineOf(trust, '- {Effect')}`]);
    assert.deepEqual(readPolicyDocuments({ path: 'template.yaml', text: trust }).documents.map((d) => d.origin), ['Resources.Fn.Properties.AssumeRolePolicyDocument']);
  });

  it('SAM: AssumeRolePolicyDocument, from Globals or the function, is read only where SAM creates the role (no Role, or a side of !If leaving it out)', () => {
    const trust = ['AssumeRolePolicyDocument:', '  Version: "2012-10-17"', '  Statement:', '    - {Effect: Allow, Principal: "*", Action: sts:AssumeRole}'];
    const globals = ['Globals:', '  Function:', ...trust.map((line) => `    ${line}`), 'Conditions:', '  Own: !Equals [!Ref AWS::Region, us-east-1]'];
    for (const role of ['Role: arn:aws:iam::111122223333:role/existing', 'Role: !GetAtt R.Arn', 'Role: !If [Own, !GetAtt R.Arn, arn:aws:iam::111122223333:role/existing]']) {
      for (const text of [samTemplate([role], globals), samTemplate([role, ...trust])]) {
        assert.deepEqual(ruleLines(lintText({ path: 'template.yaml', text })), [], text);
        assert.deepEqual(readPolicyDocuments({ path: 'template.yaml', text }).documents, [], text);
      }
    }
    // A side with AWS::NoValue leaves Role out, and SAM creates the role the document trusts.
    const sometimes = samTemplate(['Role: !If [Own, !GetAtt R.Arn, !Ref AWS::NoValue]'], globals);
    assert.deepEqual(ruleLines(lintText({ path: 'template.yaml', text: sometimes })), [`RG208@${lineOf(sometimes, '- {Effect')}`]);
  });

  it('SAM: Policies are read only where SAM creates the role too ("If the Role property is set, this property is ignored")', () => {
    const policies = ['Policies:', '  - Version: "2012-10-17"', '    Statement:', '      - {Effect: Allow, Action: "*", Resource: "*"}'];
    const withRole = samTemplate(['Role: arn:aws:iam::111122223333:role/existing', ...policies]);
    assert.deepEqual(ruleLines(lintText({ path: 'template.yaml', text: withRole })), []);
    assert.deepEqual(readPolicyDocuments({ path: 'template.yaml', text: withRole }).documents, []);
    const created = samTemplate(policies);
    assert.ok(ruleLines(lintText({ path: 'template.yaml', text: created })).includes(`RG201@${lineOf(created, '- {Effect')}`));
  });

  describe('Terraform', () => {
    let hcl: HclParser;
    before(async () => {
      hcl = await loadHclParser();
    });

    it('aws_lambda_function_url with authorization_type "NONE": RG208 on that line, on the function and qualifier it names; AWS_IAM: none', () => {
      const text = [
        'resource "aws_lambda_function_url" "public" {',
        '  function_name      = "arn:aws:lambda:us-east-1:111122223333:function:hook"',
        '  qualifier          = "live"',
        '  authorization_type = "NONE"',
        '}',
        'resource "aws_lambda_function_url" "signed" {',
        '  function_name      = aws_lambda_function.f.function_name',
        '  authorization_type = "AWS_IAM"',
        '}',
        '',
      ].join('\n');
      const findings = lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings;
      assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.message]), [['RG208', 4, PUBLIC_URL]]);
      const { documents } = readPolicyDocuments({ path: 'main.tf', text }, { hcl });
      assert.deepEqual(
        documents.map((d) => d.origin),
        ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'].map((action) => `aws_lambda_function_url.public (the ${action} permission the provider adds)`),
      );
      assert.deepEqual(statements(documents), ADDED);
      assert.deepEqual(
        documents.map((d) => JSON.parse(d.text).Statement.Resource),
        ['arn:aws:lambda:us-east-1:111122223333:function:hook:live', 'arn:aws:lambda:us-east-1:111122223333:function:hook:live'],
      );
    });

    it('an authorization_type the linter cannot evaluate is RG010, not read as closed; a conditional one is RG208 on its "NONE" side', () => {
      const text = [
        'resource "aws_lambda_function_url" "unknown" {',
        '  function_name      = "hook"',
        '  authorization_type = var.auth_type',
        '}',
        'resource "aws_lambda_function_url" "chosen" {',
        '  function_name      = "hook"',
        '  authorization_type = var.public ? "NONE" : "AWS_IAM"',
        '}',
        'resource "aws_lambda_function_url" "partly" {',
        '  function_name      = "hook"',
        '  authorization_type = var.public ? var.auth_type : "AWS_IAM"',
        '}',
        '',
      ].join('\n');
      const findings = lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings;
      const notChecked = (address: string, expression: string) =>
        `${address} is not checked for public access: its authorization_type is given by ${expression}, which the linter cannot evaluate. Where it is "NONE", the provider lets anyone call the function URL, without AWS credentials.`;
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.line, f.message]),
        [
          ['RG010', 3, notChecked('aws_lambda_function_url.unknown', 'var.auth_type')],
          ['RG208', 7, `When condition var.public is true: ${PUBLIC_URL}`],
          ['RG010', 11, notChecked('aws_lambda_function_url.partly', 'var.public ? var.auth_type : "AWS_IAM"')],
        ],
      );
    });
  });
});
