/**
 * A policy passed to a module whose source is a folder of the repository is linted where it is written, as
 * the module's resource that takes it is typed: an SCP given to `./scp`'s `aws_organizations_policy` is an
 * SCP, not an identity policy. One written in place for a module the linter does not read is not checked.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type HclParser, loadHclParser } from '../../../../../src/core/lint/iac/hclParser';
import type { ModuleFile } from '../../../../../src/core/lint/iac/terraformModule';
import { type LintOptions, lintFiles } from '../../../../../src/core/lint/linter';
import { FIXTURES, fixture, lineOf } from './fixtures';

/** The `.tf` files of a folder of the fixtures, relative to the calling file. */
const moduleFolder = (fromPath: string, relative: string): readonly ModuleFile[] | { unreadable: string } => {
  const dir = path.resolve(FIXTURES, path.dirname(fromPath), relative);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.tf')) : [];
  return names.length ? names.map((name) => ({ path: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') })) : { unreadable: 'no such folder' };
};

const ROOT_DENIED = 'Denies the root principal (ArnLike "arn:aws:iam::*:root") without a "Null": {"aws:AssumedRoot": "true"} exemption';
const REMOTE = 'module.remote.content is not checked: it is passed to the module at "git::https://example.com/org/scp.git", which the linter does not read (only a folder of the repository), so the policy\'s type is not known.';

describe('Terraform: policies passed to a module', () => {
  let hcl: HclParser;
  before(async () => {
    hcl = await loadHclParser();
  });
  const caller = fixture('terraform-module/main.tf');
  const line = (fragment: string, after?: string) => lineOf(caller.text, fragment, after === undefined ? 0 : caller.text.indexOf(after));
  /** `RULE@line message` (an RG107's up to its exemption) for the caller's findings. */
  const lint = (options: LintOptions) =>
    lintFiles([caller], { hcl, ...options })[0].findings.map((f) => `${f.ruleId}@${f.line} ${f.ruleId === 'RG107' ? f.message.slice(0, ROOT_DENIED.length) : f.message}`);

  it("a local module's aws_organizations_policy: the document and the jsonencode given to it linted as its SCP or RCP, in the caller", () => {
    assert.deepEqual(lint({ moduleFolder }), [
      // The module's type defaults to SERVICE_CONTROL_POLICY: both denials of the root principal block root sessions.
      `RG107@${line('variable = "aws:PrincipalArn"')} ${ROOT_DENIED}`,
      `RG107@${line('Condition = {')} ${ROOT_DENIED}`,
      `RG010@${line('content = jsonencode', 'module "remote"')} ${REMOTE}`,
      // policy_type given by the call: an RCP, which may only deny.
      `RG013@${line('Effect = "Allow"')} RCPs may only deny: Organizations accepts "Allow" only in the AWS-managed RCPFullAWSAccess policy, which is already attached everywhere. Write this control as a Deny whose condition exempts what should stay allowed.`,
      `RG010@${line('content     = jsonencode', 'module "chosen"')} module.chosen.content (aws_organizations_policy.this.content in ./scp) is not checked: its policy type is given by var.policy_type.`,
    ]);
  });

  it('a document another file of the caller\'s folder writes: linted there, as the SCP the module makes of it', () => {
    const iam = caller.text.slice(0, caller.text.indexOf('module "deny_root"'));
    const files = [
      { path: 'terraform-module/iam.tf', text: iam },
      { path: 'terraform-module/calls.tf', text: ['module "deny_root" {', '  source  = "./scp"', '  content = data.aws_iam_policy_document.deny_root.json', '}', ''].join('\n') },
    ];
    const results = lintFiles(files, { hcl, moduleFolder, moduleFiles: () => files });
    assert.deepEqual(
      results.map((r) => [r.path, r.findings.map((f) => `${f.ruleId}@${f.line} ${f.message.slice(0, ROOT_DENIED.length)}`)]),
      [
        ['terraform-module/iam.tf', [`RG107@${line('variable = "aws:PrincipalArn"')} ${ROOT_DENIED}`]],
        ['terraform-module/calls.tf', []],
      ],
    );
  });

  it("a module folder that cannot be read, or none read at all: the policies written in place are not checked, and why; a document is linted as an identity policy, and says so", () => {
    const unread = lint({ moduleFolder: () => ({ unreadable: 'a folder outside the repository, not read' }) });
    const notRead = lint({});
    for (const [found, why] of [
      [unread, "the module's folder (./scp) cannot be read: a folder outside the repository, not read"],
      [notRead, "the module's folder (./scp) is not read here, so the policy's type is not known"],
    ] as const) {
      assert.deepEqual(
        found.filter((f) => f.startsWith('RG010')),
        [
          `RG010@${line('content = data.aws_iam_policy_document.deny_root.json')} module.deny_root.content (data.aws_iam_policy_document.deny_root) is only partly checked: ${why}; it is checked as an identity policy, not as an SCP.`,
          `RG010@${line('content = jsonencode')} module.deny_root_inline.content is not checked: ${why.replace('./scp', './scp/')}.`,
          `RG010@${line('content = jsonencode', 'module "remote"')} ${REMOTE}`,
          `RG010@${line('content = jsonencode', 'module "data_perimeter"')} module.data_perimeter.content is not checked: ${why}.`,
          `RG010@${line('content     = jsonencode', 'module "chosen"')} module.chosen.content is not checked: ${why}.`,
        ],
      );
      // Linted as an identity policy, its Deny of the root principal is no finding: RG010 above says its type is a guess.
      assert.deepEqual(found.filter((f) => !f.startsWith('RG010')), []);
    }
  });
});
