import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles, lintText } from '../../../../../src/core/lint/linter';
import type { Finding } from '../../../../../src/core/lint/model';

const ADMIN = 'Attaches the AWS managed policy AdministratorAccess, which allows every action on every resource without condition: full administrator access, sts:AssumeRoot and IAM included.';

/** `RG201 14:11 message` of each RG201 finding. */
const fullAdmin = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'RG201').map((f) => `${f.line}:${f.column} ${f.message}`);

describe('managed policies attached by ARN: AdministratorAccess is full admin (RG201)', () => {
  it('CloudFormation YAML: roles, SAM functions by name or ARN, permission sets; any partition, either side of an !If', () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Ops:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}',
      '      ManagedPolicyArns:',
      '        - arn:aws:iam::aws:policy/ReadOnlyAccess',
      '        - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess',
      "        - !If [IsProd, !Ref AWS::NoValue, 'arn:aws-cn:iam::aws:policy/AdministratorAccess']",
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Policies: [AdministratorAccess, PowerUserAccess, {S3ReadPolicy: {BucketName: b}}]',
      '  Admins:',
      '    Type: AWS::SSO::PermissionSet',
      '    Properties:',
      '      ManagedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess]',
      '  Ops2:',
      '    Type: AWS::IAM::Group',
      '    Properties:',
      '      ManagedPolicyArns: [arn:aws:iam::111122223333:policy/AdministratorAccess]',
      '',
    ].join('\n');
    assert.deepEqual(fullAdmin(lintText({ path: 't.yaml', text })), [`9:16 ${ADMIN}`, `10:43 ${ADMIN}`, `14:18 ${ADMIN}`, `18:25 ${ADMIN}`]);
  });

  it('CloudFormation JSON: a SAM function\'s Policies given as one name, and a CDK construct named', () => {
    const template = {
      Resources: {
        Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: 'AdministratorAccess' } },
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: { ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }] },
          Metadata: { 'aws:cdk:path': 'App/Ops/Role/Resource' },
        },
      },
    };
    const text = JSON.stringify(template, null, 2);
    assert.deepEqual(fullAdmin(lintText({ path: 't.template.json', text })), [`6:21 ${ADMIN}`, `13:11 App/Ops/Role/Resource: ${ADMIN}`]);
  });

  it('a Terraform plan: an attachment\'s policy_arn, named by its resource address', () => {
    const resource = (address: string, type: string, values: object) => ({ address, mode: 'managed', type, name: 'x', values });
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            resource('aws_iam_role_policy_attachment.admin', 'aws_iam_role_policy_attachment', { role: 'ops', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
            resource('aws_iam_role.ops', 'aws_iam_role', { managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }),
          ],
        },
      },
    };
    const text = JSON.stringify(plan, null, 2);
    assert.deepEqual(fullAdmin(lintText({ path: 'plan.json', text, type: 'terraform-plan' })), [`13:27 aws_iam_role_policy_attachment.admin: ${ADMIN}`]);
  });

  describe('Terraform', () => {
    let hcl: HclParser;
    before(async () => {
      hcl = await loadHclParser();
    });

    it('attachments, a role\'s managed_policy_arns and a permission set\'s, the partition an interpolation', () => {
      const text = [
        'resource "aws_iam_role_policy_attachment" "admin" {',
        '  role       = "ops"',
        '  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"',
        '}',
        'resource "aws_iam_policy_attachment" "admins" {',
        '  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"',
        '}',
        'resource "aws_iam_role" "ops" {',
        '  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"]',
        '}',
        'resource "aws_ssoadmin_managed_policy_attachment" "admin" {',
        '  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"',
        '}',
        'resource "aws_iam_user_policy_attachment" "ro" {',
        '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
        '}',
        // A stack's template written in place: its roles' attachments too.
        'resource "aws_cloudformation_stack" "s" {',
        '  template_body = jsonencode({ Resources = { R = { Type = "AWS::IAM::Role", Properties = {',
        '    ManagedPolicyArns = ["arn:aws:iam::aws:policy/AdministratorAccess"] } } } })',
        '}',
        '',
      ].join('\n');
      assert.deepEqual(fullAdmin(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings), [`3:16 ${ADMIN}`, `6:16 ${ADMIN}`, `9:68 ${ADMIN}`, `12:24 ${ADMIN}`, `19:26 ${ADMIN}`]);
    });

    it('a data "aws_iam_policy" looked up by name or ARN, in the file or another of its module, is followed to the attachment', () => {
      const data = [
        'data "aws_iam_policy" "admin" {',
        '  name = "AdministratorAccess"',
        '}',
        'data "aws_iam_policy" "admin_by_arn" {',
        '  arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"',
        '}',
        'data "aws_iam_policy" "read_only" {',
        '  name = "ReadOnlyAccess"',
        '}',
        // Under a path other than AWS's own, the name finds the account's own policy, if any: not AWS's.
        'data "aws_iam_policy" "local_admin" {',
        '  name        = "AdministratorAccess"',
        '  path_prefix = "/teams/"',
        '}',
      ];
      const uses = [
        'resource "aws_iam_role_policy_attachment" "admin" {',
        '  role       = "ops"',
        '  policy_arn = data.aws_iam_policy.admin.arn',
        '}',
        'resource "aws_iam_user_policy_attachment" "admin" {',
        '  user       = "ops"',
        '  policy_arn = data.aws_iam_policy.admin_by_arn.arn',
        '}',
        'resource "aws_iam_role" "ops" {',
        '  managed_policy_arns = [data.aws_iam_policy.read_only.arn, data.aws_iam_policy.local_admin.arn, data.aws_iam_policy.admin.arn]',
        '}',
        '',
      ];
      const text = [...data, ...uses].join('\n');
      assert.deepEqual(fullAdmin(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings), [`16:16 ${ADMIN}`, `20:16 ${ADMIN}`, `23:98 ${ADMIN}`]);
      // The data sources in data.tf, the attachments in main.tf: reported where attached.
      const files = [{ path: 'm/data.tf', text: data.join('\n') }, { path: 'm/main.tf', text: uses.join('\n') }];
      const module = lintFiles(files, { hcl, moduleFiles: () => files });
      assert.deepEqual(module.map((file) => fullAdmin(file.findings)), [[], [`3:16 ${ADMIN}`, `7:16 ${ADMIN}`, `10:98 ${ADMIN}`]]);
    });

    it('an instance of a data "aws_iam_policy" made with count or for_each, and a reference written as a string\'s one interpolation', () => {
      const text = [
        'data "aws_iam_policy" "optional" {',
        '  count = 1',
        '  name  = "AdministratorAccess"',
        '}',
        'data "aws_iam_policy" "each" {',
        '  for_each = toset(["AdministratorAccess", "ReadOnlyAccess"])',
        '  name     = each.key',
        '}',
        'data "aws_iam_policy" "plain" {',
        '  name = "AdministratorAccess"',
        '}',
        'resource "aws_iam_role_policy_attachment" "indexed" {',
        '  role       = "ops"',
        '  policy_arn = data.aws_iam_policy.optional[0].arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "legacy_index" {',
        '  role       = "ops"',
        '  policy_arn = data.aws_iam_policy.optional.0.arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "by_key" {',
        '  role       = "ops"',
        '  policy_arn = data.aws_iam_policy.each["AdministratorAccess"].arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "read_only" {',
        '  role       = "ops"',
        '  policy_arn = data.aws_iam_policy.each["ReadOnlyAccess"].arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "each_key" {',
        '  for_each   = toset(["AdministratorAccess"])',
        '  role       = "ops"',
        '  policy_arn = data.aws_iam_policy.each[each.key].arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "interpolated" {',
        '  role       = "ops"',
        '  policy_arn = "${data.aws_iam_policy.plain.arn}"',
        '}',
        // The key is only known at deployment, and each instance finds another policy: not known.
        'resource "aws_iam_role_policy_attachment" "unknown_key" {',
        '  role       = "ops"',
        '  policy_arn = data.aws_iam_policy.each[var.name].arn',
        '}',
        '',
      ].join('\n');
      assert.deepEqual(fullAdmin(lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings), [`14:16 ${ADMIN}`, `18:16 ${ADMIN}`, `22:16 ${ADMIN}`, `31:16 ${ADMIN}`, `35:16 ${ADMIN}`]);
    });

    it('a file that only attaches AWS managed policies by name holds what RG201 checked: not "no policy"', () => {
      const attaching = (arn: string) => ['data "aws_iam_policy" "ro" {', '  name = "ReadOnlyAccess"', '}', 'resource "aws_iam_role_policy_attachment" "ro" {', '  role       = "ops"', `  policy_arn = ${arn}`, '}', ''].join('\n');
      const [byName, byVariable] = lintFiles(
        [
          { path: 'a/main.tf', text: attaching('data.aws_iam_policy.ro.arn') },
          { path: 'b/main.tf', text: attaching('var.policy_arn') },
        ],
        { hcl },
      );
      assert.deepEqual([byName.noPolicy, byName.findings], [undefined, []]);
      // An ARN only known at deployment names no policy RootGuard checks.
      assert.equal(byVariable.noPolicy, true);
    });

    it('a file linted only for the AWS managed policies it attaches says which policies it attaches are not checked (RG010), not "no problems"', () => {
      const attachment = (name: string, arn: string) => [`resource "aws_iam_role_policy_attachment" "${name}" {`, '  role       = "ops"', `  policy_arn = ${arn}`, '}'];
      const customer = attachment('custom', '"arn:aws:iam::123456789012:policy/Everything"');
      const readOnly = attachment('ro', '"arn:aws:iam::aws:policy/ReadOnlyAccess"');
      const [both, customerOnly] = lintFiles(
        [
          { path: 'c/main.tf', text: [...readOnly, ...customer, ...attachment('module_policy', 'aws_iam_policy.ops.arn'), ''].join('\n') },
          { path: 'd/main.tf', text: [...customer, ''].join('\n') },
        ],
        { hcl },
      );
      assert.deepEqual(
        both.findings.map((f) => [f.ruleId, f.line, f.column, f.message]),
        [['RG010', 7, 16, 'The policy attached here, arn:aws:iam::123456789012:policy/Everything, is not checked: it is not written in this file, and of the policies a file attaches by ARN only AWS managed ones are checked, by name.']],
      );
      assert.deepEqual([both.noPolicy, both.nothingChecked], [undefined, undefined]);
      // Attaching nothing RootGuard checks, the file holds no policy, as before.
      assert.deepEqual([customerOnly.noPolicy, customerOnly.findings], [true, []]);
    });

    it('an attachment of an ARN a variable gives, beside one RootGuard checks, is named as not checked (RG010); one of a policy the module writes is not', () => {
      const attachment = (name: string, arn: string) => [`resource "aws_iam_role_policy_attachment" "${name}" {`, '  role       = "ops"', `  policy_arn = ${arn}`, '}'];
      const text = [
        ...attachment('admin', '"arn:aws:iam::aws:policy/AdministratorAccess"'),
        ...attachment('other', 'var.policy_arn'),
        ...attachment('module_policy', 'aws_iam_policy.ops[0].arn'),
        'resource "aws_iam_role" "ops" {',
        '  managed_policy_arns = ["${var.extra_arn}"]',
        '}',
        '',
      ].join('\n');
      const [file] = lintFiles([{ path: 'f/main.tf', text }], { hcl });
      assert.deepEqual(
        file.findings.filter((f) => f.ruleId === 'RG010').map((f) => [f.line, f.column, f.message]),
        [
          [7, 16, 'The policy aws_iam_role_policy_attachment.other attaches is not checked: its ARN is given by var.policy_arn, known only at deployment.'],
          [14, 26, 'The policy aws_iam_role.ops attaches is not checked: its ARN is given by "${var.extra_arn}", known only at deployment.'],
        ],
      );
    });

    it('a data "aws_iam_policy" whose name or ARN is known only at deployment is named as not checked (RG010), not "no policy"', () => {
      const text = [
        'data "aws_iam_policy" "admin" {',
        '  name = "${var.prefix}-admin"',
        '}',
        'data "aws_iam_policy" "given" {',
        '  arn = var.policy_arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "admin" {',
        '  role       = "ops"',
        '  policy_arn = data.aws_iam_policy.admin.arn',
        '}',
        'resource "aws_iam_role" "ops" {',
        '  managed_policy_arns = [data.aws_iam_policy.given.arn]',
        '}',
        '',
      ].join('\n');
      const [file] = lintFiles([{ path: 'g/main.tf', text }], { hcl });
      const notChecked = (attachment: string, lookup: string) =>
        `The policy ${attachment} attaches, the one ${lookup} looks up, is not checked: the linter cannot tell which policy that data source finds.`;
      assert.deepEqual(
        file.findings.map((f) => [f.ruleId, f.line, f.column, f.message]),
        [
          ['RG010', 9, 16, notChecked('aws_iam_role_policy_attachment.admin', 'data.aws_iam_policy.admin')],
          ['RG010', 12, 26, notChecked('aws_iam_role.ops', 'data.aws_iam_policy.given')],
        ],
      );
      assert.equal(file.noPolicy, undefined);
    });

    it('a file with a policy of its own says which policies it attaches by ARN are not checked (RG010), not "no problems"', () => {
      const text = [
        'resource "aws_iam_role" "ops" {',
        '  name = "ops"',
        '  assume_role_policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]',
        '  })',
        '  managed_policy_arns = ["arn:aws:iam::123456789012:policy/Everything", aws_iam_policy.ops.arn]',
        '}',
        '',
      ].join('\n');
      const [role] = lintFiles([{ path: 'e/main.tf', text }], { hcl });
      assert.deepEqual(
        role.findings.map((f) => [f.ruleId, f.line, f.column]),
        [['RG010', 7, 26]],
      );
      assert.match(role.findings[0].message, /arn:aws:iam::123456789012:policy\/Everything, is not checked/);
    });
  });
});
