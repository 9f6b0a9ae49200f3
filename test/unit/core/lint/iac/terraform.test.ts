import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { applyFix, lintFiles, readPolicyDocuments } from '../../../../../src/core/lint/linter';
import type { Finding } from '../../../../../src/core/lint/model';
import { FIXTURES, fixture, lineOf, ruleLines } from './fixtures';

let hcl: HclParser;
const readRelative = (from: string, relative: string) => {
  try {
    return fs.readFileSync(path.resolve(FIXTURES, path.dirname(from), relative), 'utf8');
  } catch {
    return { unreadable: 'no such file' };
  }
};
const lintTf = (file: { path: string; text: string }): Finding[] => lintFiles([file], { hcl, readRelative })[0].findings;

/** `RULE@line:column: message` for each finding. */
const described = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.ruleId}@${f.line}:${f.column}: ${f.message}`);

/** An identity policy `name` of one sts:AssumeRoot statement per account of `accounts`, written with `for`. */
function rootGrantPerAccount(name: string, accounts: string): string[] {
  return [
    `resource "aws_iam_policy" "${name}" {`,
    '  policy = jsonencode({',
    '    Version = "2012-10-17"',
    `    Statement = [for account in ${accounts} : {`,
    '      Effect   = "Allow"',
    '      Action   = "sts:AssumeRoot"',
    '      Resource = "arn:aws:iam::${account}:root"',
    '    }]',
    '  })',
    '}',
  ];
}

describe('Terraform', () => {
  before(async () => {
    hcl = await loadHclParser();
  });

  it('a guardrails module: jsonencode, aws_iam_policy_document, heredoc, file() and a variable, each on its line', () => {
    const file = fixture('terraform/main.tf');
    const findings = lintTf(file);
    assert.deepEqual(ruleLines(findings), [
      `RG107@${lineOf(file.text, '"aws:PrincipalArn" = "arn:aws:iam::*:root"')}`,
      `RG101@${lineOf(file.text, 'actions   = ["sts:AssumeRoot"]')}`,
      `RG009@${lineOf(file.text, '"s3:GetObjet"')}`,
      `RG205@${lineOf(file.text, '"iam:PassRole"')}`,
      `RG009@${lineOf(file.text, 'file("${path.module}')}`,
      `RG010@${lineOf(file.text, 'var.bucket_policy')}`,
    ]);
    assert.match(findings[5].message, /aws_s3_bucket_policy\.shared\.policy is not checked: the policy is given by var\.bucket_policy/);
    assert.equal(file.text.slice(findings[2].range.start, findings[2].range.end), '"s3:GetObjet"');
  });

  it('is read as HCL when the caller gives the syntax, whatever the name (an editor\'s terraform or hcl document)', () => {
    const file = fixture('terraform/main.tf');
    const asUntitled = lintFiles([{ path: 'Untitled-1', text: file.text, syntax: 'hcl' }], { hcl })[0];
    assert.equal(asUntitled.type, 'terraform');
    assert.deepEqual(ruleLines(asUntitled.findings).slice(0, 4), ruleLines(lintTf(file)).slice(0, 4));
  });

  it('follows local values to the policy they hold, and reports the findings where the local is written', () => {
    const text = [
      'locals {',
      '  deny_root = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{ Effect = "Deny", Action = "*", Resource = "*", Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } } }]',
      '  })',
      '  tasks     = data.aws_iam_policy_document.tasks.json',
      '  alias     = local.tasks',
      '  loop_a    = local.loop_b',
      '  loop_b    = local.loop_a',
      '}',
      'data "aws_iam_policy_document" "tasks" {',
      '  statement {',
      '    actions   = ["sts:AssumeRoot"]',
      '    resources = ["*"]',
      '  }',
      '}',
      'resource "aws_organizations_policy" "deny_root" {',
      '  name    = "deny-root"',
      '  content = local.deny_root',
      '}',
      'resource "aws_organizations_policy" "deny_root_again" {',
      '  name    = "deny-root-again"',
      '  content = local.deny_root',
      '}',
      'resource "aws_iam_policy" "tasks" {',
      '  policy = local.alias',
      '}',
      'resource "aws_iam_policy" "loop" {',
      '  policy = local.loop_a',
      '}',
      'resource "aws_iam_policy" "unknown" {',
      '  policy = local.not_declared',
      '}',
    ].join('\n');
    const findings = lintTf({ path: 'locals.tf', text });
    // Each local once, however many resources use it; a cycle is reported where it closes.
    assert.deepEqual(ruleLines(findings), ['RG107@4', 'RG010@9', 'RG101@13', 'RG010@32']);
    assert.match(findings[1].message, /^local\.loop_b \(local\.loop_a \(aws_iam_policy\.loop\.policy\)\) is not checked: the policy is given by local\.loop_a/);
    assert.match(findings[3].message, /aws_iam_policy\.unknown\.policy is not checked: the policy is given by local\.not_declared/);
  });

  it('without the HCL parser a Terraform file is reported as not checked, not passed', () => {
    const [result] = lintFiles([fixture('terraform/main.tf')]);
    assert.deepEqual(ruleLines(result.findings), ['RG010@1']);
  });

  it('reports a file that does not parse with RG001', () => {
    assert.deepEqual(lintTf({ path: 'x.tf', text: 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n}\n' }).map((f) => f.ruleId), ['RG001']);
  });

  it('reports values nested deeper than it reads with RG001 (3,000 nested lists in 6 KB overflowed the stack)', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}"sts:AssumeRoot"${']'.repeat(depth)}`;
    const policy = (depth: number) => `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Resource = "*", Action = ${nested(depth)} }] })\n}\n`;
    const deep = lintTf({ path: 'deep.tf', text: policy(3000) });
    assert.deepEqual(deep.map((f) => `${f.ruleId}@${f.line}: ${f.message}`), [
      'RG001@2: Invalid HCL: nesting deeper than the linter reads (768 levels of HCL syntax). Fix the syntax here; nothing after it can be checked reliably.',
    ]);
    assert.deepEqual(lintTf({ path: 'ten.tf', text: policy(10) }).map((f) => f.ruleId), ['RG002'], 'ten levels are read (and an array of arrays is no action)');
  });

  it('reads "${data.x.json}", the 0.11 way of writing a reference, as the reference', () => {
    const text = [
      'data "aws_iam_policy_document" "d" {',
      '  statement {',
      '    actions   = ["sts:AssumeRoot"]',
      '    resources = ["*"]',
      '  }',
      '}',
      'resource "aws_iam_policy" "p" {',
      '  policy = "${data.aws_iam_policy_document.d.json}"',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(ruleLines(lintTf({ path: 'main.tf', text })), ['RG101@3']);
  });

  it('reads blocks whose labels are not quoted, as Terraform does', () => {
    const text = [
      'resource aws_iam_policy p {',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*" }] })',
      '}',
      'data aws_iam_policy_document "deny" {',
      '  statement {',
      '    effect    = "Deny"',
      '    actions   = ["*"]',
      '    resources = ["*"]',
      '    condition {',
      '      test     = "StringLike"',
      '      variable = "aws:PrincipalArn"',
      '      values   = ["arn:aws:iam::*:root"]',
      '    }',
      '  }',
      '}',
      'resource "aws_organizations_policy" deny_root {',
      '  content = data.aws_iam_policy_document.deny.json',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(ruleLines(lintTf({ path: 'main.tf', text })), ['RG101@2', 'RG107@11']);
  });

  it('two condition blocks with the same test: a finding about each points at its own block', () => {
    const block = (variable: string, value: string) => ['    condition {', '      test     = "ForAnyValue:StringEquals"', `      variable = "${variable}"`, `      values   = ["${value}"]`, '    }'];
    const text = [
      'data "aws_iam_policy_document" "d" {',
      '  statement {',
      '    actions   = ["s3:GetObject"]',
      '    resources = ["*"]',
      ...block('aws:PrincipalAccount', '111122223333'),
      ...block('aws:PrincipalOrgID', 'o-a1b2c3d4e5'),
      '  }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(described(lintTf({ path: 'd.tf', text }).filter((f) => f.ruleId === 'RG207')), [
      'RG207@7:18: ForAnyValue:StringEquals on aws:PrincipalAccount, a single-valued key: set operators are for multivalued keys. Use StringEquals.',
      'RG207@12:18: ForAnyValue:StringEquals on aws:PrincipalOrgID, a single-valued key: set operators are for multivalued keys. Use StringEquals.',
    ]);
  });

  describe('statements Terraform generates: dynamic blocks and for expressions', () => {
    const DYNAMIC = [
      'data "aws_iam_policy_document" "d" {',
      '  statement {',
      '    actions   = ["s3:GetObject"]',
      '    resources = ["*"]',
      '  }',
      '  dynamic "statement" {',
      '    for_each = var.operators',
      '    content {',
      '      actions   = ["sts:AssumeRoot"]',
      '      resources = ["arn:aws:iam::${statement.value}:root"]',
      '      dynamic "condition" {',
      '        for_each = var.networks',
      '        content {',
      '          test     = "IpAddress"',
      '          variable = "aws:SourceIp"',
      '          values   = [condition.value]',
      '        }',
      '      }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');

    it('reads a dynamic block\'s content as the statement (and condition) every item generates', () => {
      const findings = lintTf({ path: 'd.tf', text: DYNAMIC }).filter((f) => f.ruleId === 'RG101');
      // var.networks may be empty: the statement is read with its IpAddress condition and without.
      assert.deepEqual(ruleLines(findings), ['RG101@9', 'RG101@9']);
      assert.match(findings[0].message, /^When condition length\(var.networks\) > 0 is true: Allows sts:AssumeRoot with every task policy/);
      assert.match(findings[1].message, /^When condition length\(var.networks\) > 0 is false: Allows sts:AssumeRoot with every task policy/);
    });

    it('restricts a dynamic statement with a condition block inside its content (RG101)', () => {
      const finding = lintTf({ path: 'd.tf', text: DYNAMIC }).find((f) => f.ruleId === 'RG101')!;
      const fix = finding.interactiveFixes[0]?.build(['IAMAuditRootUserCredentials']);
      assert.ok(fix);
      const fixed = applyFix(DYNAMIC, fix);
      assert.ok(fixed.includes('          values   = [condition.value]\n        }\n      }\n      condition {\n        test     = "ArnEquals"'), fixed);
      relintClean(fixed, 'RG101');
    });

    it('reads [for ...] as a list of its body\'s shape, not as a string (RG002 said "found a string")', () => {
      assert.deepEqual(ruleLines(lintTf({ path: 'f.tf', text: [...rootGrantPerAccount('p', 'var.accounts'), ''].join('\n') })), ['RG101@6']);
    });

    it('reads [for ...] over strings written in place item by item, each finding on its string', () => {
      const text = [
        'resource "aws_iam_policy" "p" {',
        '  policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [for action in ["s3:GetObjet", "sts:AssumeRoot"] : {',
        '      Effect   = "Allow"',
        '      Action   = action',
        '      Resource = "arn:aws:iam::${local.audit}:root"',
        '    }]',
        '  })',
        '}',
        ...rootGrantPerAccount('q', '["111122223333", "444455556666"]'),
        '',
      ].join('\n');
      const findings = lintTf({ path: 'f.tf', text });
      assert.deepEqual(findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`), ['RG009@4:33', 'RG101@4:48', 'RG101@16:18']);
      // Each account's grant is a statement of its own, named by the account the list gives.
      assert.match(findings[2].message, / for accounts 111122223333 and 444455556666: /);
    });

    it('does not judge a condition operator known only at deployment (RG005 called var.op "a")', () => {
      const text = [
        'resource "aws_iam_policy" "p" {',
        '  policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [{ Effect = "Deny", Action = "s3:*", Resource = "*", Condition = { (var.op) = { "aws:SourceIp" = "10.0.0.0/8" } } }]',
        '  })',
        '}',
        'data "aws_iam_policy_document" "d" {',
        '  statement {',
        '    effect    = "Deny"',
        '    actions   = ["s3:*"]',
        '    resources = ["*"]',
        '    dynamic "condition" {',
        '      for_each = var.conditions',
        '      content {',
        '        test     = condition.value.test',
        '        variable = "aws:SourceIp"',
        '        values   = ["10.0.0.0/8"]',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n');
      // RG010 only says the document nothing uses is checked as an identity policy.
      assert.deepEqual(ruleLines(lintTf({ path: 'op.tf', text })), ['RG010@7']);
    });
  });

  const relintClean = (text: string, ruleId: string) => {
    assert.deepEqual(lintTf({ path: 'fixed.tf', text }).filter((f) => f.ruleId === ruleId).map((f) => f.message), [], text);
  };

  describe('quick fixes written in HCL, re-linted clean', () => {

    it('replaces a string in an aws_iam_policy_document list', () => {
      const file = fixture('terraform/main.tf');
      const finding = lintTf(file).find((f) => f.ruleId === 'RG009' && f.fixes.length > 0)!;
      const fixed = applyFix(file.text, finding.fixes[0]);
      assert.ok(fixed.includes('actions   = ["s3:GetObject", "s3:ListBucket"]'));
      assert.equal(lintTf({ path: file.path, text: fixed }).filter((f) => f.ruleId === 'RG009').length, 1, 'only the file() one is left');
    });

    it('adds the aws:AssumedRoot exemption to a jsonencode Condition as an HCL attribute (RG107)', () => {
      const file = fixture('terraform/main.tf');
      const finding = lintTf(file).find((f) => f.ruleId === 'RG107')!;
      const fix = finding.fixes.find((f) => /Exempt root sessions/.test(f.title));
      assert.ok(fix, finding.fixes.map((f) => f.title).join(', '));
      const fixed = applyFix(file.text, fix);
      assert.ok(fixed.includes('          }\n          Null = { "aws:AssumedRoot" = "true" }\n        }'), fixed);
      relintClean(fixed, 'RG107');
    });

    it('restricts sts:AssumeRoot with a condition block in the statement (RG101)', () => {
      const file = fixture('terraform/main.tf');
      const finding = lintTf(file).find((f) => f.ruleId === 'RG101')!;
      const fix = finding.interactiveFixes[0]?.build(['IAMAuditRootUserCredentials']);
      assert.ok(fix);
      const fixed = applyFix(file.text, fix);
      assert.ok(
        fixed.includes(
          '    resources = ["arn:aws:iam::*:root"]\n    condition {\n      test     = "ArnEquals"\n      variable = "sts:TaskPolicyArn"\n      values   = ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"]\n    }\n  }',
        ),
        fixed,
      );
      relintClean(fixed, 'RG101');
    });

    it('edits JSON in a heredoc in place, and offers nothing for a policy read with file()', () => {
      const text = 'resource "aws_iam_role_policy" "p" {\n  policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"}]}\nEOF\n}\n';
      const finding = lintTf({ path: 'h.tf', text }).find((f) => f.ruleId === 'RG009')!;
      const fixed = applyFix(text, finding.fixes[0]);
      assert.equal(fixed, text.replace('s3:GetObjet', 's3:GetObject'));
      const fromFile = lintTf(fixture('terraform/main.tf')).filter((f) => f.ruleId === 'RG009')[1];
      assert.deepEqual(fromFile.fixes, []);
    });
  });

  it('a key given twice in jsonencode({...}): Terraform keeps the last, so does the engine (RG101), RG016 at the first', () => {
    const text = [
      'resource "aws_iam_policy" "p" {',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*"',
      '      Condition = {',
      '        StringEquals = { "sts:TaskPolicyArn" = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" }',
      '        StringEquals = { "aws:PrincipalOrgID" = "o-abc" }',
      '      }',
      '    }]',
      '  })',
      '}',
    ].join('\n');
    const findings = lintTf({ path: 'dup.tf', text });
    assert.deepEqual(ruleLines(findings), ['RG101@5', 'RG016@7']);
    assert.match(findings[1].message, /^"StringEquals" is given again at line 8, column 9:/);
  });

  it('a policy file() reads with a byte order mark: Terraform sends the mark, and RG001 names it', () => {
    const text = 'resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = file("bom.json")\n}\n';
    const withMark = () => '\uFEFF{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}';
    const [result] = lintFiles([{ path: 'bom.tf', text }], { hcl, readRelative: withMark });
    const invalid = result.findings.filter((f) => f.ruleId === 'RG001');
    assert.equal(invalid.length, 1);
    assert.match(invalid[0].message, /^Invalid JSON in the policy string at aws_iam_policy\.p\.policy \(bom\.json\): a byte order mark \(U\+FEFF\) before the JSON/);
    assert.equal(invalid[0].line, 3);
  });

  it('a statement, Effect or Condition given by a variable is not checked (RG010), never "found a string" (RG002); concat() is read', () => {
    const text = [
      'resource "aws_organizations_policy" "scp" {',
      '  type = "SERVICE_CONTROL_POLICY"',
      '  content = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [',
      '      { Effect = var.effect, Action = "s3:*", Resource = "*" },',
      '      var.extra,',
      '      { Effect = "Deny", Action = "s3:*", Resource = "*", Condition = var.condition },',
      '      { Effect = "Deny", Action = "s3:*", Resource = "*", Condition = { StringEquals = local.tags } },',
      '    ]',
      '  })',
      '}',
      'resource "aws_iam_policy" "p" {',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = concat(local.base, [{ Effect = "Allow", Action = "s3:GetObjet", Resource = "*" }]) })',
      '}',
      'resource "aws_iam_policy" "q" {',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "s3:*", Resource = "*", Condition = local.conditions["strict"] }] })',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(
      described(lintTf({ path: 'vars.tf', text })),
      [
        "RG010@6:18: This statement's Effect is given by var.effect, known only at deployment: most checks skip the statement; simulate, the preflight and the root-session checks read it as either.",
        'RG010@7:7: This statement of aws_organizations_policy.scp.content is given by var.extra, known only at deployment, and is not checked.',
        "RG010@8:71: This statement's Condition is given by var.condition, known only at deployment, and is not checked: findings on the statement read it as if it might not restrict it.",
        'RG010@9:88: The StringEquals block is given by local.tags, known only at deployment, and is not checked: findings on the statement read it as if it might not restrict it.',
        'RG010@14:68: This statement of aws_iam_policy.p.policy is given by local.base, known only at deployment, and is not checked.',
        // The statements concat() joins in place are checked.
        'RG009@14:110: Action "s3:GetObjet": s3 has no action "GetObjet"; did you mean "s3:GetObject"?',
        // An expression that ends in a bracket of its own is named whole.
        "RG010@17:126: This statement's Condition is given by local.conditions[\"strict\"], known only at deployment, and is not checked: findings on the statement read it as if it might not restrict it.",
      ],
    );
  });

  it('a heredoc whose interpolation stands for a whole JSON value reads it as one value known only at deployment, never as invalid JSON', () => {
    const text = [
      'resource "aws_organizations_policy" "regions" {',
      '  type    = "SERVICE_CONTROL_POLICY"',
      '  content = <<EOT',
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [{',
      '    "Effect": "Deny", "NotAction": ${jsonencode(var.global_services)}, "Resource": "*",',
      '    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ${jsonencode(var.regions)}}}',
      '  }]',
      '}',
      'EOT',
      '}',
      'resource "aws_organizations_policy" "whole" {',
      '  type    = "SERVICE_CONTROL_POLICY"',
      '  content = <<EOT',
      '{"Version": "2012-10-17", "Statement": ${jsonencode(local.statements)}}',
      'EOT',
      '}',
      'resource "aws_iam_policy" "roots" {',
      '  policy = <<EOT',
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": ${jsonencode(var.targets)}}]}',
      'EOT',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(
      described(lintTf({ path: 'heredocs.tf', text })),
      [
        'RG010@16:40: The Statement of aws_organizations_policy.whole.content is given by ${jsonencode(local.statements)}, known only at deployment: no statement of it is checked.',
        'RG101@21:71: Allows sts:AssumeRoot with every task policy, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials included, for every member account, as far as values known only at deployment allow: no condition restricts sts:TaskPolicyArn.',
      ],
    );
  });

  it('a heredoc or string with %{ if } or %{ for } is not checked (RG010), never reported as invalid JSON (RG001)', () => {
    const text = [
      'resource "aws_iam_policy" "optional" {',
      '  policy = <<-EOT',
      '    {"Version": "2012-10-17", "Statement": [',
      '      %{ if var.allow_read }',
      '      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},',
      '      %{ endif }',
      '      {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}',
      '    ]}',
      '  EOT',
      '}',
      'resource "aws_iam_policy" "quoted" {',
      '  policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [%{ for b in var.buckets }{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:GetObject\\", \\"Resource\\": \\"arn:aws:s3:::${b}/*\\"}%{ endfor }]}"',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(described(lintTf({ path: 'directives.tf', text })), [
      'RG010@4:7: aws_iam_policy.optional.policy is not checked: its text uses template directives (%{ if var.allow_read }), which keep, drop or repeat text by values the linter does not evaluate.',
      'RG010@12:59: aws_iam_policy.quoted.policy is not checked: its text uses template directives (%{ for b in var.buckets }), which keep, drop or repeat text by values the linter does not evaluate.',
    ]);
  });

  it('a document no resource here uses is linted as a resource policy when it names principals (a trust policy passed to a module)', () => {
    const text = [
      'data "aws_iam_policy_document" "trust" {',
      '  statement {',
      '    actions = ["sts:AssumeRole"]',
      '    principals {',
      '      type        = "Service"',
      '      identifiers = ["lambda.amazonaws.com"]',
      '    }',
      '  }',
      '}',
      'data "aws_iam_policy_document" "public" {',
      '  statement {',
      '    actions   = ["s3:GetObject"]',
      '    resources = ["arn:aws:s3:::b/*"]',
      '    principals {',
      '      type        = "*"',
      '      identifiers = ["*"]',
      '    }',
      '  }',
      '}',
      'data "aws_iam_policy_document" "grant" {',
      '  statement {',
      '    actions = ["s3:GetObject"]',
      '  }',
      '}',
      'module "role" {',
      '  source       = "./modules/role"',
      '  trust_policy = data.aws_iam_policy_document.trust.json',
      '}',
      'output "bucket_policy" { value = data.aws_iam_policy_document.public.json }',
      'output "grant" { value = data.aws_iam_policy_document.grant.json }',
      '',
    ].join('\n');
    // The grant's missing Resource is rejected only if it is the identity policy it is assumed to be: RG010.
    assert.deepEqual(ruleLines(lintTf({ path: 'module-arguments.tf', text })), ['RG208@14', 'RG010@21', 'RG010@30']);
  });

  it('reads a local the file writes where a policy names it, in a value or a string, and reports findings where it is written', () => {
    const text = [
      'locals {',
      '  actions = ["s3:GetObject", "s3:GetObjct"]',
      '  account = "111122223333"',
      '  again   = local.again',
      '}',
      'resource "aws_iam_policy" "read" {',
      '  policy = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Action = local.actions, Resource = local.again }]',
      '  })',
      '}',
      'resource "aws_iam_policy" "root" {',
      '  policy = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Action = "sts:AssumeRoot", Resource = "arn:aws:iam::${local.account}:root" }]',
      '  })',
      '}',
      '',
    ].join('\n');
    const findings = lintTf({ path: 'locals.tf', text });
    assert.deepEqual(described(findings).map((f) => f.split(': ')[0]), ['RG009@2:30', 'RG101@15:47']);
    assert.match(findings[1].message, /for account 111122223333: no condition restricts sts:TaskPolicyArn/);
    // The typo's fix edits the local, which every use reads; a string the local was put into is not rewritten.
    assert.equal(applyFix(text, findings[0].fixes[0]).split('\n')[1], '  actions = ["s3:GetObject", "s3:GetObject"]');
  });

  it('a file() or templatefile() target that cannot be read: RG010 says which file and why', () => {
    const text = [
      'resource "aws_organizations_policy" "deny_root" {',
      '  type    = "SERVICE_CONTROL_POLICY"',
      '  content = file("${path.module}/policies/missing.json")',
      '}',
      'resource "aws_iam_policy" "p" {',
      '  policy = templatefile("policies/missing.json.tftpl", { account = "111122223333" })',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(described(lintTf({ path: 'terraform/missing.tf', text })), [
      'RG010@3:13: aws_organizations_policy.deny_root.content is not checked: policies/missing.json, given to file(), cannot be read: no such file.',
      'RG010@6:12: aws_iam_policy.p.policy is not checked: policies/missing.json.tftpl, given to templatefile(), cannot be read: no such file.',
    ]);
  });

  it("RG007 counts an SCP document's .json as the provider renders it, indented, and its .minified_json compact", () => {
    const actions = ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'iam:CreateUser', 'kms:Decrypt', 'sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction'];
    const statement = (i: number) =>
      [
        '  statement {',
        `    sid       = "S${i}"`,
        '    effect    = "Deny"',
        `    actions   = [${actions.map((action) => `"${action}"`).join(', ')}]`,
        '    resources = ["*"]',
        '    condition {',
        '      test     = "StringNotEquals"',
        '      variable = "aws:RequestedRegion"',
        '      values   = ["eu-west-1", "eu-central-1"]',
        '    }',
        '  }',
      ].join('\n');
    const document = ['data "aws_iam_policy_document" "scp" {', ...Array.from({ length: 34 }, (_, i) => statement(i)), '}'].join('\n');
    const scp = (attribute: string) => `${document}\nresource "aws_organizations_policy" "scp" {\n  content = data.aws_iam_policy_document.scp.${attribute}\n}\n`;
    // 16,394 and 9,446 characters as terraform-provider-aws renders them (a one-item list as its string).
    assert.deepEqual(described(lintTf({ path: 'size.tf', text: scp('json') })), [
      "RG007@1:1: This service control policy is 16,394 characters, whitespace included, over the limit of 10,240. Minified it is 9,446 and fits: use the document's minified_json rather than its json.",
    ]);
    assert.deepEqual(described(lintTf({ path: 'size.tf', text: scp('minified_json') })), []);
  });

  it('a policy document made with for_each is read where its instances are used, once per type', () => {
    const text = [
      'data "aws_iam_policy_document" "scp" {',
      '  for_each = var.scps',
      '  statement {',
      '    effect    = "Deny"',
      '    actions   = ["*"]',
      '    resources = ["*"]',
      '    condition {',
      '      test     = "ArnLike"',
      '      variable = "aws:PrincipalArn"',
      '      values   = [each.value.principal, "arn:aws:iam::*:root"]',
      '    }',
      '  }',
      '}',
      'resource "aws_organizations_policy" "scp" {',
      '  for_each = var.scps',
      '  content  = data.aws_iam_policy_document.scp[each.key].json',
      '}',
      'resource "aws_organizations_policy" "first" {',
      '  content = data.aws_iam_policy_document.scp["first"].minified_json',
      '}',
      '',
    ].join('\n');
    // An SCP's root deny (RG107), not an unchecked policy (RG010) nor an identity policy.
    assert.deepEqual(ruleLines(lintTf({ path: 'for-each.tf', text })), ['RG107@9']);
  });

  it('jsonencode(jsondecode(file())) and jsonencode(yamldecode(file())): the file read as Terraform sends it', () => {
    const scp = (name: string, content: string) => `resource "aws_organizations_policy" "${name}" {\n  type    = "SERVICE_CONTROL_POLICY"\n  content = ${content}\n}\n`;
    const text = [
      scp('minified', 'jsonencode(jsondecode(file("${path.module}/policies/deny-leaving.json")))'),
      scp('yaml', 'jsonencode(yamldecode(file("${path.module}/policies/deny-root.yaml")))'),
      scp('not_yaml', 'jsonencode(yamldecode(file("policies/per-account.json.tftpl")))'),
      scp('missing', 'jsonencode(yamldecode(file("policies/missing.yaml")))'),
    ].join('');
    assert.deepEqual(described(lintTf({ path: 'terraform/decoded.tf', text })), [
      // deny-leaving.json misspells the action: found through jsondecode, on the file() call.
      'RG009@3:35: Action "organizations:LeaveOrganisation": organizations has no action "LeaveOrganisation"; did you mean "organizations:LeaveOrganization"?',
      'RG107@7:13: Denies the root principal (ArnLike "arn:aws:iam::*:root") without a "Null": {"aws:AssumedRoot": "true"} exemption, so it also denies centralized root access sessions in partition aws: blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy (all 4 calls); SQSUnlockQueuePolicy (all 4 calls).',
      'RG010@11:13: aws_organizations_policy.not_yaml.content is not checked: policies/per-account.json.tftpl, given to yamldecode(), is not YAML Terraform reads: Plain value cannot start with directive indicator character % at line 4, column 1.',
      'RG010@15:13: aws_organizations_policy.missing.content is not checked: policies/missing.yaml, given to file(), cannot be read: no such file.',
    ]);
  });

  it('templatefile(): the template rendered with the variables written in the call, a directive not guessed at', () => {
    const text = [
      'resource "aws_organizations_policy" "regions" {',
      '  type    = "SERVICE_CONTROL_POLICY"',
      '  content = templatefile("${path.module}/policies/region-guardrail.json.tftpl", {',
      '    global_services = ["iam:*", "organizations:*", "sts:*"]',
      '    regions         = var.regions',
      '    partition       = data.aws_partition.current.partition',
      '    admin_role      = "Admin"',
      '    account_id      = "111122223333"',
      '  })',
      '}',
      'resource "aws_iam_policy" "per_account" {',
      '  policy = templatefile("${path.module}/policies/per-account.json.tftpl", { accounts = ["111122223333"] })',
      '}',
      'resource "aws_organizations_policy" "vars" {',
      '  content = templatefile("${path.module}/policies/region-guardrail.json.tftpl", local.guardrail_vars)',
      '}',
      '',
    ].join('\n');
    const findings = lintTf({ path: 'terraform/templates.tf', text });
    assert.deepEqual(
      described(findings),
      [
        // The root user is denied in the template's partition: root sessions are blocked too. A part known only
        // at deployment is written in the template, not here, so the message cannot quote it.
        'RG107@3:13: Denies the root principal (ArnLike "arn:<unknown>:iam::*:root") without a "Null": {"aws:AssumedRoot": "true"} exemption, so it also denies centralized root access sessions: blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy (all 4 calls); SQSUnlockQueuePolicy (all 4 calls).',
        'RG010@12:12: aws_iam_policy.per_account.policy is not checked: policies/per-account.json.tftpl is given to templatefile(), and it uses template directives (%{ ... }), which the linter does not evaluate.',
        // Variables given by an expression: every interpolation is known only at deployment.
        'RG107@15:13: Denies the root principal (ArnLike "arn:<unknown>:iam::*:root") without a "Null": {"aws:AssumedRoot": "true"} exemption, so it also denies centralized root access sessions: blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy (all 4 calls); SQSUnlockQueuePolicy (all 4 calls).',
      ],
    );
  });

  it("an Allow's action list given by a variable is not checked (RG010), in a policy document and in jsonencode", () => {
    const text = [
      'data "aws_iam_policy_document" "ops" {',
      '  statement {',
      '    actions   = var.actions',
      '    resources = ["*"]',
      '  }',
      '}',
      'resource "aws_iam_policy" "ops" {',
      '  policy = data.aws_iam_policy_document.ops.json',
      '}',
      'resource "aws_iam_policy" "more" {',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(described(lintTf({ path: 'actions.tf', text })), [
      "RG010@3:17: This statement's Action is given by var.actions, known only at deployment: which actions it allows is not checked; simulate and the preflight read it as possibly any action.",
      "RG010@11:91: This statement's Action is given by var.actions, known only at deployment: which actions it allows is not checked; simulate and the preflight read it as possibly any action.",
    ]);
  });

  it('a conditional is read on each side of its condition, and a finding one side has names it', () => {
    const text = [
      'resource "aws_iam_policy" "p" {',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect    = "Allow"',
      '      Action    = "sts:AssumeRoot"',
      '      Resource  = "*"',
      '      Condition = var.strict ? { StringEquals = { "sts:TaskPolicyArn" = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" } } : {}',
      '    }]',
      '  })',
      '}',
      'data "aws_iam_policy_document" "d" {',
      '  statement {',
      '    effect    = var.strict ? "Deny" : "Allow"',
      '    actions   = var.strict ? ["s3:GetObjet"] : ["sts:AssumeRoot"]',
      '    resources = ["*"]',
      '  }',
      '}',
      'resource "aws_iam_role_policy" "r" {',
      '  role   = "x"',
      '  policy = data.aws_iam_policy_document.d.json',
      '}',
      '',
    ].join('\n');
    const expected = [
      'RG101@6:19: When condition var.strict is false: Allows sts:AssumeRoot with every task policy',
      // The Deny side holds a typo, the Allow side an unscoped grant: each is found on its own side.
      'RG009@15:31: When condition var.strict is true: Action "s3:GetObjet"',
      'RG101@15:49: When condition var.strict is false: Allows sts:AssumeRoot with every task policy',
    ];
    const found = described(lintTf({ path: 'switch.tf', text }));
    assert.deepEqual(found.map((f, i) => (expected[i] && f.startsWith(expected[i]) ? expected[i] : f)), expected);
  });

  it('a policy chosen by a conditional: each side read, the one given by a variable said, one used everywhere said once', () => {
    const document = (name: string, condition: string) =>
      `data "aws_iam_policy_document" "${name}" {\n  statement {\n    actions   = ["sts:AssumeRoot"]\n    resources = ["*"]\n${condition}  }\n}`;
    const audit = '    condition {\n      test     = "StringEquals"\n      variable = "sts:TaskPolicyArn"\n      values   = ["arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"]\n    }\n';
    const rolePolicy = (name: string, policy: string) => `resource "aws_iam_role_policy" "${name}" {\n  role   = "x"\n  policy = ${policy}\n}`;
    const open = 'data.aws_iam_policy_document.open.json';
    const chosen = [document('strict', audit), document('open', ''), rolePolicy('a', `var.strict ? data.aws_iam_policy_document.strict.json : ${open}`), rolePolicy('b', 'var.strict ? jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*" }] }) : var.other'), ''].join('\n');
    assert.deepEqual(
      lintTf({ path: 'chosen.tf', text: chosen }).map((f) => `${f.ruleId}@${f.line} ${f.message.slice(0, 60)}`),
      [
        'RG101@14 When condition var.strict is false: Allows sts:AssumeRoot wi',
        'RG010@24 aws_iam_role_policy.b.policy is not checked when condition v',
      ],
    );
    // A conditional inside on the condition that chose the policy takes the same side: never unscoped here.
    const scoped = `{ StringEquals = { "sts:TaskPolicyArn" = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" } }`;
    const nested = rolePolicy('n', `var.strict ? jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*", Condition = var.strict ? ${scoped} : {} }] }) : var.other`);
    assert.deepEqual(lintTf({ path: 'nested.tf', text: `${nested}\n` }).map((f) => f.ruleId), ['RG010']);
    // ... and where it finds something, names that condition once.
    const typo = nested.replace('Action = "sts:AssumeRoot"', 'Action = var.strict ? "s3:GetObjet" : "s3:GetObject"');
    assert.deepEqual(lintTf({ path: 'nested.tf', text: `${typo}\n` }).map((f) => f.message.split(': ')[0]), ['When condition var.strict is true', 'aws_iam_role_policy.n.policy is not checked when condition var.strict is false']);
    // The same document also used as is, or on both sides: its finding holds always, and is said once, bare.
    for (const also of [rolePolicy('c', open), rolePolicy('c', `var.on ? ${open} : ${open}`)]) {
      const findings = lintTf({ path: 'chosen.tf', text: `${chosen}\n${also}\n` }).filter((f) => f.ruleId === 'RG101');
      assert.deepEqual(findings.map((f) => `${f.line} ${f.message.slice(0, 36)}`), ['14 Allows sts:AssumeRoot with every tas']);
    }
  });

  it('reads the resource policies written inline and of the services RCPs govern: queues, buckets, keys, secrets', () => {
    const policy = (action: string) => `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "${action}", Resource = "*" }] })`;
    const resources: Array<[string, string, string]> = [
      ['aws_sqs_queue', 'policy', 'sqs:SendMesage'],
      ['aws_s3_bucket', 'policy', 's3:GetObjet'],
      ['aws_kms_key', 'policy', 'kms:Decrpyt'],
      ['aws_sns_topic_policy', 'policy', 'sns:Publsh'],
      ['aws_secretsmanager_secret_policy', 'policy', 'secretsmanager:GetSecretValu'],
      ['aws_opensearch_domain_policy', 'access_policies', 'es:ESHttpGett'],
      ['aws_kms_key_policy', 'policy', 'kms:Encrpyt'],
      ['aws_ecrpublic_repository_policy', 'policy', 'ecr-public:BatchCheckLayerAvailabilty'],
      ['aws_cloudwatch_log_resource_policy', 'policy_document', 'logs:PutLogEvent'],
    ];
    const text = resources.map(([type, attribute, action]) => `resource "${type}" "r" {\n  ${attribute} = ${policy(action)}\n}\n`).join('');
    const [result] = lintFiles([{ path: 'resources.tf', text }], { hcl });
    const { documents } = readPolicyDocuments({ path: 'resources.tf', text }, { hcl });
    assert.deepEqual(documents.map((d) => [d.origin, d.type]), resources.map(([type, attribute]) => [`${type}.r.${attribute}`, 'resource']));
    assert.deepEqual(ruleLines(result.findings), resources.map((_, i) => `RG009@${2 + 3 * i}`));
  });

  describe('plan JSON', () => {
    it('lints the policies of planned_values, every module, on the plan line, naming the resource address', () => {
      const file = fixture('terraform/plan.json');
      const [result] = lintFiles([file]);
      assert.equal(result.type, 'terraform-plan');
      assert.deepEqual(ruleLines(result.findings), [`RG101@${lineOf(file.text, 'sts:AssumeRoot')}`, `RG009@${lineOf(file.text, 's3:GetObjet')}`]);
    });

    it('a policy planned_values leaves out, known only after apply (resource_changes says so), is RG010', () => {
      const resource = (type: string, values: object) => ({ address: `${type}.p`, mode: 'managed', type, name: 'p', values });
      const plan = {
        format_version: '1.2',
        planned_values: { root_module: { resources: [resource('aws_iam_policy', { name: 'p' }), resource('aws_organizations_policy', { type: 'SERVICE_CONTROL_POLICY' })] } },
        resource_changes: [
          { address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', change: { after: { name: 'p' }, after_unknown: { policy: true } } },
          { address: 'aws_organizations_policy.p', mode: 'managed', type: 'aws_organizations_policy', change: { after: {}, after_unknown: { content: true } } },
        ],
      };
      const [result] = lintFiles([{ path: 'plan.json', text: JSON.stringify(plan, null, 1) }]);
      assert.deepEqual(
        result.findings.map((f) => `${f.ruleId}: ${f.message}`),
        ['RG010: aws_iam_policy.p.policy is not checked: it is only known after apply.', 'RG010: aws_organizations_policy.p.content is not checked: it is only known after apply.'],
      );
    });

    it("a role's inline policy known only after apply, said in its own block of after_unknown, is RG010", () => {
      const role = { address: 'aws_iam_role.r', mode: 'managed', type: 'aws_iam_role', name: 'r', values: { name: 'r', inline_policy: [{ name: 'inline' }] } };
      const plan = {
        format_version: '1.2',
        planned_values: { root_module: { resources: [role] } },
        resource_changes: [{ address: 'aws_iam_role.r', mode: 'managed', type: 'aws_iam_role', change: { after: role.values, after_unknown: { inline_policy: [{ policy: true }] } } }],
      };
      const [result] = lintFiles([{ path: 'plan.json', text: JSON.stringify(plan, null, 1) }]);
      assert.deepEqual(result.findings.map((f) => `${f.ruleId}: ${f.message}`), ['RG010: aws_iam_role.r.inline_policy[0].policy is not checked: it is only known after apply.']);
    });
  });
});
