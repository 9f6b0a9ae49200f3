import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles } from '../../../../../src/core/lint/linter';

/** Terraform makes one `dynamic` block per item of its `for_each`: none for `[]`, none on a conditional's empty side. */
describe('Terraform dynamic blocks whose for_each may make none', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });
  /** `RULE@line:column: message` for each finding of a `main.tf` of `lines`. */
  const lint = (lines: string[]): string[] =>
    lintFiles([{ path: 'main.tf', text: [...lines, ''].join('\n') }], { hcl })[0].findings.map((f) => `${f.ruleId}@${f.line}:${f.column}: ${f.message}`);
  const AUDIT = 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';
  const UNSCOPED = 'Allows sts:AssumeRoot with every task policy, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials included, for every member account: no condition restricts sts:TaskPolicyArn.';
  const NO_EXEMPTION =
    'Denies the root principal (StringLike "arn:aws:iam::*:root") without a "Null": {"aws:AssumedRoot": "true"} exemption, so it also denies centralized root access sessions in partition aws: blocks IAMAuditRootUserCredentials (all 7 calls); IAMCreateRootUserPassword (all 2 calls); IAMDeleteRootUserCredentials (all 11 calls); S3UnlockBucketPolicy (all 4 calls); SQSUnlockQueuePolicy (all 4 calls).';

  /** A root grant whose task scoping is a `dynamic "condition"` over `forEach`. */
  const scopedGrant = (forEach: string) => [
    'data "aws_iam_policy_document" "root" {',
    '  statement {',
    '    actions   = ["sts:AssumeRoot"]',
    '    resources = ["*"]',
    '    dynamic "condition" {',
    `      for_each = ${forEach}`,
    '      content {',
    '        test     = "StringEquals"',
    '        variable = "sts:TaskPolicyArn"',
    `        values   = ["${AUDIT}"]`,
    '      }',
    '    }',
    '  }',
    '}',
    'resource "aws_iam_policy" "root" {',
    '  policy = data.aws_iam_policy_document.root.json',
    '}',
  ];

  /** An SCP denying the root user, its root-session exemption a `dynamic "condition"` over `forEach`. */
  const rootDeny = (forEach: string) => [
    'data "aws_iam_policy_document" "deny_root" {',
    '  statement {',
    '    effect    = "Deny"',
    '    actions   = ["*"]',
    '    resources = ["*"]',
    '    condition {',
    '      test     = "StringLike"',
    '      variable = "aws:PrincipalArn"',
    '      values   = ["arn:aws:iam::*:root"]',
    '    }',
    '    dynamic "condition" {',
    `      for_each = ${forEach}`,
    '      content {',
    '        test     = "Null"',
    '        variable = "aws:AssumedRoot"',
    '        values   = ["true"]',
    '      }',
    '    }',
    '  }',
    '}',
    'resource "aws_organizations_policy" "deny_root" {',
    '  content = data.aws_iam_policy_document.deny_root.json',
    '}',
  ];

  it('reads a dynamic "condition" over [] as no condition (RG101 was missed)', () => {
    assert.deepEqual(lint(scopedGrant('[]')), [`RG101@3:18: ${UNSCOPED}`]);
  });

  it('reads a dynamic "condition" over `var.x ? [1] : []` on both sides', () => {
    assert.deepEqual(lint(scopedGrant('var.restrict ? [1] : []')), [`RG101@3:18: When condition var.restrict is false: ${UNSCOPED}`]);
    assert.deepEqual(lint(scopedGrant('var.restrict ? [] : toset(["a"])')), [`RG101@3:18: When condition var.restrict is true: ${UNSCOPED}`]);
    assert.deepEqual(lint(scopedGrant('[1]')), []);
  });

  it('reads a dynamic "condition" over a variable as maybe making none', () => {
    assert.deepEqual(lint(scopedGrant('var.tasks')), [`RG101@3:18: When condition length(var.tasks) > 0 is false: ${UNSCOPED}`]);
  });

  it('an SCP whose root-session exemption a dynamic "condition" may leave out denies root sessions (RG107)', () => {
    assert.deepEqual(lint(rootDeny('var.exempt_root_sessions ? [1] : []')), [`RG107@8:18: When condition var.exempt_root_sessions is false: ${NO_EXEMPTION}`]);
    assert.deepEqual(lint(rootDeny('[]')), [`RG107@8:18: ${NO_EXEMPTION}`]);
    assert.deepEqual(lint(rootDeny('["on"]')), []);
  });

  /** A root grant and a Deny guarding it, the Deny a `dynamic "statement"` over `forEach`. */
  const guardedGrant = (forEach: string) => [
    'data "aws_iam_policy_document" "root" {',
    '  statement {',
    '    actions   = ["sts:AssumeRoot"]',
    '    resources = ["*"]',
    '  }',
    '  dynamic "statement" {',
    `    for_each = ${forEach}`,
    '    content {',
    '      effect    = "Deny"',
    '      actions   = ["sts:AssumeRoot"]',
    '      resources = ["*"]',
    '      condition {',
    '        test     = "StringNotEquals"',
    '        variable = "sts:TaskPolicyArn"',
    `        values   = ["${AUDIT}"]`,
    '      }',
    '    }',
    '  }',
    '}',
    'resource "aws_iam_policy" "root" {',
    '  policy = data.aws_iam_policy_document.root.json',
    '}',
  ];

  it('reads a dynamic "statement" over `var.x ? [1] : []` on both sides: the guard it may leave out (RG101)', () => {
    assert.deepEqual(lint(guardedGrant('var.guard ? [1] : []')), [`RG101@3:18: When condition var.guard is false: ${UNSCOPED}`]);
  });

  it('reads a dynamic "statement" over an empty map as none: `var.x ? { k = 1 } : {}` on both sides (RG101 was missed)', () => {
    assert.deepEqual(lint(guardedGrant('var.guard ? { audit = 1 } : {}')), [`RG101@3:18: When condition var.guard is false: ${UNSCOPED}`]);
    assert.deepEqual(lint(guardedGrant('var.guard ? tomap({}) : { audit = 1 }')), [`RG101@3:18: When condition var.guard is true: ${UNSCOPED}`]);
    assert.deepEqual(lint(guardedGrant('{}')), [`RG101@3:18: ${UNSCOPED}`]);
    assert.deepEqual(lint(guardedGrant('{ audit = 1 }')), []);
  });

  it('reads a dynamic "statement" over a variable as maybe making none: the guard it may leave out (RG101 was missed)', () => {
    // `variable "deny_statements" { default = [] }`: the Deny may be absent, and then nothing narrows the grant.
    const lines = ['variable "deny_statements" {', '  default = []', '}', ...guardedGrant('var.deny_statements')];
    assert.deepEqual(lint(lines), [`RG101@6:18: When condition length(var.deny_statements) > 0 is false: ${UNSCOPED}`]);
    assert.deepEqual(lint(guardedGrant('[for s in var.guards : s]')), [`RG101@3:18: When condition length([for s in var.guards : s]) > 0 is false: ${UNSCOPED}`]);
    // A list written with items (objects, not strings) makes the Deny: read once, present.
    assert.deepEqual(lint(guardedGrant('[{ audit = true }]')), []);
  });

  /** An Allow and a Deny of sts:AssumeRoot from one `dynamic "statement"`, a team condition a `dynamic "condition"` over `forEach`. */
  const allowAndDeny = (forEach: string) => [
    'data "aws_iam_policy_document" "root" {',
    '  dynamic "statement" {',
    '    for_each = ["Allow", "Deny"]',
    '    content {',
    '      effect    = statement.value',
    '      actions   = ["sts:AssumeRoot"]',
    '      resources = ["*"]',
    '      dynamic "condition" {',
    `        for_each = ${forEach}`,
    '        content {',
    '          test     = "StringEquals"',
    '          variable = "aws:PrincipalTag/team"',
    '          values   = ["contractors"]',
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
    'resource "aws_iam_policy" "root" {',
    '  policy = data.aws_iam_policy_document.root.json',
    '}',
  ];
  const BY_TEAM = UNSCOPED.replace('for every member account:', 'for every member account, depending on aws:PrincipalTag/team:');

  it('reads a dynamic "condition" testing its statement\'s item per generated statement (RG101 was missed)', () => {
    // The Allow has no condition, the Deny only for contractors: not one side for both statements.
    assert.deepEqual(lint(allowAndDeny('statement.value == "Deny" ? [1] : []')), [`RG101@6:20: ${BY_TEAM}`]);
    assert.deepEqual(lint(allowAndDeny('statement.value != "Allow" ? [1] : []')), [`RG101@6:20: ${BY_TEAM}`]);
    assert.deepEqual(lint(allowAndDeny('!(statement.value == "Allow") ? [1] : []')), [`RG101@6:20: ${BY_TEAM}`]);
    // The Allow only for contractors, the Deny for everyone: nothing is granted.
    assert.deepEqual(lint(allowAndDeny('statement.value == "Allow" ? [1] : []')), []);
  });

  it('reads a test of the statement\'s item it cannot decide as a test of its own per item, each side read', () => {
    assert.deepEqual(lint(allowAndDeny('contains(var.restricted, statement.value) ? [1] : []')), [
      `RG101@6:20: When conditions contains(var.restricted, "Allow") is false and contains(var.restricted, "Deny") is true: ${BY_TEAM}`,
    ]);
  });

  it('a statement whose dynamic conditions would make more than 64 readings is not checked (RG010)', () => {
    const conditions = Array.from({ length: 7 }, (_, i) => [
      '    dynamic "condition" {',
      `      for_each = var.c${i} ? [1] : []`,
      '      content {',
      '        test     = "StringEquals"',
      `        variable = "aws:PrincipalTag/t${i}"`,
      '        values   = ["x"]',
      '      }',
      '    }',
    ]).flat();
    const lines = ['data "aws_iam_policy_document" "d" {', '  statement {', '    actions   = ["s3:GetObject"]', '    resources = ["*"]', ...conditions, '  }', '}'];
    assert.deepEqual(lint(lines), [
      'RG010@6:18: data.aws_iam_policy_document.d is not checked: its 7 dynamic "condition" blocks that may make no block make 128 readings of the statement, more than the linter reads (64).',
    ]);
  });
});
