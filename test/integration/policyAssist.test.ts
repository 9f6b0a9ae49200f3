// Completion and hover in a real editor: each kind RootGuard offers, at its place in a policy, through
// VS Code's own provider commands (so every registered provider answers, as in the editor).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completions, labelOf, positionAfter, waitForHover } from './assistSupport';
import { activateExtension } from './helpers/extension';
import { closeAllEditors } from './helpers/workspace';
import { openFixture, waitForRule } from './lintSupport';

const FIXTURE = 'policies/assist.json';

describe('policy completion and hover', function () {
  this.timeout(60_000);
  let document: vscode.TextDocument;

  before(async () => {
    await activateExtension();
    document = await openFixture(FIXTURE);
    // Completion and hover answer for documents the linter has linted as policies: wait for its verdict.
    await waitForRule(document.uri, 'RG009');
  });
  after(closeAllEditors);

  describe('completion', () => {
    it('Action: the service\'s actions after "sts:", AssumeRoot first, with access level and one line', async () => {
      const items = await completions(document, positionAfter(document, '"s", "sts:'), 'sts:AssumeRoot');
      const sts = items.filter((i) => labelOf(i).startsWith('sts:')).sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
      assert.equal(labelOf(sts[0]), 'sts:AssumeRoot');
      assert.equal((sts[0].label as vscode.CompletionItemLabel).description, 'Write');
      assert.match(sts[0].detail ?? '', /^Obtain a set of temporary security credentials .* privileged tasks in member accounts/);
      assert.equal(sts[0].kind, vscode.CompletionItemKind.Function);
    });

    it('Action: service prefixes before a colon, each asking for its actions next', async () => {
      const items = await completions(document, positionAfter(document, 'LoginProfile", "s'), 's3');
      const s3 = items.find((i) => labelOf(i) === 's3')!;
      assert.equal(s3.insertText, 's3:');
      assert.equal(s3.command?.command, 'editor.action.triggerSuggest');
    });

    it('Condition: the keys of the statement\'s actions first, then the global keys', async () => {
      const items = await completions(document, positionAfter(document, '""],\n          "'), 'sts:TaskPolicyArn');
      const labels = items.map(labelOf);
      assert.ok(labels.includes('aws:AssumedRoot'), labels.slice(0, 20).join());
      const key = items.find((i) => labelOf(i) === 'sts:TaskPolicyArn')!;
      assert.equal((key.label as vscode.CompletionItemLabel).description, 'ARN');
    });

    it('Condition: the five task-policy ARNs for sts:TaskPolicyArn', async () => {
      const items = await completions(document, positionAfter(document, 'IAMAuditRootUserCredentials", "'), 'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword');
      const arns = items.map(labelOf).filter((l) => l.includes(':policy/root-task/'));
      assert.equal(arns.length, 5, arns.join());
    });

    it('Condition: true and false for a Bool key, the root ARN pattern for aws:PrincipalArn', async () => {
      const bools = await completions(document, positionAfter(document, '"aws:AssumedRoot": "'), 'true');
      assert.ok(bools.some((i) => labelOf(i) === 'false'));
      await completions(document, positionAfter(document, '"aws:PrincipalArn": "'), 'arn:*:iam::*:root');
    });

    it('Condition: operators with IfExists and set forms', async () => {
      const items = await completions(document, positionAfter(document, '"Condition": {\n        "'), 'ForAllValues:StringLike');
      assert.ok(items.some((i) => labelOf(i) === 'StringNotEqualsIfExists' && i.kind === vscode.CompletionItemKind.Operator));
    });

    it('Resource: the ARN templates of the actions\' resource types, as snippets', async () => {
      const items = await completions(document, positionAfter(document, ':root", "'), 'arn:${Partition}:iam::${Account}:root');
      const root = items.find((i) => labelOf(i) === 'arn:${Partition}:iam::${Account}:root')!;
      assert.ok(root.insertText instanceof vscode.SnippetString);
      assert.equal((root.insertText as vscode.SnippetString).value, 'arn:${1:Partition}:iam::${2:Account}:root');
      assert.ok(items.some((i) => labelOf(i) === 'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}'), 'iam:*LoginProfile acts on users');
    });
  });

  describe('hover', () => {
    it('an action: description, access level, resource types, keys, reference link', async () => {
      const text = await waitForHover(document, positionAfter(document, '"sts:Assume'), /\*\*sts:AssumeRoot\*\* · Write/);
      assert.match(text, /Condition keys: `sts:TaskPolicyArn`/);
      assert.match(text, /list_awssecuritytokenservice\.html/);
    });

    it('a wildcard: how many actions it covers, sensitive ones first', async () => {
      const text = await waitForHover(document, positionAfter(document, '"iam:*Login'), /covers 4 actions/);
      assert.match(text, /- `iam:CreateLoginProfile` · Write\n- `iam:DeleteLoginProfile`/);
    });

    it('a condition key: aws:AssumedRoot explains centralized root access', async () => {
      await waitForHover(document, positionAfter(document, '"aws:Assumed'), /\*\*aws:AssumedRoot\*\* · Bool[^]*Centralized root access: /);
    });

    it('a task-policy ARN: the calls of that task', async () => {
      const text = await waitForHover(document, positionAfter(document, 'root-task/IAMAudit'), /\*\*IAMAuditRootUserCredentials\*\* \(root-task policy\)/);
      assert.match(text, /- `iam:GetAccountSummary`/);
    });

    it('a statement: one sentence from the policy engine, for an identity policy and an SCP', async () => {
      await waitForHover(document, positionAfter(document, '"Sid": "Audit'), /Lets its holder open root sessions with IAMAuditRootUserCredentials in account 111122223333\./);
      const scp = await openFixture('scp/deny-root.json');
      await waitForRule(scp.uri, 'RG107');
      await waitForHover(scp, positionAfter(scp, '"Effect": "De'), /^Denies every action on every resource, under 1 condition\. Blocks IAMAuditRootUserCredentials, .* and SQSUnlockQueuePolicy sessions in every account it is attached to, in partition aws\./);
    });
  });
});
