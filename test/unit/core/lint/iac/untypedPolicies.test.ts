/**
 * Policies a Terraform file writes without saying what they are: a document passed to a module the linter
 * does not read, and a policy written in place as an output's value.
 */
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles } from '../../../../../src/core/lint/linter';

describe('Terraform policies whose type the file does not give', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });
  /** `RULE@line: message` for each finding of a `main.tf` of `lines`. */
  const lint = (lines: string[]): string[] => lintFiles([{ path: 'main.tf', text: [...lines, ''].join('\n') }], { hcl })[0].findings.map((f) => `${f.ruleId}@${f.line}: ${f.message}`);
  const UNSCOPED = 'Allows sts:AssumeRoot with every task policy, IAMCreateRootUserPassword and IAMDeleteRootUserCredentials included, for every member account: no condition restricts sts:TaskPolicyArn.';
  const OUTPUT = 'an output does not say what type of policy its value is';
  const REMOTE = 'it is passed to the module at "terraform-aws-modules/iam/aws//modules/iam-policy", which the linter does not read (only a folder of the repository), so the policy\'s type is not known';

  it('a document passed to a registry module: linted as an identity policy, and RG010 says its type is not known', () => {
    const document = (name: string, principals: string[]) => [
      `data "aws_iam_policy_document" "${name}" {`,
      '  statement {',
      '    actions   = ["sts:AssumeRoot"]',
      '    resources = ["*"]',
      ...principals,
      '  }',
      '}',
    ];
    const lines = [
      ...document('root', []),
      'module "root_policy" {',
      '  source = "terraform-aws-modules/iam/aws//modules/iam-policy"',
      '  policy = data.aws_iam_policy_document.root.json',
      '}',
    ];
    assert.deepEqual(lint(lines), [
      `RG101@3: ${UNSCOPED}`,
      `RG010@9: module.root_policy.policy (data.aws_iam_policy_document.root) is only partly checked: ${REMOTE}; it is checked as an identity policy, not as an SCP.`,
    ]);
    // One that names principals is a resource policy (a role's trust policy): no guess to report.
    const trust = [...document('trust', ['    principals {', '      type        = "AWS"', '      identifiers = ["arn:aws:iam::111122223333:root"]', '    }']), 'module "role" {', '  source       = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"', '  trust_policy = data.aws_iam_policy_document.trust.json', '}'];
    assert.deepEqual(lint(trust).filter((f) => f.startsWith('RG010')), []);
  });

  it('what only the assumed identity type rejects is a warning that says the type is assumed, not an error', () => {
    const lines = [
      'data "aws_iam_policy_document" "deny_root" {',
      '  statement {',
      '    effect  = "Deny"',
      '    actions = ["sts:AssumeRoot"]',
      '  }',
      '}',
      'output "deny_root" { value = data.aws_iam_policy_document.deny_root.json }',
      'output "both" {',
      '  value = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Deny", Action = "sts:AssumeRoot", NotAction = "s3:GetObject" }]',
      '  })',
      '}',
    ];
    const noResource = 'AWS rejects this statement: The statement has no Resource (or NotResource), which an identity policy requires. Add one.';
    assert.deepEqual(lint(lines), [
      `RG010@2: The policy type of data.aws_iam_policy_document.deny_root is not known here; if it is an identity policy, ${noResource}`,
      `RG010@7: output.deny_root (data.aws_iam_policy_document.deny_root) is only partly checked: ${OUTPUT}; it is checked as an identity policy, not as an SCP.`,
      `RG010@9: output.both is only partly checked: ${OUTPUT}; it is checked as an identity policy, not as an SCP.`,
      `RG010@11: The policy type of output.both is not known here; if it is an identity policy, ${noResource}`,
      // What AWS rejects in an SCP too stays RG002's error.
      'RG002@11: A statement may have Action or NotAction, not both: remove one of them.',
    ]);
  });

  it('an output whose value is a policy written in place is linted, as a document an output names is', () => {
    const lines = [
      'output "root_policy" {',
      '  value = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*" }]',
      '  })',
      '}',
      'output "bucket_policy" {',
      '  value = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })',
      '}',
      'output "role_name" { value = "ops" }',
    ];
    assert.deepEqual(lint(lines), [
      `RG010@2: output.root_policy is only partly checked: ${OUTPUT}; it is checked as an identity policy, not as an SCP.`,
      `RG101@4: ${UNSCOPED}`,
      'RG208@8: Any principal of any AWS account can call "s3:GetObject" here: Principal "*" with no condition on who calls. Name the principals, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount.',
    ]);
  });
});
