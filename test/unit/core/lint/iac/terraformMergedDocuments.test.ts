// aws_iam_policy_document's source_policy_documents and override_policy_documents: the statements of each
// part merged by Sid as Terraform renders them, whether the part is another local document, jsonencode() or
// a heredoc; a part only known at deployment keeps the answer open.
import assert from 'node:assert/strict';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import type { ModuleFile } from '../../../../../src/core/lint/iac/terraformModule';
import { lintFiles } from '../../../../../src/core/lint/linter';
import type { Finding } from '../../../../../src/core/lint/model';
import { lineOf, ruleLines } from './fixtures';

let hcl: HclParser;
const lintTf = (text: string): Finding[] => lintFiles([{ path: 'main.tf', text }], { hcl })[0].findings;

const AUDIT = 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';
/** A base that lets its holder open root sessions with every task. */
const BASE = ['data "aws_iam_policy_document" "base" {', '  statement {', '    sid       = "RootSessions"', '    actions   = ["sts:AssumeRoot"]', '    resources = ["*"]', '  }', '}'];
/** A role that uses the document named `merged`. */
const ROLE = ['resource "aws_iam_role_policy" "ops" {', '  role   = "ops"', '  policy = data.aws_iam_policy_document.merged.json', '}'];
/** The base, and a role that uses `document`. */
const withBase = (document: string) => ['variable "extra" { type = string }', ...BASE, document, ...ROLE].join('\n');
/** The base merged with a Deny of every task but the audit. */
const NARROWED = [
  'data "aws_iam_policy_document" "merged" {',
  '  source_policy_documents = [data.aws_iam_policy_document.base.json]',
  '  statement {',
  '    effect    = "Deny"',
  '    actions   = ["sts:AssumeRoot"]',
  '    resources = ["*"]',
  '    condition {',
  '      test     = "ArnNotEquals"',
  '      variable = "sts:TaskPolicyArn"',
  `      values   = ["${AUDIT}"]`,
  '    }',
  '  }',
  '}',
].join('\n');

/** The role's document: the base, with the lines that override it. */
const withOverride = (...override: string[]) =>
  withBase(['data "aws_iam_policy_document" "merged" {', '  source_policy_documents   = [data.aws_iam_policy_document.base.json]', ...override, '}'].join('\n'));

describe('Terraform: merged policy documents', () => {
  before(async () => {
    hcl = await loadHclParser();
  });

  it('a base narrowed by a Deny where it is merged is no finding, and is not linted alone', () => {
    assert.deepEqual(ruleLines(lintTf(withBase(NARROWED))), []);
  });

  it('a base another file of the module merges is not linted alone; the merge across files is said unchecked', () => {
    const files: ModuleFile[] = [
      { path: 'merge/base.tf', text: BASE.join('\n') },
      { path: 'merge/main.tf', text: [NARROWED, ...ROLE].join('\n') },
    ];
    const lint = (module: readonly ModuleFile[] | undefined) => lintFiles(files, { hcl, moduleFiles: () => module }).map((r) => [r.path, ruleLines(r.findings)]);
    assert.deepEqual(lint(files), [['merge/base.tf', []], ['merge/main.tf', ['RG010@2']]]);
    // Each file alone, the base's grant read as an identity policy was RG101, its type a guess (RG010).
    assert.deepEqual(lint(undefined), [['merge/base.tf', ['RG010@1', 'RG101@4']], ['merge/main.tf', ['RG010@2']]]);
  });

  it('an override written as a heredoc or with jsonencode() replaces the statement of its Sid, and is checked where it is written', () => {
    const heredoc = withOverride(
      '  override_policy_documents = [<<EOT',
      `{"Version": "2012-10-17", "Statement": [{"Sid": "RootSessions", "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": {"ArnEquals": {"sts:TaskPolicyArn": "${AUDIT}"}}},`,
      '  {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"}]}',
      'EOT',
      '  ]',
    );
    const findings = lintTf(heredoc);
    assert.deepEqual(ruleLines(findings), [`RG009@${lineOf(heredoc, '"s3:GetObjet"')}`]);
    assert.equal(heredoc.slice(findings[0].range.start, findings[0].range.end), '"s3:GetObjet"');

    const encoded = withOverride(
      `  override_policy_documents = [jsonencode({ Statement = [{ Sid = "RootSessions", Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*", Condition = { ArnEquals = { "sts:TaskPolicyArn" = "${AUDIT}" } } }] })]`,
    );
    assert.deepEqual(ruleLines(lintTf(encoded)), []);
  });

  it('the deprecated source_json and override_json merge as the lists do', () => {
    const merged = (attributes: string[]) => ['variable "extra" { type = string }', ...BASE, 'data "aws_iam_policy_document" "merged" {', ...attributes, '}', ...ROLE].join('\n');
    // The base's unscoped grant, brought in by source_json, is checked where it is merged.
    const sourced = merged(['  source_json = data.aws_iam_policy_document.base.json']);
    assert.deepEqual(ruleLines(lintTf(sourced)), [`RG101@${lineOf(sourced, '"sts:AssumeRoot"')}`]);
    // override_json replaces it, by Sid, with one scoped to the audit task.
    const scoped = `  override_json = jsonencode({ Statement = [{ Sid = "RootSessions", Effect = "Allow", Action = "sts:AssumeRoot", Resource = "*", Condition = { ArnEquals = { "sts:TaskPolicyArn" = "${AUDIT}" } } }] })`;
    assert.deepEqual(ruleLines(lintTf(merged(['  source_json = data.aws_iam_policy_document.base.json', scoped]))), []);
  });

  it('an override known only at deployment may replace or deny anything: the grant is reported with that caveat, and RG010', () => {
    const text = withOverride('  override_policy_documents = [var.extra]');
    const findings = lintTf(text);
    assert.deepEqual(ruleLines(findings), [`RG101@${lineOf(text, 'actions   = ["sts:AssumeRoot"]')}`, `RG010@${lineOf(text, '[var.extra]')}`]);
    assert.match(findings[0].message, /for every member account, as far as values known only at deployment allow/);
    assert.match(findings[1].message, /is given by var\.extra, known only at deployment/);
  });

  it('a guard only a dynamic statement over a variable makes, merged into another, may be empty there: the grant is reported on that side', () => {
    const text = [
      'variable "deny_actions" {',
      '  type    = list(string)',
      '  default = []',
      '}',
      'data "aws_iam_policy_document" "guard" {',
      '  dynamic "statement" {',
      '    for_each = var.deny_actions',
      '    content {',
      '      effect    = "Deny"',
      '      actions   = ["sts:AssumeRoot"]',
      '      resources = ["*"]',
      '    }',
      '  }',
      '}',
      'data "aws_iam_policy_document" "merged" {',
      '  source_policy_documents = [data.aws_iam_policy_document.guard.json]',
      ...BASE.slice(1),
      ...ROLE,
    ].join('\n');
    const findings = lintTf(text);
    assert.deepEqual(ruleLines(findings), [`RG101@${lineOf(text, '"RootSessions"') + 1}`]);
    assert.match(findings[0].message, /^When condition length\(var\.deny_actions\) > 0 is false: Allows sts:AssumeRoot with every task policy/);
  });

  it('a document nothing uses (a module output) is still linted alone, as an identity policy, and RG010 says its type is a guess', () => {
    const text = withBase('').replace(/resource "aws_iam_role_policy"[\s\S]*$/, '');
    const findings = lintTf(text);
    assert.deepEqual(ruleLines(findings), [`RG010@${lineOf(text, 'data "aws_iam_policy_document"')}`, `RG101@${lineOf(text, 'actions   = ["sts:AssumeRoot"]')}`]);
    const name = /data "aws_iam_policy_document" "(\w+)"/.exec(text)![1];
    assert.equal(
      findings[0].message,
      `data.aws_iam_policy_document.${name} is only partly checked: no resource, output or module argument the linter reads uses it, so its policy type is not known; it is checked as an identity policy, not as an SCP.`,
    );
    assert.equal(text.slice(findings[0].range.start, findings[0].range.end), `"${name}"`);
  });
});
