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
    // A local naming the module's folder: known when linting, as "${path.module}/..." written in place is.
    ['file(local.module_path)', 'RG009@2: Action "s3:PutObjet"'],
    ['file("${local.module_dir}/p.json")', 'RG009@2: Action "s3:PutObjet"'],
    ['file("${local.nested_dir}/p.json")', 'RG009@2: Action "s3:PutObjet"'],
    ['file(local.var_path)', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to file() depends on var.dir, known only at plan.'],
    ['file(local.circular)', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to file() depends on local.circular, known only at plan.'],
    ['file(local.undefined)', 'RG010@2: aws_iam_policy.p.policy is not checked: the file given to file() depends on local.undefined, known only at plan.'],
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
      const locals = [
        'dir  = "policies"',
        'path = "policies/p.json"',
        'module_dir  = "${path.module}/policies"',
        'module_path = "${path.module}/policies/p.json"',
        'nested_dir  = "${local.module_dir}"',
        'var_path    = "${var.dir}/p.json"',
        'circular    = local.circular',
      ];
      const text = ['resource "aws_iam_policy" "p" {', `  policy = ${policy}`, '}', 'locals {', ...locals.map((line) => `  ${line}`), '}', ''].join('\n');
      const findings = lintFiles([{ path: 'main.tf', text }], { hcl, readRelative })[0].findings;
      const found = findings.map((f) => `${f.ruleId}@${f.line}: ${f.message}`);
      assert.deepEqual(found.map((f) => (f.startsWith(expected) ? expected : f)), [expected]);
    });
  }

  it('a local another file of the module writes names the folder too', () => {
    const files = [
      { path: 'mod/locals.tf', text: 'locals {\n  policy_dir = "${path.module}/policies"\n}\n' },
      { path: 'mod/main.tf', text: 'resource "aws_iam_policy" "p" {\n  policy = file("${local.policy_dir}/p.json")\n}\n' },
    ];
    const results = lintFiles(files, { hcl, readRelative, moduleFiles: () => files });
    const found = results.flatMap((r) => r.findings.map((f) => `${r.path}: ${f.ruleId}@${f.line} ${f.message}`));
    assert.deepEqual(found, ['mod/main.tf: RG009@2 Action "s3:PutObjet": s3 has no action "PutObjet"; did you mean "s3:PutObject"?']);
  });
});
