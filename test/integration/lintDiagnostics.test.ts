// The linter in a real editor: which files get diagnostics, where, with what code and link, and how the
// rootguard.lint.* settings and .rootguard.json change that.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { lintText } from '../../src/core/lint/linter';
import {
  openFixture,
  revert,
  rootGuardDiagnostics,
  ruleOf,
  waitForClean,
  waitForDiagnostics,
  waitForRule,
} from './lintSupport';
import { activateExtension } from './helpers/extension';
import { closeAllEditors, workspaceUri, writeWorkspaceFile } from './helpers/workspace';

/** The offsets of `needle` in the document, as a range (to check where a diagnostic points). */
function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const start = document.getText().indexOf(needle);
  assert.ok(start >= 0, `${needle} not in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(start), document.positionAt(start + needle.length));
}

describe('lint diagnostics', function () {
  this.timeout(30_000);

  before(activateExtension);
  afterEach(closeAllEditors);

  it('shows RG101 on an unscoped sts:AssumeRoot at the range the linter reports', async () => {
    const document = await openFixture('unscoped-assume-root.json');
    const diagnostic = await waitForRule(document.uri, 'RG101');

    const [finding] = lintText({ path: document.uri.fsPath, text: document.getText(), type: 'identity' }).filter((f) => f.ruleId === 'RG101');
    const expected = new vscode.Range(document.positionAt(finding.range.start), document.positionAt(finding.range.end));
    assert.ok(diagnostic.range.isEqual(expected), `range ${JSON.stringify(diagnostic.range)} != ${JSON.stringify(expected)}`);
    assert.ok(rangeOf(document, '{\n      "Sid": "RootTasksEverywhere"').start.line <= diagnostic.range.start.line);
    assert.ok(diagnostic.range.end.line <= 8, 'the diagnostic stays inside the statement');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  it('gives the rule id as code, linked to its page inside the extension', async () => {
    const document = await openFixture('unscoped-assume-root.json');
    const diagnostic = await waitForRule(document.uri, 'RG101');
    assert.equal(diagnostic.source, 'RootGuard');
    assert.ok(typeof diagnostic.code === 'object', 'code carries a target');
    const extension = vscode.extensions.getExtension('rootguard.rootguard')!;
    assert.equal(diagnostic.code.target.toString(), vscode.Uri.joinPath(extension.extensionUri, 'docs/rules/RG101.md').toString());
  });

  it('reports inside the escaped InlinePolicy string of a permission set', async () => {
    const document = await openFixture('permission-set.json');
    const diagnostic = await waitForRule(document.uri, 'RG101');
    const inlinePolicy = rangeOf(document, '"{\\"Version');
    assert.equal(diagnostic.range.start.line, inlinePolicy.start.line);
    assert.ok(diagnostic.range.start.character > inlinePolicy.start.character, 'the range starts inside the string');
  });

  it('reports inside the PolicyDocument of a CloudFormation template', async () => {
    const document = await openFixture('cloudformation.template.json');
    const diagnostic = await waitForRule(document.uri, 'RG101');
    const policyDocument = rangeOf(document, '"PolicyDocument"');
    const resources = rangeOf(document, '"Resource": "*"');
    assert.ok(diagnostic.range.start.isAfter(policyDocument.end), 'after the PolicyDocument key');
    assert.ok(diagnostic.range.start.line <= resources.start.line, 'within the statement');
  });

  it('names the CDK construct of a finding in a cdk.out template before its message', async () => {
    const template = {
      Resources: {
        RootTasksPolicy0D3C5A8E: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }] } },
          Metadata: { 'aws:cdk:path': 'RootAccessStack/RootTasksPolicy/Resource' },
        },
      },
    };
    const uri = await writeWorkspaceFile('cdk.out/RootAccessStack.template.json', JSON.stringify(template, null, 1));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const diagnostic = await waitForRule(document.uri, 'RG101');
      assert.match(diagnostic.message, /^RootAccessStack\/RootTasksPolicy\/Resource: Allows sts:AssumeRoot/);
      assert.equal(diagnostic.range.start.line, rangeOf(document, '"sts:AssumeRoot"').start.line);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(workspaceUri('cdk.out'), { recursive: true });
    }
  });

  it('re-lints on change, after the debounce', async () => {
    const document = await openFixture('policies/missing-version.json');
    await waitForRule(document.uri, 'RG003');
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((edit) => edit.insert(document.positionAt(1), '\n  "Version": "2012-10-17",'));
    await waitForClean(document.uri, 'RG003 to go once Version is typed');
    await editor.edit((edit) => edit.replace(rangeOf(document, '2012-10-17'), '2008-10-17'));
    await waitForRule(document.uri, 'RG003');
    await revert(document);
  });

  it('lints an untitled JSON policy, and clears its diagnostics when it closes', async () => {
    // Closing an editor on a file keeps its document alive for a while; an untitled one is disposed at once.
    const content = '{ "Statement": [{ "Effect": "Allow", "Action": "sts:*", "Resource": "*" }] }';
    const document = await vscode.workspace.openTextDocument({ language: 'json', content });
    await vscode.window.showTextDocument(document);
    await waitForRule(document.uri, 'RG101');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForClean(document.uri, 'diagnostics to go on close');
  });

  it('lints an included file the content does not give away (RG001), only when rootguard.lint.include names it', async () => {
    const config = vscode.workspace.getConfiguration('rootguard.lint');
    const document = await openFixture('drafts/unfinished.json');
    try {
      await config.update('include', ['drafts/**/*.json'], vscode.ConfigurationTarget.Workspace);
      await waitForRule(document.uri, 'RG001');
      await config.update('include', undefined, vscode.ConfigurationTarget.Workspace);
      await waitForClean(document.uri, 'RG001 to go when the include no longer names drafts/');
    } finally {
      await config.update('include', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('skips a glob in rootguard.lint.include that would stall a backtracking matcher, and keeps linting', async () => {
    // Against `@(a+|a)+!`, a regular-expression glob matcher backtracks for minutes on this file's name.
    const uri = await writeWorkspaceFile(`drafts/${'a'.repeat(26)}.json`, '{ "Statement": [{ "Effect": "Allow", "Action": "sts:*", "Resource": "*" }] }');
    const config = vscode.workspace.getConfiguration('rootguard.lint');
    try {
      await config.update('include', ['**/@(a+|a)+!', 'drafts/**/*.json'], vscode.ConfigurationTarget.Workspace);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await waitForRule(document.uri, 'RG101');
    } finally {
      await config.update('include', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('does not lint a policy over 1 MB in the editor, and says so on the file', async () => {
    const padding = ' '.repeat(1024 * 1024);
    const uri = await writeWorkspaceFile('policies/huge.json', `{ "Statement": [{ "Effect": "Allow", "Action": "sts:*", "Resource": "*" }]${padding}}`);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const [diagnostic] = await waitForDiagnostics(document.uri, (ds) => ds.length > 0, 'the not-linted message');
      assert.match(diagnostic.message, /^RootGuard does not lint documents over 1 MB in the editor \(this one is 1 MB\): run "rootguard lint" on it\.$/);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
      assert.equal(rootGuardDiagnostics(document.uri).length, 1, 'no findings: the file was not linted');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  for (const [encoding, bytes, message] of [
    ['utf8bom', (text: string) => new TextEncoder().encode(`\uFEFF${text}`), /^This file starts with a byte order mark \(U\+FEFF\)/],
    ['utf16le', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le'), /^This file is saved as UTF-16 \(little endian\)/],
  ] as const) {
    it(`reports a policy saved as ${encoding} (RG011), with the other findings where the editor shows them`, async () => {
      const policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:DeleteBucket", "Resource": "*"}]}';
      const uri = workspaceUri(`policies/${encoding}.json`);
      await vscode.workspace.fs.writeFile(uri, bytes(policy));
      try {
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
        assert.equal(document.encoding, encoding);
        assert.equal(document.getText(), policy, 'VS Code shows the decoded text without the mark');
        const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.length === 2, 'RG011 and RG002');
        const [saved, effect] = diagnostics.sort((a, b) => a.range.start.compareTo(b.range.start));
        assert.equal(ruleOf(saved), 'RG011');
        assert.match(saved.message, message);
        assert.ok(saved.range.start.isEqual(new vscode.Position(0, 0)));
        assert.equal(ruleOf(effect), 'RG002');
        assert.ok(effect.range.isEqual(rangeOf(document, '"Permit"')), `RG002 at ${JSON.stringify(effect.range)}`);
      } finally {
        await vscode.workspace.fs.delete(uri);
      }
    });
  }

  it('stops linting detected-only files when rootguard.lint.detectPolicies is off', async () => {
    const config = vscode.workspace.getConfiguration('rootguard.lint');
    const detected = await openFixture('unscoped-assume-root.json');
    await waitForRule(detected.uri, 'RG101');
    try {
      await config.update('detectPolicies', false, vscode.ConfigurationTarget.Workspace);
      await waitForClean(detected.uri, 'the detected file to be left alone');
    } finally {
      await config.update('detectPolicies', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForRule(detected.uri, 'RG101');
  });

  it('types files by the globs of .rootguard.json (an SCP gets the SCP-only RG107)', async () => {
    const document = await openFixture('scp/deny-root.json');
    await waitForRule(document.uri, 'RG107');
  });

  for (const [savedAs, encode] of [
    ['UTF-8', (text: string) => new TextEncoder().encode(text)],
    // As Windows PowerShell's Out-File writes it: decoded by its byte order mark, as the CLI decodes it.
    ['UTF-16', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le')],
  ] as const) {
    it(`takes a rule turned off in .rootguard.json into account (saved as ${savedAs})`, async () => {
      const document = await openFixture('unscoped-assume-root.json');
      await waitForRule(document.uri, 'RG101');
      const configUri = workspaceUri('.rootguard.json');
      const original = await vscode.workspace.fs.readFile(configUri);
      try {
        const config = { types: { 'scp/**/*.json': 'scp' }, rules: { RG101: 'off' } };
        await vscode.workspace.fs.writeFile(configUri, encode(JSON.stringify(config)));
        await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => ruleOf(d) === 'RG101'), 'RG101 to be turned off');
      } finally {
        await vscode.workspace.fs.writeFile(configUri, original);
      }
      await waitForRule(document.uri, 'RG101');
    });
  }

  it('reports an invalid .rootguard.json on the file itself, and lints with the defaults meanwhile', async () => {
    const document = await openFixture('scp/deny-root.json');
    await waitForRule(document.uri, 'RG107');
    const configUri = workspaceUri('.rootguard.json');
    const original = await vscode.workspace.fs.readFile(configUri);
    try {
      await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode('{ "rules": { "RG999": "off" } }'));
      // What the file says once written: the write may reach the watcher as the file emptied first, whose
      // "invalid JSON" diagnostic a later read replaces (a late read of the empty file once overwrote it).
      const problems = await waitForDiagnostics(configUri, (ds) => ds.some((d) => /RG999/.test(d.message)), 'a diagnostic on the invalid configuration');
      assert.equal(problems.length, 1, problems.map((p) => p.message).join('; '));
      // Without its "types", scp/deny-root.json is an identity policy again, where RG107 does not apply.
      await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => ruleOf(d) === 'RG107'), 'the default type');
    } finally {
      await vscode.workspace.fs.writeFile(configUri, original);
    }
    await waitForDiagnostics(configUri, (ds) => ds.length === 0, 'the configuration diagnostic to go');
    await waitForRule(document.uri, 'RG107');
  });

  it('does not read a .rootguard.json that links to a device, says so on it, and lints with the defaults', async () => {
    const document = await openFixture('scp/deny-root.json');
    await waitForRule(document.uri, 'RG107');
    const configUri = workspaceUri('.rootguard.json');
    const original = await vscode.workspace.fs.readFile(configUri);
    // A hostile repository's link to /dev/zero: reading it never ends, and once held the extension host.
    fs.rmSync(configUri.fsPath);
    fs.symlinkSync('/dev/zero', configUri.fsPath);
    try {
      await waitForDiagnostics(configUri, (ds) => ds.some((d) => /is not a regular file, not read; linting with the defaults/.test(d.message)), 'the refusal on the configuration');
      await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => ruleOf(d) === 'RG107'), 'the default type');
    } finally {
      fs.rmSync(configUri.fsPath);
      await vscode.workspace.fs.writeFile(configUri, original);
    }
    await waitForDiagnostics(configUri, (ds) => ds.length === 0, 'the configuration diagnostic to go');
    await waitForRule(document.uri, 'RG107');
  });
});
