// The pre-commit hook names the files `rootguard lint` searches folders for, whatever the case of their extension.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { runLint } from '../../../src/cli/lintCommand';

const root = path.resolve(__dirname, '../../..');
const POLICY_FILES = ['POLICY.JSON', 'policies/Deny.Json', 'settings.JSONC', 'stack.Template', 'ci.YML', 'infra/stack.Yaml', 'Main.TF', 'main.tf', 'p.json'];
const OTHER_FILES = ['README.md', 'prod.tfvars', 'p.json.bak', 'tf', 'json'];

/**
 * A pre-commit `files` pattern as pre-commit matches it (Python's `re.search`). Node 20's RegExp has no inline
 * `(?i)`, so the leading flag, which must be present, becomes the `i` flag; the rest reads alike in both.
 */
function preCommitPattern(pattern: string): RegExp {
  assert.ok(pattern.startsWith('(?i)'), `"${pattern}" is case-sensitive: Python's re needs a leading (?i)`);
  return new RegExp(pattern.slice('(?i)'.length), 'i');
}

describe('pre-commit hook', () => {
  const hooks = parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; files: string }>;
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const localHook = parse(/^# \.pre-commit-config\.yaml\n([\s\S]*?)^```/m.exec(readme)?.[1] ?? '') as { repos: Array<{ hooks: Array<{ files: string }> }> };

  for (const [where, pattern] of [
    ['.pre-commit-hooks.yaml', hooks.find((hook) => hook.id === 'rootguard-lint')?.files ?? ''],
    ["the README's local hook", localHook.repos[0].hooks[0].files],
  ]) {
    it(`${where} names policy files whatever the case of their extension, and no other file`, () => {
      const files = preCommitPattern(pattern);
      assert.deepEqual(POLICY_FILES.filter((file) => !files.test(file)), []);
      assert.deepEqual(OTHER_FILES.filter((file) => files.test(file)), []);
    });
  }

  it('rootguard lint finds the same files in a folder, whatever the case of their extension', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-case-'));
    try {
      const admin = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}';
      fs.mkdirSync(path.join(dir, 'infra'));
      fs.writeFileSync(path.join(dir, 'POLICY.JSON'), admin);
      fs.writeFileSync(path.join(dir, 'infra', 'Main.TF'), `resource "aws_iam_policy" "admin" {\n  policy = <<EOF\n${admin}\nEOF\n}\n`);
      fs.writeFileSync(path.join(dir, 'infra', 'Stack.YML'), `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: ${admin}\n`);
      let stdout = '';
      const code = await runLint(['--format', 'json', '.'], { cwd: dir, stdout: (text) => (stdout += text), stderr: () => {} });
      assert.equal(code, 1);
      const linted = (JSON.parse(stdout) as Array<{ filePath: string; type: string; errorCount: number }>).map((file) => `${file.filePath} ${file.type} ${file.errorCount > 0}`);
      assert.deepEqual(linted, ['POLICY.JSON identity true', 'infra/Main.TF terraform true', 'infra/Stack.YML cloudformation true']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
