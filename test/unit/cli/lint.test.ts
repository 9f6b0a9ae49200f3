import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runLint } from '../../../src/cli/lintCommand';
import { repositoryRoot } from '../../../src/cli/lintConfigs';
import { MODULE_FILE_LIMIT } from '../../../src/core/lint/iac/terraformModule';

const FIXTURES = path.resolve(__dirname, '../../fixtures/policies');

const CLEAN = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}';
const WARNING_ONLY = '{"Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}';
const ERROR = '{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:DeleteBucket", "Resource": "*"}]}';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function lint(cwd: string, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runLint(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A scratch folder with the given files (paths relative to it). */
function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-lint-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('rootguard lint', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>) => {
    const dir = workspace(files);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('exits 0 for clean files and says what it linted', async () => {
    const dir = make({ 'a.json': CLEAN });
    assert.deepEqual(await lint(dir, 'a.json'), {
      code: 0,
      stdout: '',
      stderr: 'rootguard lint: linted 1 file of "a.json" as policies, no problems (configuration: no .rootguard.json)\n',
    });
  });

  it('counts the files of every folder without a configuration once, and never lints .rootguard.json', async () => {
    const dir = make({ 'a/one.json': CLEAN, 'b/two.json': CLEAN, 'b/three.json': CLEAN, 'c/.rootguard.json': '{}', 'c/four.json': CLEAN });
    const run = await lint(dir, 'a', 'b', 'c');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /\(configuration: no \.rootguard\.json for 3 files; c\/\.rootguard\.json for 1 file\)\n$/);
    assert.doesNotMatch(run.stderr, /skipped/, 'the configuration file is not a lint target');
  });

  it('says so when there is nothing to lint', async () => {
    const dir = make({ 'empty/readme.md': '# nothing' });
    const run = await lint(dir, 'empty');
    assert.equal(run.code, 0);
    assert.equal(run.stderr, 'rootguard lint: nothing to lint in "empty" (folders are searched for *.json, *.jsonc, *.template, *.yaml, *.yml and *.tf files)\n');
  });

  it("reads a Terraform folder as one module: an SCP's document in another file is linted there, as an SCP", async () => {
    const dir = make({
      'org/policies.tf': ['data "aws_iam_policy_document" "full" {', '  statement {', '    actions   = ["*"]', '    resources = ["*"]', '  }', '}', ''].join('\n'),
      'org/main.tf': ['resource "aws_organizations_policy" "full" {', '  content = data.aws_iam_policy_document.full.json', '}', ''].join('\n'),
    });
    // FullAWSAccess attached as an SCP: no grant, so no RG101 or RG201, and nothing left unchecked (RG010).
    for (const args of [['org'], ['org/main.tf'], ['org/policies.tf']]) {
      const run = await lint(dir, ...args);
      assert.deepEqual([run.code, run.stdout], [0, ''], args.join(' '));
    }
    // main.tf alone (a pre-commit run on the file that changed): where its SCP is written, and unlinted, is said.
    const note = 'rootguard lint: org/main.tf: aws_organizations_policy.full.content is data.aws_iam_policy_document.full, written in org/policies.tf, which this run does not lint\n';
    assert.ok((await lint(dir, 'org/main.tf')).stderr.startsWith(note));
    assert.ok(!(await lint(dir, 'org')).stderr.includes('which this run does not lint'));
    // Named in two forms, from inside the folder.
    const forms = await lint(path.join(dir, 'org'), '--format', 'json', 'main.tf', '../org/policies.tf');
    assert.deepEqual(JSON.parse(forms.stdout).map((r: { messages: unknown[] }) => r.messages), [[], []]);
  });

  it('lints a policy passed to a module of a folder it may read as that module types it, and says when it may not', async () => {
    const scpModule = ['variable "content" {}', 'resource "aws_organizations_policy" "this" {', '  type    = "SERVICE_CONTROL_POLICY"', '  content = var.content', '}', ''].join('\n');
    const call = (source: string) =>
      ['module "deny_root" {', `  source  = "${source}"`, '  content = jsonencode({', '    Version   = "2012-10-17"', '    Statement = [{ Effect = "Deny", Action = "*", Resource = "*", Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } } }]', '  })', '}', ''].join('\n');
    const dir = make({ 'org/scp/main.tf': scpModule, 'org/main.tf': call('./scp'), 'org/live/main.tf': call('../scp') });
    // An SCP: denying the root principal blocks root sessions too (RG107), on the line that writes it.
    const run = await lint(dir, '--format', 'json', 'org');
    const found = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[]).map((r) => [r.filePath, r.messages.map((m) => `${m.ruleId}@${m.line}`)]);
    assert.deepEqual(found, [
      [path.join('org', 'live', 'main.tf'), ['RG107@5']],
      [path.join('org', 'main.tf'), ['RG107@5']],
      // The module alone: its content is a variable, not checked there.
      [path.join('org', 'scp', 'main.tf'), ['RG010@4']],
    ]);
    // Linting org/live alone, ../scp is outside the folder linted: not read, and the policy is not checked.
    const alone = await lint(dir, 'org/live');
    assert.equal(alone.stdout.split('\n')[1], "  3:13  warning  module.deny_root.content is not checked: the module's folder (../scp) cannot be read: a folder outside the folder linted, not read.  RG010");
    // A module folder of more files than a module is read with is not read either.
    for (let i = 0; i <= MODULE_FILE_LIMIT; i++) fs.writeFileSync(path.join(dir, 'org/scp', `extra${i}.tf`), '');
    const large = await lint(dir, 'org/main.tf');
    assert.equal(large.stdout.split('\n')[1], `  3:13  warning  module.deny_root.content is not checked: the module's folder (./scp) cannot be read: it has more than ${MODULE_FILE_LIMIT} .tf files, more than the linter reads as one module.  RG010`);
  });

  it('a pre-commit run on a changed locals.tf alone says which file\'s policies name its locals, and that it does not lint them', async () => {
    const dir = make({
      'org/locals.tf': ['locals {', '  deny_root = { Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "*", Resource = "*", Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } } }] }', '  root_actions = ["sts:AssumeRoot"]', '  unused = "x"', '}', ''].join('\n'),
      'org/main.tf': [
        'resource "aws_organizations_policy" "scp" {',
        '  content = jsonencode(local.deny_root)',
        '}',
        'data "aws_iam_policy_document" "p" {',
        '  statement {',
        '    actions   = local.root_actions',
        '    resources = ["*"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    for (const args of [['org/locals.tf'], ['--skip-non-policies', 'org/locals.tf']]) {
      const run = await lint(dir, ...args);
      assert.equal(run.code, 0, args.join(' '));
      assert.equal(run.stdout, '');
      assert.deepEqual(run.stderr.trimEnd().split('\n'), [
        'rootguard lint: org/locals.tf: local.deny_root, local.root_actions are part of policies in org/main.tf, which this run does not lint: lint that file (or the folder) to check them',
        'rootguard lint: linted 1 file of "org/locals.tf" as policies, no problems (configuration: no .rootguard.json)',
      ]);
    }
    const sarif = JSON.parse((await lint(dir, '--format', 'sarif', 'org/locals.tf')).stdout);
    assert.deepEqual(
      sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => `${n.level}: ${n.message.text}`),
      ['note: local.deny_root, local.root_actions are part of policies in org/main.tf, which this run does not lint: lint that file (or the folder) to check them'],
    );
    // Linted with main.tf, where the findings are, nothing is left out.
    const both = await lint(dir, 'org/locals.tf', 'org/main.tf');
    assert.deepEqual([both.code, both.stderr.includes('does not lint')], [1, false]);
    // The document nothing uses is checked as an identity policy, and RG010 says so.
    assert.match(both.stdout, /org\/main\.tf\n {2}2:24 {2}warning .*RG107\n {2}4:32 {2}warning {2}data\.aws_iam_policy_document\.p is only partly checked: .*RG010\n {2}6:17 {2}error .*RG101/);
  });

  it("says why a policy file() names cannot be read, and that the file's policy went unchecked", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"Statement": []}', 'utf16le')]);
    const dir = make({
      'org/main.tf': [
        'resource "aws_organizations_policy" "deny_root" {',
        '  type    = "SERVICE_CONTROL_POLICY"',
        '  content = file("${path.module}/policies/deny-root.json")',
        '}',
        'resource "aws_iam_policy" "p" {',
        '  policy = file("utf16.json")',
        '}',
        '',
      ].join('\n'),
    });
    fs.writeFileSync(path.join(dir, 'org/utf16.json'), utf16);
    const run = await lint(dir, 'org/main.tf');
    const unread = [
      'aws_organizations_policy.deny_root.content is not checked: policies/deny-root.json, given to file(), cannot be read: no such file or folder.',
      'aws_iam_policy.p.policy is not checked: utf16.json, given to file(), cannot be read: saved as UTF-16, and Terraform reads only UTF-8.',
    ];
    assert.deepEqual(run.stdout.split('\n').slice(1, 3), [`  3:13  warning  ${unread[0]}  RG010`, `  6:12  warning  ${unread[1]}  RG010`]);
    assert.ok(run.stderr.startsWith(`rootguard lint: org/main.tf: no policy in it could be checked: ${unread.join(' ')}\n`), run.stderr);
    assert.equal(run.code, 2);
  });

  it('exits 1 on an error-level finding and names file, position and rule', async () => {
    const dir = make({ 'bad.json': ERROR });
    const run = await lint(dir, 'bad.json');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^bad\.json\n {2}1:52 {2}error {2}Effect must be "Allow" or "Deny".*RG002$/m);
  });

  it('exits 0 on warnings, and 1 when they exceed --max-warnings', async () => {
    const dir = make({ 'w.json': WARNING_ONLY });
    assert.equal((await lint(dir, 'w.json')).code, 0);
    assert.equal((await lint(dir, 'w.json', '--max-warnings', '1')).code, 0);
    const over = await lint(dir, 'w.json', '--max-warnings', '0');
    assert.equal(over.code, 1);
    assert.match(over.stderr, /1 warning, more than --max-warnings 0/);
  });

  it('exits 2 on usage errors', async () => {
    const dir = make({});
    for (const args of [['--type', 'scpp'], ['--format', 'xml'], ['--max-warnings', 'many'], ['--bogus']]) {
      const run = await lint(dir, ...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /rootguard lint: .*\nRun "rootguard lint --help"/);
    }
  });

  it('prints help and the rule list with exit 0', async () => {
    const help = await lint(os.tmpdir(), '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: rootguard lint/);
    const rules = await lint(os.tmpdir(), '--rules');
    assert.equal(rules.code, 0);
    assert.match(rules.stdout, /^RG001 {2}invalid-json/m);
    assert.match(rules.stdout, /^RG009 {2}unknown-action/m);
  });

  it('reports a missing path with exit 2 after linting the other files', async () => {
    const dir = make({ 'bad.json': ERROR });
    const run = await lint(dir, 'missing.json', 'bad.json');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing\.json: no such file or folder/);
    assert.match(run.stdout, /RG002/);
  });

  it('a policy saved with a byte order mark: RG011 at its start, other columns counted as an editor counts them', async () => {
    const dir = make({ 'bom.json': `\uFEFF${ERROR}`, 'template.json': `\uFEFF${JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.parse(CLEAN) } } } })}` });
    const run = await lint(dir, 'bom.json', 'template.json');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^bom\.json\n {2}1:1 +error {2}This file starts with a byte order mark \(U\+FEFF\).*RG011\n {2}1:52 {2}error {2}Effect must be "Allow" or "Deny".*RG002$/m);
    assert.doesNotMatch(run.stdout, /template\.json/, 'a template may start with one: the AWS CLI reads it as YAML');
    assert.match(run.stderr, /linted 2 files/);
  });

  it('a policy saved as UTF-16 (Windows PowerShell\'s Out-File): decoded and linted, with RG011 at its start', async () => {
    const dir = make({});
    fs.writeFileSync(path.join(dir, 'utf16.json'), Buffer.from(`\uFEFF${ERROR}`, 'utf16le'));
    const run = await lint(dir, 'utf16.json');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^utf16\.json\n {2}1:1 +error {2}This file is saved as UTF-16 \(little endian\).*RG011\n {2}1:52 {2}error {2}Effect must be "Allow" or "Deny".*RG002$/m);
  });

  it('reports unparseable and hostile input as findings, never a crash', async () => {
    const dir = make({
      'truncated.json': '{"Version": "2012-10-17", "Statement": [{"Effect": ',
      'deep.json': `{"Statement": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
      'binary.json': '\u0000\u0001\uFFFD{"Statement"',
    });
    const run = await lint(dir, '--type', 'identity', '.');
    assert.equal(run.code, 1);
    for (const file of ['truncated.json', 'deep.json', 'binary.json']) assert.match(run.stdout, new RegExp(`^${file.replace('.', '\\.')}$`, 'm'));
  });

  it('walks folders for .json/.jsonc/.template, skipping node_modules and .git, and matches globs', async () => {
    const dir = make({
      'p/a.json': ERROR,
      'p/b.jsonc': ERROR,
      'p/stack.template': JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.parse(ERROR) } } } }),
      'p/notes.txt': ERROR,
      'p/node_modules/x.json': ERROR,
      'p/.git/y.json': ERROR,
      'q/c.json': ERROR,
    });
    const files = (run: Run) => run.stdout.split('\n').filter((line) => /^\S+$/.test(line) && !line.startsWith('✖'));
    assert.deepEqual(files(await lint(dir, 'p')), ['p/a.json', 'p/b.jsonc', 'p/stack.template']);
    assert.deepEqual(files(await lint(dir, '**/c.json', 'p/*.jsonc')), ['p/b.jsonc', 'q/c.json']);
    // A folder with a trailing slash, a glob written from the root of the file system.
    assert.deepEqual(files(await lint(dir, './p/')), ['p/a.json', 'p/b.jsonc', 'p/stack.template']);
    assert.deepEqual(files(await lint(dir, `${dir.split(path.sep).join('/')}/*/c.json`)), ['q/c.json']);
    const none = await lint(dir, 'nothing/*.json');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /matches no file/);
    // A glob that matches a folder searches it, as the shell's expansion of the same glob would.
    assert.deepEqual(files(await lint(dir, 'q*')), ['q/c.json']);
  });

  it('matches a glob in a current folder whose name holds glob syntax: (, ), {, ,', async () => {
    for (const folder of ['Project (copy)', 'a{b,c}', 'x[1]']) {
      const dir = make({ [`${folder}/policies/admin.json`]: ERROR, [`${folder}/policies/sub/deep.json`]: ERROR });
      const cwd = path.join(dir, folder);
      const run = await lint(cwd, 'policies/*.json');
      assert.equal(run.code, 1, `${folder}: ${run.stderr}`);
      assert.match(run.stdout, /^policies\/admin\.json\n +1:\d+ +error .* RG002$/m, folder);
      assert.doesNotMatch(run.stdout, /deep\.json/, folder);
      assert.match((await lint(cwd, 'polic*')).stdout, /policies\/sub\/deep\.json/, `${folder}: a matched folder is searched`);
    }
  });

  it('skips JSON that holds no policy, saying so', async () => {
    const dir = make({ 'package.json': '{"name": "x"}', 'p.json': CLEAN });
    const run = await lint(dir, '.');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /package\.json: skipped, not a policy/);
  });

  it('reads a .rootguard.json saved as UTF-16 or with a byte order mark, as the editor does', async () => {
    for (const bytes of [Buffer.from('\uFEFF{"rules": {"RG002": "off"}}', 'utf16le'), Buffer.from('\uFEFF{"rules": {"RG002": "off"}}', 'utf8')]) {
      const dir = make({ 'bad.json': ERROR });
      fs.writeFileSync(path.join(dir, '.rootguard.json'), bytes);
      const run = await lint(dir, 'bad.json');
      assert.deepEqual({ code: run.code, stdout: run.stdout }, { code: 0, stdout: '' }, run.stderr);
    }
  });

  it('counts skipped files in one line past three, and still lists each in SARIF', async () => {
    const dir = make({ 'p.json': CLEAN, 'package.json': '{"name": "x"}', 'tsconfig.json': '{}', '.github/workflows/ci.yml': 'on: push\n', 'k8s/pod.yaml': 'kind: Pod\n' });
    const run = await lint(dir, '.');
    assert.equal(run.code, 0);
    assert.equal(
      run.stderr,
      'rootguard lint: skipped 4 files that hold no policy: .github/workflows/ci.yml, k8s/pod.yaml, package.json and 1 more (give --type to lint them anyway)\n' +
        'rootguard lint: linted 1 file of "." as policies, no problems (configuration: no .rootguard.json)\n',
    );
    const sarif = JSON.parse((await lint(dir, '.', '--format', 'sarif')).stdout) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }> }> };
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.message.text);
    assert.equal(notes.filter((text) => text.includes('skipped, not a policy')).length, 4);
  });

  it('takes types, severities and ignores from .rootguard.json above the current folder', async () => {
    const principalDeny = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}';
    const dir = make({
      '.rootguard.json': '{ "types": { "scp/**": "scp" }, "rules": { "RG003": "off" }, "ignore": ["vendor"] }',
      'scp/deny.json': principalDeny,
      'policies/deny.json': principalDeny,
      'policies/old.json': WARNING_ONLY,
      'vendor/bad.json': ERROR,
    });
    const run = await lint(path.join(dir, 'policies'), '..', '--format', 'json');
    const byFile = Object.fromEntries((JSON.parse(run.stdout) as Array<{ filePath: string; type: string; messages: Array<{ ruleId: string }> }>).map((f) => [f.filePath, f]));
    // Files outside the current folder are shown by their absolute path.
    const scp = path.join(dir, 'scp/deny.json').split(path.sep).join('/');
    assert.deepEqual(Object.keys(byFile).sort(), ['deny.json', 'old.json', scp].sort());
    assert.equal(byFile[scp].type, 'scp');
    assert.deepEqual(byFile[scp].messages.map((m) => m.ruleId), ['RG008']);
    assert.equal(byFile['deny.json'].type, 'resource', 'detected by its Principal');
    assert.deepEqual(byFile['old.json'].messages, [], 'RG003 is off');
    assert.equal(run.code, 1);
  });

  it('says when files in SCP- or RCP-named folders were linted as identity or resource policies, and how to type them', async () => {
    const allowList = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}';
    const rcp = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}';
    const dir = make({ 'org/service_control_policies/allow.json': allowList, 'org/rcps/tls.json': rcp, 'team/role.json': allowList });
    const run = await lint(dir, '.');
    assert.match(
      run.stderr,
      /^rootguard lint: 2 files have folders or names that say SCP or RCP \(org\/rcps\/tls\.json, \.\.\.\), but nothing gave their type: they were linted as identity and resource policies, and the SCP and RCP checks did not run on them\. Name the type in \.rootguard\.json, e\.g\. \{ "types": \{ "org\/rcps\/\*\*": "rcp" \} \}, or give --type\.$/m,
    );

    const one = make({ 'deny-root.scp.json': allowList });
    assert.match((await lint(one, '.')).stderr, /^rootguard lint: deny-root\.scp\.json has a folder or name that says SCP, but nothing gave its type: it was linted as an identity policy, and the SCP checks did not run on it\. Name the type in \.rootguard\.json, e\.g\. \{ "types": \{ "deny-root\.scp\.json": "scp" \} \}, or give --type\.$/m);

    // Run in a subfolder under a configuration above it: the glob is written from that configuration's folder.
    const above = make({ '.git/x': '', '.rootguard.json': '{ "rules": {} }', 'org/scp/allow.json': allowList });
    const inside = await lint(path.join(above, 'org'), '.');
    assert.match(inside.stderr, /^rootguard lint: scp\/allow\.json has .* Name the type in \.\.\/\.rootguard\.json, e\.g\. \{ "types": \{ "org\/scp\/\*\*": "scp" \} \}, or give --type\.$/m);

    // Run in a subfolder with no configuration: the .rootguard.json to write is at the repository root, where
    // the lookup from the file reaches, with the glob written from there (never "../scp/**").
    const bare = make({ '.git/x': '', 'scp/allow.json': allowList, 'tools/x.txt': '' });
    const fromTools = await lint(path.join(bare, 'tools'), '../scp');
    assert.match(fromTools.stderr, /^rootguard lint: \.\.\/scp\/allow\.json has .* Name the type in \.\.\/\.rootguard\.json, e\.g\. \{ "types": \{ "scp\/\*\*": "scp" \} \}, or give --type\.$/m);
    fs.writeFileSync(path.join(bare, '.rootguard.json'), '{ "types": { "scp/**": "scp" } }');
    const followed = await lint(path.join(bare, 'tools'), '../scp', '--format', 'json');
    assert.equal(JSON.parse(followed.stdout)[0].type, 'scp', 'the suggestion, followed, types the file');

    // An SCP written with a Principal reads as a resource policy: said too, or the SCP checks (RG008) never run.
    const withPrincipal = make({ 'scp/deny-delete.json': '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "*"}]}' });
    const principal = await lint(withPrincipal, '.');
    assert.equal(principal.code, 0);
    assert.match(principal.stderr, /^rootguard lint: scp\/deny-delete\.json has a folder or name that says SCP, but nothing gave its type: it was linted as a resource policy, and the SCP checks did not run on it\. Name the type in \.rootguard\.json, e\.g\. \{ "types": \{ "scp\/\*\*": "scp" \} \}, or give --type\.$/m);
    assert.match((await lint(withPrincipal, '.', '--type', 'scp')).stdout, /RG008/);

    // Typed by the configuration or by --type: nothing to say.
    const typed = make({ '.rootguard.json': '{ "types": { "scp/**": "scp" } }', 'scp/allow.json': allowList });
    assert.doesNotMatch((await lint(typed, '.')).stderr, /nothing gave/);
    assert.doesNotMatch((await lint(one, '.', '--type', 'scp')).stderr, /nothing gave/);
  });

  it('lints a YAML SCP as JSON ones are: the scp/ folder note, then --type scp (it was "not a policy", and --type scp refused)', async () => {
    const denyRoot = ["Version: '2012-10-17'", 'Statement:', '  - Effect: Deny', "    Action: '*'", "    Resource: '*'", '    Condition:', '      ArnLike:', '        aws:PrincipalArn: arn:aws:iam::*:root', ''].join('\n');
    const dir = make({ 'scp/deny-root.yaml': denyRoot });
    const untyped = await lint(dir, '.');
    assert.equal(untyped.code, 0);
    assert.match(untyped.stderr, /^rootguard lint: scp\/deny-root\.yaml has a folder or name that says SCP, but nothing gave its type: it was linted as an identity policy/m);
    assert.doesNotMatch(untyped.stderr, /not a policy/);
    const typed = await lint(dir, '.', '--type', 'scp');
    assert.match(typed.stdout, /^ {2}8:9 {2}warning {2}Denies the root principal .* RG107$/m);
    assert.doesNotMatch(typed.stdout + typed.stderr, /does not apply/);
  });

  it('exits 2 with every problem of an invalid configuration', async () => {
    const dir = make({ 'cfg.json': '{ "rules": { "RG999": "off", "RG001": "loud" } }', 'p.json': CLEAN });
    const run = await lint(dir, '--config', 'cfg.json', 'p.json');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /RG999.*\n.*RG001/);
  });

  it('writes SARIF that parses, with rules and 1-based regions', async () => {
    const run = await lint(FIXTURES, '--format', 'sarif', '.');
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
    assert.ok(results.length > 0);
    // Relative to the checkout this repository is, wherever the fixtures are in it.
    const inCheckout = path.relative(repositoryRoot(FIXTURES) ?? FIXTURES, FIXTURES).split(path.sep).join('/');
    const xks = results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === path.posix.join(inCheckout, 'scp/prevent-xks.json'));
    assert.equal(xks?.ruleId, 'RG003');
    assert.equal(xks?.locations[0].physicalLocation.region.startLine, 2);
  });

  it('writes SARIF paths relative to the checkout, not to the folder it ran in (a CI step in a subfolder)', async () => {
    const dir = make({ '.git': 'gitdir: ../elsewhere', 'infra/scp/bad.json': ERROR });
    const sarif = JSON.parse((await lint(path.join(dir, 'infra'), '--format', 'sarif', 'scp')).stdout);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'infra/scp/bad.json');
    assert.equal(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(dir).href}/`);
  });

  it('flags the corpus SCPs that deny the root principal without the aws:AssumedRoot exemption (RG107)', async () => {
    const run = await lint(FIXTURES, '--type', 'scp', '--format', 'json', 'scp');
    const flagged = (JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>)
      .filter((f) => f.messages.some((m) => m.ruleId === 'RG107'))
      .map((f) => f.filePath);
    assert.deepEqual(flagged, ['scp/deny-root-except-s3-bucket-policy.json', 'scp/restrict-all-root-access.json', 'scp/restrict-root-permission.json']);
  });
});
