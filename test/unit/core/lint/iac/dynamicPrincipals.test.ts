import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles } from '../../../../../src/core/lint/linter';

/**
 * A `dynamic "principals"` or `dynamic "inline_policy"` makes one block per item of its `for_each`, as a
 * `dynamic "condition"` does: none for `[]`, each side of a conditional on that side only.
 */
describe('Terraform dynamic "principals" and "inline_policy" blocks whose for_each may make none', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });
  /** `RULE@line: message` for each finding of a `main.tf` of `lines`. */
  const lint = (lines: string[]): string[] => lintFiles([{ path: 'main.tf', text: [...lines, ''].join('\n') }], { hcl })[0].findings.map((f) => `${f.ruleId}@${f.line}: ${f.message}`);

  /** A bucket policy granting one account, and everyone through a `dynamic "principals"` over `forEach`. */
  const bucketPolicy = (forEach: string) => [
    'data "aws_iam_policy_document" "bucket" {',
    '  statement {',
    '    actions   = ["s3:GetObject"]',
    '    resources = ["arn:aws:s3:::reports/*"]',
    '    principals {',
    '      type        = "AWS"',
    '      identifiers = ["arn:aws:iam::111122223333:root"]',
    '    }',
    '    dynamic "principals" {',
    `      for_each = ${forEach}`,
    '      content {',
    '        type        = "AWS"',
    '        identifiers = ["*"]',
    '      }',
    '    }',
    '  }',
    '}',
    'resource "aws_s3_bucket_policy" "reports" {',
    '  bucket = "reports"',
    '  policy = data.aws_iam_policy_document.bucket.json',
    '}',
  ];

  const PUBLIC = 'Any principal of any AWS account can call "s3:GetObject" here: Principal "*" with no condition on who calls. Name the principals, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount.';

  it('reads a dynamic "principals" over [] as no principals, one over a conditional on its side only', () => {
    assert.deepEqual(lint(bucketPolicy('[]')), []);
    assert.deepEqual(lint(bucketPolicy('var.public ? [1] : []')), [`RG208@5: When condition var.public is true: ${PUBLIC}`]);
    assert.deepEqual(lint(bucketPolicy('var.public ? tomap({}) : { all = 1 }')), [`RG208@5: When condition var.public is false: ${PUBLIC}`]);
    // Principals a module is given (a variable) are read as present.
    assert.deepEqual(lint(bucketPolicy('var.public_principals')), [`RG208@5: ${PUBLIC}`]);
  });

  /** A role whose inline policy granting sts:AssumeRoot to any task is a `dynamic "inline_policy"` over `forEach`. */
  const roleWithInlinePolicy = (forEach: string) => [
    'resource "aws_iam_role" "ops" {',
    '  name               = "ops"',
    '  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })',
    '  dynamic "inline_policy" {',
    `    for_each = ${forEach}`,
    '    content {',
    '      name   = "root"',
    '      policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*" }] })',
    '    }',
    '  }',
    '}',
  ];
  const UNSCOPED = 'Allows sts:AssumeRoot with every task policy, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials included, for every member account: no condition restricts sts:TaskPolicyArn.';

  it('reads a dynamic "inline_policy" over [] as no policy, one over a conditional on its side only', () => {
    assert.deepEqual(lint(roleWithInlinePolicy('[]')), []);
    assert.deepEqual(lint(roleWithInlinePolicy('var.root_tasks ? [1] : []')), [`RG101@8: When condition var.root_tasks is true: ${UNSCOPED}`]);
    assert.deepEqual(lint(roleWithInlinePolicy('!var.root_tasks ? [] : ["on"]')), [`RG101@8: When condition !var.root_tasks is false: ${UNSCOPED}`]);
    assert.deepEqual(lint(roleWithInlinePolicy('var.inline_policies')), [`RG101@8: ${UNSCOPED}`]);
  });
});
