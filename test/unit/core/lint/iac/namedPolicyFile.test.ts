import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { lintFiles } from '../../../../../src/core/lint/linter';

/** The files beside the Terraform file: each a policy with a misspelled action (RG009). */
const FILES: Record<string, string> = {
  'p.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjet', Resource: '*' }] }),
  'policies/p.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObjet', Resource: '*' }] }),
};
const readRelative = (_from: string, relative: string) => FILES[relative] ?? { unreadable: 'no such file' };

describe('the file a Terraform file() names', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });

  // [the policy's expression, the finding (its start)]. A p.json lies beside the module: a path that depends on
  // a value known only at plan is not guessed to name it.
  const table: [policy: string, expected: string][] = [
    ['file("${path.module}/p.json")', 'RG009@2: Action "s3:GetObjet"'],
    ['file("p.json")', 'RG009@2: Action "s3:GetObjet"'],
    ['file("${local.dir}/p.json")', 'RG009@2: Action "s3:PutObjet"'],
    ['file(local.path)', 'RG009@2: Action "s3:PutObjet"'],
    ['file("${var.dir}/p.json")', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to file() depends on var.dir, known only at plan.'],
    ['file("${path.module}/${var.dir}/p.json")', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to file() depends on var.dir, known only at plan.'],
    ['file("${path.root}/p.json")', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to file() depends on path.root, known only at plan.'],
    ['file("${path.cwd}/p.json")', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to file() depends on path.cwd, known only at plan.'],
    ['file(var.policy_file)', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to file() depends on var.policy_file, known only at plan.'],
    ['templatefile("${var.dir}/p.json", {})', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to templatefile() depends on var.dir, known only at plan.'],
    ['jsonencode(yamldecode(file("${var.dir}/p.json")))', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to file() depends on var.dir, known only at plan.'],
  ];
  for (const [policy, expected] of table) {
    it(policy, () => {
      const text = ['resource "aws_iam_policy" "p" {', `  policy = ${policy}`, '}', 'locals {', '  dir  = "policies"', '  path = "policies/p.json"', '}', ''].join('\n');
      const findings = lintFiles([{ path: 'main.tf', text }], { hcl, readRelative })[0].findings;
      const found = findings.map((f) => `${f.ruleId}@${f.line}: ${f.message}`);
      assert.deepEqual(found.map((f) => (f.startsWith(expected) ? expected : f)), [expected]);
    });
  }
});
