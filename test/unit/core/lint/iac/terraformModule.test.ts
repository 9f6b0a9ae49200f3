/**
 * A Terraform module is its folder's `.tf` files: a resource's policy given by a document or local another
 * file defines is linted in that file, as the resource uses it.
 */
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import { MODULE_FILE_LIMIT, type ModuleFile } from '../../../../../src/core/lint/iac/terraformModule';
import { type LintResult, lintFiles } from '../../../../../src/core/lint/linter';
import { DENY_ROOT_SCP_TF, FULL_ACCESS_SCP_TF, POLICY_DOCUMENTS_TF } from '../../../../fixtures/iac/terraformModuleTexts';

const LOCALS = ['locals {', '  deny_leaving = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganisation", Resource = "*" }] })', '}', ''].join('\n');

const MAIN =
  DENY_ROOT_SCP_TF +
  FULL_ACCESS_SCP_TF +
  [
    'resource "aws_organizations_policy" "leaving" {',
    '  content = local.deny_leaving',
    '}',
    'resource "aws_organizations_policy" "missing" {',
    '  content = data.aws_iam_policy_document.nowhere.json',
    '}',
    '',
  ].join('\n');

let hcl: HclParser;

/** `file: RULE@line` for every finding of the files linted, each file given its module. */
function lintModule(files: ModuleFile[], linted = files, module: readonly ModuleFile[] | 'none' = files): string[] {
  const results: LintResult[] = lintFiles(linted, { hcl, moduleFiles: () => (module === 'none' ? undefined : module) });
  return results.flatMap((result) => result.findings.map((f) => `${result.path}: ${f.ruleId}@${f.line}`));
}

describe('Terraform modules: the files of a folder read together', () => {
  before(async () => {
    hcl = await loadHclParser();
  });

  const module: ModuleFile[] = [
    { path: 'mod/data.tf', text: POLICY_DOCUMENTS_TF },
    { path: 'mod/locals.tf', text: LOCALS },
    { path: 'mod/main.tf', text: MAIN },
  ];

  it('a document or local another file defines is linted there, as the resource that uses it is typed', () => {
    assert.deepEqual(lintModule(module), [
      // An SCP that denies the root user; and FullAWSAccess, which as an SCP is no grant (no RG101, RG201).
      'mod/data.tf: RG107@8',
      'mod/locals.tf: RG009@2',
      // Defined in no file of the module: said, not passed.
      'mod/main.tf: RG010@11',
    ]);
  });

  it('linted alone, each file reads the others for what they define and how they use its own', () => {
    assert.deepEqual(lintModule(module, [module[0]]), ['mod/data.tf: RG107@8']);
    assert.deepEqual(lintModule(module, [module[2]]), ['mod/main.tf: RG010@11']);
  });

  it('without the module, as before: the references unchecked, the documents identity policies, said to be a guess', () => {
    assert.deepEqual(lintModule(module, module, 'none'), [
      'mod/data.tf: RG010@1',
      'mod/data.tf: RG010@13',
      'mod/data.tf: RG101@15',
      'mod/data.tf: RG201@15',
      'mod/main.tf: RG010@2',
      'mod/main.tf: RG010@5',
      'mod/main.tf: RG010@8',
      'mod/main.tf: RG010@11',
    ]);
  });

  it("a local another file writes, named in part of a policy: read here, its findings on the use", () => {
    const locals = ['locals {', '  root_actions = ["sts:AssumeRoot"]', '  typo = "s3:GetObjet"', '}', ''].join('\n');
    const main = [
      'resource "aws_iam_policy" "root_ops" {',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Action = local.root_actions, Resource = "*" }]',
      '  })',
      '}',
      'resource "aws_iam_policy" "read" {',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = [local.typo], Resource = "*" }] })',
      '}',
      '',
    ].join('\n');
    const files: ModuleFile[] = [
      { path: 'split/locals.tf', text: locals },
      { path: 'split/main.tf', text: main },
    ];
    // An unscoped sts:AssumeRoot grant (RG101), a misspelled action (RG009), each where main.tf names the local.
    assert.deepEqual(lintModule(files), ['split/main.tf: RG101@4', 'split/main.tf: RG009@8']);
    const [result] = lintFiles([files[1]], { hcl, moduleFiles: () => files });
    const typo = result.findings.find((f) => f.ruleId === 'RG009')!;
    assert.equal(main.slice(typo.range.start, typo.range.end), 'local.typo');
    // Without its module the locals are unknown: not checked (RG010), never passed.
    assert.deepEqual(lintModule([files[1]], [files[1]], 'none'), ['split/main.tf: RG010@4', 'split/main.tf: RG010@8']);
  });

  it(`a folder of more than ${MODULE_FILE_LIMIT} files is not read as one module`, () => {
    const many = [...module, ...Array.from({ length: MODULE_FILE_LIMIT }, (_, i) => ({ path: `mod/extra${i}.tf`, text: '' }))];
    assert.deepEqual(lintModule(many, [module[2]], many), ['mod/main.tf: RG010@2', 'mod/main.tf: RG010@5', 'mod/main.tf: RG010@8', 'mod/main.tf: RG010@11']);
  });
});
