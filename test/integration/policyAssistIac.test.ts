// Completion and hover where policies are written in infrastructure code: a CloudFormation YAML template
// and a Terraform file (plain text here: the test VS Code has no Terraform extension, so it is read by its
// name), through VS Code's own provider commands, as in the editor.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completions, labelOf, positionAfter, waitForHover } from './assistSupport';
import { activateExtension } from './helpers/extension';
import { closeAllEditors, workspaceUri, writeWorkspaceFile } from './helpers/workspace';
import { openFixture } from './lintSupport';

/** Where each kind is written in each fixture: the cursor goes just after the marker. */
interface Places {
  fixture: string;
  action: string;
  operator: string;
  key: string;
  taskArn: string;
  bool: string;
  resource: string;
  wildcard: string;
  grantStatement: string;
  denyStatement: string;
}

const FIXTURES: Places[] = [
  {
    fixture: 'templates/assist.yaml',
    action: '- sts:',
    operator: 'StringE',
    key: '                sts:Task',
    taskArn: 'root-task/IAMAudit',
    bool: "aws:AssumedRoot: '",
    resource: 'Resource: arn',
    wildcard: 'iam:*Login',
    grantStatement: 'Sid: Aud',
    denyStatement: 'Effect: Den',
  },
  {
    fixture: 'terraform/assist.tf',
    action: 'actions   = ["sts:',
    operator: 'test     = "StringE',
    key: 'variable = "sts:Task',
    taskArn: 'root-task/IAMAudit',
    bool: '"aws:AssumedRoot" = "',
    resource: 'resources = ["arn',
    wildcard: 'iam:*Login',
    grantStatement: 'sid       = "Aud',
    denyStatement: 'Effect    = "Den',
  },
];

describe('policy completion and hover in YAML templates and Terraform', function () {
  this.timeout(60_000);
  before(activateExtension);
  after(closeAllEditors);

  for (const places of FIXTURES) {
    describe(places.fixture, () => {
      let document: vscode.TextDocument;
      before(async () => {
        document = await openFixture(places.fixture);
      });

      it('completes actions: the service\'s actions, sts:AssumeRoot first, with access level and one line', async () => {
        const items = await completions(document, positionAfter(document, places.action), 'sts:AssumeRoot');
        const sts = items.filter((i) => labelOf(i).startsWith('sts:')).sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
        assert.equal(labelOf(sts[0]), 'sts:AssumeRoot');
        assert.equal((sts[0].label as vscode.CompletionItemLabel).description, 'Write');
        assert.match(sts[0].detail ?? '', /^Obtain a set of temporary security credentials/);
        // The whole word is replaced, written in the file as it is (no quotes added).
        assert.equal(document.getText((sts[0].range as vscode.Range) ?? undefined), 'sts:AssumeRoot');
        assert.equal(sts[0].insertText, 'sts:AssumeRoot');
      });

      it('completes condition operators, keys of the statement\'s actions, task-policy ARNs and Bool values', async () => {
        const operators = await completions(document, positionAfter(document, places.operator), 'ForAnyValue:StringEquals');
        assert.ok(operators.some((i) => labelOf(i) === 'StringEqualsIfExists' && i.kind === vscode.CompletionItemKind.Operator));
        const keys = await completions(document, positionAfter(document, places.key), 'sts:TaskPolicyArn');
        const taskKey = keys.find((i) => labelOf(i) === 'sts:TaskPolicyArn')!;
        assert.match((taskKey.documentation as vscode.MarkdownString | undefined)?.value ?? '', /Supported by sts:AssumeRoot/);
        assert.ok(keys.some((i) => labelOf(i) === 'aws:AssumedRoot'));
        const arns = await completions(document, positionAfter(document, places.taskArn), 'arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy');
        assert.equal(arns.map(labelOf).filter((l) => l.includes(':policy/root-task/')).length, 5);
        const bools = await completions(document, positionAfter(document, places.bool), 'false');
        assert.ok(bools.some((i) => labelOf(i) === 'true'));
      });

      it('completes resources with the ARN templates of the statement\'s actions, as snippets', async () => {
        const items = await completions(document, positionAfter(document, places.resource), 'arn:${Partition}:iam::${Account}:root');
        const root = items.find((i) => labelOf(i) === 'arn:${Partition}:iam::${Account}:root')!;
        assert.equal((root.insertText as vscode.SnippetString).value, 'arn:${1:Partition}:iam::${2:Account}:root');
      });

      it('hovers an action, a wildcard, a condition key and a task-policy ARN', async () => {
        await waitForHover(document, positionAfter(document, places.action), /\*\*sts:AssumeRoot\*\* · Write[^]*list_awssecuritytokenservice\.html/);
        await waitForHover(document, positionAfter(document, places.wildcard), /covers 4 actions[^]*- `iam:CreateLoginProfile` · Write/);
        await waitForHover(document, positionAfter(document, places.key), /\*\*sts:TaskPolicyArn\*\* · ARN[^]*Centralized root access: /);
        await waitForHover(document, positionAfter(document, places.taskArn), /\*\*IAMAuditRootUserCredentials\*\* \(root-task policy\)[^]*- `iam:GetAccountSummary`/);
      });

      it('hovers a statement with its sentence from the policy engine: a grant, and an SCP\'s denial', async () => {
        await waitForHover(document, positionAfter(document, places.grantStatement), /^Lets its holder open root sessions with IAMAuditRootUserCredentials in account 111122223333\.$/m);
        await waitForHover(document, positionAfter(document, places.denyStatement), /^Denies 4 actions \(iam:CreateLoginProfile, .*\) on every resource, under 1 condition\. Blocks IAMCreateRootUserPassword sessions; iam:GetLoginProfile in IAMAuditRootUserCredentials sessions/m);
      });
    });
  }

  it("hovers a Terraform document as its module uses it: an SCP's denial when another file attaches it as an SCP", async () => {
    const folder = workspaceUri('terraform-assist-module');
    await vscode.workspace.fs.createDirectory(folder);
    try {
      const deny = ['data "aws_iam_policy_document" "no_passwords" {', '  statement {', '    effect    = "Deny"', '    actions   = ["iam:CreateLoginProfile"]', '    resources = ["*"]', '  }', '}', ''].join('\n');
      await writeWorkspaceFile('terraform-assist-module/iam.tf', deny);
      await writeWorkspaceFile('terraform-assist-module/main.tf', 'resource "aws_organizations_policy" "no_passwords" {\n  content = data.aws_iam_policy_document.no_passwords.json\n}\n');
      const document = await openFixture('terraform-assist-module/iam.tf');
      await waitForHover(document, positionAfter(document, 'effect    = "Den'), /^Denies iam:CreateLoginProfile on every resource\. Blocks iam:CreateLoginProfile in IAMCreateRootUserPassword sessions in every account it is attached to\.$/m);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });
});
