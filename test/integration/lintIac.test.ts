// Policies where they are written: a CloudFormation YAML template and a Terraform file get the same
// diagnostics as the CLI, at the lines of the YAML and HCL, and their quick fixes edit the YAML and HCL in
// place. The test VS Code has no Terraform extension, so the .tf file is plain text, linted by its name.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  RESTRICT_COMMAND,
  applyCodeAction,
  openFixture,
  quickFixesFor,
  revert,
  ruleOf,
  waitForDiagnostics,
  waitForRule,
} from './lintSupport';
import { activateExtension } from './helpers/extension';
import { DENY_ROOT_SCP_TF, FULL_ACCESS_SCP_TF, POLICY_DOCUMENTS_TF } from '../fixtures/iac/terraformModuleTexts';
import { closeAllEditors, workspaceUri, writeWorkspaceFile } from './helpers/workspace';

interface IacCase {
  fixture: string;
  languageId: string;
  /** Rule id and 1-based line of every RootGuard diagnostic, in order. */
  findings: Array<[string, number]>;
  /** What RG107's fix writes, in the file's own syntax. */
  exemption: RegExp;
  /** What RG101's "restrict to task policies" writes, in the file's own syntax. */
  restriction: RegExp;
}

const CASES: IacCase[] = [
  {
    fixture: 'templates/root-guardrails.yaml',
    languageId: 'yaml',
    findings: [['RG107', 21], ['RG101', 30]],
    exemption: /ArnLike:\n {16}aws:PrincipalArn: !Sub arn:\$\{AWS::Partition\}:iam::\*:root\n {14}"Null":\n {16}aws:AssumedRoot: "true"\n/,
    // The template follows the partition, and so does the ARN the fix writes.
    restriction: /Resource: !Sub arn:\$\{AWS::Partition\}:iam::\*:root\n {12}Condition:\n {14}ArnEquals:\n {16}sts:TaskPolicyArn:\n {18}- Fn::Sub: arn:\$\{AWS::Partition\}:iam::aws:policy\/root-task\/IAMAuditRootUserCredentials/,
  },
  {
    fixture: 'terraform/guardrails.tf',
    languageId: 'plaintext',
    findings: [['RG107', 16], ['RG101', 32]],
    exemption: /\n {10}\}\n {10}Null = \{ "aws:AssumedRoot" = "true" \}\n {8}\}/,
    restriction: /Resource = "arn:aws:iam::\*:root"\n {8}Condition = \{ ArnEquals = \{ "sts:TaskPolicyArn" = \["arn:aws:iam::aws:policy\/root-task\/IAMAuditRootUserCredentials"\] \} \}/,
  },
];

const lines = (diagnostics: vscode.Diagnostic[]) => diagnostics.map((d): [string, number] => [ruleOf(d), d.range.start.line + 1]);

/**
 * Opens a copy of the fixture of its own (so that no test sees another's edits while they are being
 * reverted) and waits for its diagnostics to be those of the fixture.
 */
async function openLinted(fixture: string, copyName: string, findings: Array<[string, number]>): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(fixture)));
  const copy = fixture.replace(/[^/]+$/, (name) => `${copyName}-${name}`);
  copies.push(await writeWorkspaceFile(copy, text));
  const document = await openFixture(copy);
  const expected = JSON.stringify(findings);
  const diagnostics = await waitForDiagnostics(document.uri, (ds) => JSON.stringify(lines(ds)) === expected, `diagnostics ${expected}`);
  return { document, diagnostics };
}

const copies: vscode.Uri[] = [];

const diagnosticOf = (diagnostics: vscode.Diagnostic[], ruleId: string) => diagnostics.find((d) => ruleOf(d) === ruleId)!;

describe('lint diagnostics and quick fixes in YAML and Terraform', function () {
  this.timeout(30_000);
  let document: vscode.TextDocument | undefined;

  before(activateExtension);
  afterEach(async () => {
    if (document) await revert(document);
    document = undefined;
    await closeAllEditors();
    for (const uri of copies.splice(0)) await vscode.workspace.fs.delete(uri, { recursive: true });
  });

  for (const { fixture, languageId, findings, exemption, restriction } of CASES) {
    it(`${fixture}: the findings the CLI gives, at the same lines`, async () => {
      const opened = await openLinted(fixture, 'findings', findings);
      document = opened.document;
      assert.equal(document.languageId, languageId);
      assert.deepEqual(lines(opened.diagnostics), findings);
    });

    it(`${fixture}: RG107's fix writes the exemption in the file's syntax, and RG107 goes`, async () => {
      const opened = await openLinted(fixture, 'exempt', findings);
      document = opened.document;
      const diagnostic = diagnosticOf(opened.diagnostics, 'RG107');
      const fix = (await quickFixesFor(document.uri, diagnostic)).find((a) => a.isPreferred && a.edit);
      assert.ok(fix, 'no preferred fix for RG107');
      await applyCodeAction(fix);
      assert.match(document.getText(), exemption);
      const after = await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => ruleOf(d) === 'RG107'), 'RG107 to go after the fix');
      assert.deepEqual(lines(after).map(([rule]) => rule), ['RG101']);
    });

    it(`${fixture}: RG101's "restrict to task policies" writes the condition in the file's syntax, and RG101 goes`, async () => {
      const opened = await openLinted(fixture, 'restrict', findings);
      document = opened.document;
      const diagnostic = diagnosticOf(opened.diagnostics, 'RG101');
      const restrict = (await quickFixesFor(document.uri, diagnostic)).find((a) => a.command?.command === RESTRICT_COMMAND);
      assert.ok(restrict, 'no restrict action for RG101');
      await applyCodeAction(restrict, ['IAMAuditRootUserCredentials']);
      assert.match(document.getText(), restriction);
      const after = await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => ruleOf(d) === 'RG101'), 'RG101 to go after the fix');
      assert.deepEqual(lines(after), [findings[0]]);
    });
  }

  it("reads a Terraform folder as one module: documents attached as SCPs in main.tf are SCPs in iam.tf, as main.tf's edits say", async () => {
    const folder = workspaceUri('terraform-module');
    await vscode.workspace.fs.createDirectory(folder);
    copies.push(folder);
    await writeWorkspaceFile('terraform-module/iam.tf', POLICY_DOCUMENTS_TF);
    await writeWorkspaceFile('terraform-module/main.tf', DENY_ROOT_SCP_TF + FULL_ACCESS_SCP_TF);
    const iam = await openFixture('terraform-module/iam.tf');
    // The root deny is an SCP's (RG107); FullAWSAccess attached as an SCP grants nothing.
    await waitForDiagnostics(iam.uri, (ds) => JSON.stringify(lines(ds)) === '[["RG107",8]]', 'RG107 alone in iam.tf');
    const main = await openFixture('terraform-module/main.tf');
    document = main;
    await waitForDiagnostics(main.uri, (ds) => ds.length === 0, 'no diagnostics in main.tf: its policies are linted in iam.tf');
    // Unsaved, main.tf no longer attaches "full": iam.tf is linted again, "full" now an identity policy, and
    // used by nothing, it says its type is a guess (RG010 on its name).
    const editor = await vscode.window.showTextDocument(main);
    const start = main.getText().indexOf(FULL_ACCESS_SCP_TF);
    await editor.edit((edit) => edit.delete(new vscode.Range(main.positionAt(start), main.positionAt(start + FULL_ACCESS_SCP_TF.length))));
    await waitForDiagnostics(iam.uri, (ds) => JSON.stringify(lines(ds)) === '[["RG107",8],["RG010",13],["RG101",15],["RG201",15]]', 'iam.tf linted again with main.tf as edited');
  });

  it("reads the policy file() names, as the CLI does, and lints the .tf again when that policy's file changes", async () => {
    const folder = workspaceUri('terraform-files');
    await vscode.workspace.fs.createDirectory(folder);
    copies.push(folder);
    const denyRoot = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }] };
    await writeWorkspaceFile('terraform-files/policies/deny-root.json', JSON.stringify(denyRoot, null, 2));
    const scp = (name: string, content: string) => `resource "aws_organizations_policy" "${name}" {\n  type    = "SERVICE_CONTROL_POLICY"\n  content = ${content}\n}\n`;
    await writeWorkspaceFile('terraform-files/main.tf', scp('deny_root', 'file("${path.module}/policies/deny-root.json")') + scp('missing', 'file("policies/missing.json")') + scp('device', 'file("/dev/zero")'));
    const main = await openFixture('terraform-files/main.tf');
    document = main;
    // The root deny read from its file is an SCP's (RG107), placed on the call; the missing file and the
    // device (whose read never ends) are said.
    const found = await waitForDiagnostics(main.uri, (ds) => JSON.stringify(lines(ds)) === '[["RG107",3],["RG010",7],["RG010",11]]', 'RG107 from the file, RG010 for the missing one and the device');
    assert.match(diagnosticOf(found, 'RG107').message, /^Denies the root principal \(ArnLike "arn:aws:iam::\*:root"\) without a "Null"/);
    assert.deepEqual(
      found.filter((d) => d.code === 'RG010' || (typeof d.code === 'object' && d.code.value === 'RG010')).map((d) => d.message),
      [
        'aws_organizations_policy.missing.content is not checked: policies/missing.json, given to file(), cannot be read: no such file or folder.',
        'aws_organizations_policy.device.content is not checked: /dev/zero, given to file(), cannot be read: not a regular file.',
      ],
    );
    // Unsaved, the policy file gets the exemption: main.tf is linted again with the file as the editor has it.
    const json = await openFixture('terraform-files/policies/deny-root.json');
    const exempt = { ...denyRoot, Statement: [{ ...denyRoot.Statement[0], Condition: { ...denyRoot.Statement[0].Condition, Null: { 'aws:AssumedRoot': 'true' } } }] };
    const editor = await vscode.window.showTextDocument(json);
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, json.lineCount, 0), JSON.stringify(exempt, null, 2)));
    await waitForDiagnostics(main.uri, (ds) => JSON.stringify(lines(ds)) === '[["RG010",7],["RG010",11]]', 'RG107 gone once the file has the exemption');
    await revert(json);
    await waitForDiagnostics(main.uri, (ds) => JSON.stringify(lines(ds)) === '[["RG107",3],["RG010",7],["RG010",11]]', 'RG107 back with the file as saved');
  });

  it('lints an untitled YAML document that is a CloudFormation template, and leaves other YAML alone', async () => {
    const template = 'Resources:\n  Tasks:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoot\n            Resource: "*"\n';
    const untitled = await vscode.workspace.openTextDocument({ language: 'yaml', content: template });
    await vscode.window.showTextDocument(untitled);
    await waitForRule(untitled.uri, 'RG101');
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, untitled.lineCount, 0), 'name: build\non: push\n'));
    await waitForDiagnostics(untitled.uri, (ds) => ds.length === 0, 'no diagnostics once it is no template');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
