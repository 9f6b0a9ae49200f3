import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chainedConditions } from '../../../bench/hostileInputs';
import { runLint } from '../../../src/cli/lintCommand';
import { MAX_LINT_FILE_BYTES } from '../../../src/core/lint/limits';

const ERROR = '{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:DeleteBucket", "Resource": "*"}]}';
const CLEAN = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}';
const ROOT_DENY_SCP =
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}}]}';

async function lint(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runLint(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('rootguard lint on a hostile or surprising repository', () => {
  const dirs: string[] = [];
  /** A scratch folder with the given files; `.git/` in it makes it a repository root. */
  const make = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-hostile-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      if (name.endsWith('/')) fs.mkdirSync(path.join(dir, name), { recursive: true });
      else {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
    }
    return dir;
  };
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('a named template of 3,000 chained conditions is linted, its policy checked (it had crashed, then "nothing to lint in")', async () => {
    const repo = make({ '.git/': '', 'template.yaml': chainedConditions(3_000, (previous) => `!Not [!Condition ${previous}]`) });
    const run = await lint(repo, 'template.yaml');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /When condition C3000 is true: Allows every action on every resource/);
    assert.equal(run.stderr, 'rootguard lint: linted 1 file of "template.yaml" as policies (configuration: no .rootguard.json)\n');
  });

  it('looks .rootguard.json up from each linted file, so a folder linted from the root finds what linting inside it finds', async () => {
    const repo = make({ '.git/': '', 'demo/workspace/.rootguard.json': '{"types": {"scp/**": "scp"}}', 'demo/workspace/scp/deny-root.json': ROOT_DENY_SCP });
    const fromRoot = await lint(repo, 'demo/workspace', '--format', 'json');
    const inside = await lint(path.join(repo, 'demo/workspace'), '.', '--format', 'json');
    const rules = (run: { stdout: string }) => (JSON.parse(run.stdout) as Array<{ type: string; messages: Array<{ ruleId: string }> }>).map((f) => [f.type, f.messages.map((m) => m.ruleId)]);
    assert.deepEqual(rules(fromRoot), [['scp', ['RG107']]]);
    assert.deepEqual(rules(fromRoot), rules(inside));
    assert.match(fromRoot.stderr, /linted 1 file of "demo\/workspace" as policies \(configuration: demo\/workspace\/\.rootguard\.json\)/);
  });

  it('never applies a .rootguard.json above the repository root', async () => {
    const outer = make({ '.rootguard.json': '{"ignore": ["**"]}', 'repo/.git/': '', 'repo/bad.json': ERROR });
    const run = await lint(path.join(outer, 'repo'), '.');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /RG002/);
    assert.match(run.stderr, /configuration: no \.rootguard\.json/);
  });

  it('uses the --config given for every file, and names the flag when it cannot be read', async () => {
    const repo = make({ '.git/': '', 'cfg/strict.json': '{"rules": {"RG002": "off"}}', 'a/bad.json': ERROR });
    const run = await lint(repo, '--config', 'cfg/strict.json', 'a');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /configuration: cfg\/strict\.json/);
    const missing = await lint(repo, '--config', 'nope.json', 'a');
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'rootguard lint: --config nope.json:\n  no such file or folder\nrootguard lint: nothing linted: the configuration has errors (above)\n');
  });

  it('names the offending flag and never prints a raw error code', async () => {
    const repo = make({ '.git/': '' });
    const unknown = await lint(repo, '--formt', 'json');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /'--formt'/);
    const missing = await lint(repo, 'polices/');
    assert.equal(missing.stderr, 'rootguard lint: polices/: no such file or folder\nrootguard lint: nothing to lint in "polices/" (folders are searched for *.json, *.jsonc, *.template, *.yaml, *.yml and *.tf files)\n');
    assert.doesNotMatch(missing.stderr + unknown.stderr, /ENOENT|EACCES/);
  });

  it('does not follow a symbolic link out of the folder linted, unless it is named', async () => {
    const outer = make({ 'home/.aws/secret.json': ERROR, 'repo/.git/': '', 'repo/ok.json': CLEAN });
    fs.symlinkSync(path.join(outer, 'home/.aws/secret.json'), path.join(outer, 'repo/link.json'));
    const repo = path.join(outer, 'repo');
    const walked = await lint(repo, '.', '--format', 'sarif');
    assert.equal(walked.code, 0);
    assert.deepEqual(JSON.parse(walked.stdout).runs[0].results, []);
    assert.match(walked.stderr, /link\.json: a symbolic link to a file outside the folder linted, not followed/);
    const named = await lint(repo, 'link.json');
    assert.equal(named.code, 1);
    assert.match(named.stdout, /RG002/);
  });

  it("does not read a Terraform file() outside the repository (outside one, the folder linted): RG010, its text never echoed", async () => {
    const secret = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "OUTSIDE-SECRET:x", "Resource": "*"}]}';
    const outer = make({ 'home/secret.json': secret, 'repo/.git/': '', 'repo/policies/shared.json': secret.replace('OUTSIDE-SECRET', 'in-repo') });
    const repo = path.join(outer, 'repo');
    const policy = (file: string) => `resource "aws_iam_policy" "p" {\n  policy = file("${file}")\n}\n`;
    fs.mkdirSync(path.join(repo, 'infra'));
    fs.writeFileSync(path.join(repo, 'infra', 'abs.tf'), policy(path.join(outer, 'home/secret.json')));
    fs.writeFileSync(path.join(repo, 'infra', 'up.tf'), policy('../../home/secret.json'));
    for (const args of [['.'], ['infra/abs.tf', 'infra/up.tf'], ['--format', 'sarif', '.']]) {
      const run = await lint(repo, ...args);
      assert.doesNotMatch(run.stdout, /OUTSIDE-SECRET/, args.join(' '));
      if (args[0] !== '--format') {
        const outside = 'the repository';
        assert.match(run.stdout, new RegExp(`abs\\.tf\\n +2:12 +warning +aws_iam_policy\\.p\\.policy is not checked: .*home/secret\\.json, given to file\\(\\), cannot be read: a file outside ${outside}, not read\\. +RG010`));
        assert.match(run.stdout, new RegExp(`up\\.tf\\n +2:12 +warning .*\\.\\./\\.\\./home/secret\\.json, given to file\\(\\), cannot be read: a file outside ${outside}, not read\\. +RG010`));
      }
    }
    // Inside the repository, a file reads beside it, whichever of its folders is linted; outside one, a file
    // found by a search reads only within the folder searched.
    fs.writeFileSync(path.join(repo, 'infra', 'up.tf'), policy('../policies/shared.json'));
    assert.match((await lint(repo, 'infra/up.tf')).stdout, /Action "in-repo:x"/);
    assert.match((await lint(repo, 'infra')).stdout, /Action "in-repo:x"/);
    assert.match((await lint(repo, '.')).stdout, /Action "in-repo:x"/);
    fs.rmSync(path.join(repo, '.git'), { recursive: true });
    assert.match((await lint(repo, 'infra')).stdout, /policies\/shared\.json, given to file\(\), cannot be read: a file outside the folder linted, not read/);
  });

  it('notes a symbolic link to a folder and a broken link it passes over, never dropping them in silence', async () => {
    const outer = make({ 'shared/scp/admin.json': ERROR, 'repo/.git/': '' });
    fs.symlinkSync(path.join(outer, 'shared/scp'), path.join(outer, 'repo/linked-dir'));
    fs.symlinkSync('nothere.json', path.join(outer, 'repo/dangling.json'));
    const walked = await lint(path.join(outer, 'repo'), '.');
    assert.equal(walked.stdout, '');
    assert.match(walked.stderr, /^rootguard lint: linked-dir: a symbolic link to a folder, not entered \(name the folder to lint it\)$/m);
    assert.match(walked.stderr, /^rootguard lint: dangling\.json: a symbolic link to nothing \(its target is missing\), not linted$/m);
  });

  it('calls a symbolic link loop a loop, named or found in a folder, never a missing file', async () => {
    const repo = make({ '.git/': '', 'ok.json': CLEAN });
    fs.symlinkSync('loop.json', path.join(repo, 'loop.json'));
    const named = await lint(repo, 'loop.json');
    assert.equal(named.code, 2);
    assert.match(named.stderr, /^rootguard lint: loop\.json: too many levels of symbolic links$/m);
    const walked = await lint(repo, '.');
    assert.match(walked.stderr, /^rootguard lint: loop\.json: a symbolic link that cannot be followed \(too many levels of symbolic links\), not linted$/m);
    assert.doesNotMatch(named.stderr + walked.stderr, /missing|no such file/);
  });

  it('reports a truncated policy as invalid JSON, not as "not a policy"', async () => {
    const repo = make({ '.git/': '', 'p/truncated.json': '{"Version":"2012-10-17","Statem' });
    for (const target of ['p', 'p/truncated.json']) {
      const run = await lint(repo, target);
      assert.equal(run.code, 1, target);
      assert.match(run.stdout, /1:25 +error +Invalid JSON: unexpected end of string.*RG001/, target);
    }
  });

  it('a policy given the type of a container (a permission set, a template) is said not to be one, never "no problems"', async () => {
    const repo = make({ '.git/': '', 'inline.json': ERROR, '.rootguard.json': '{"types": {"sets/**": "permission-set"}}', 'sets/inline.json': ERROR });
    for (const type of ['permission-set', 'cloudformation']) {
      const named = await lint(repo, 'inline.json', '--type', type);
      assert.equal(named.code, 2, type);
      assert.match(named.stdout, /1:1 +warning +Read as a (permission set|CloudFormation template), but it has (none of InlinePolicy|no Resources).*: nothing in it is checked\. Its content reads as an identity policy: give that type instead\. +RG010/, type);
      assert.match(named.stderr, /inline\.json: no policy in it could be checked: Read as/, type);
    }
    // Found in a folder with its type from the configuration: a finding, not silence.
    const walked = await lint(repo, 'sets');
    assert.match(walked.stdout, /Read as a permission set, but it has none of/);
  });

  it('a file given a container type it is not (a list, a YAML policy, a policy as a plan) is not checked, never "no problems"', async () => {
    const yamlPolicy = 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: "*"\n    Resource: "*"\n';
    const repo = make({ '.git/': '', 'sets.json': `[${ERROR}]`, 'policy.yaml': yamlPolicy, 'list.yaml': '- a\n', 'admin.json': ERROR });
    const cases = [
      ['sets.json', 'permission-set', 'Read as a permission set, but the file holds a list'],
      ['sets.json', 'cloudformation', 'Read as a CloudFormation template, but the file holds a list'],
      ['policy.yaml', 'cloudformation', 'Read as a CloudFormation template, but it has no Resources'],
      ['list.yaml', 'cloudformation', 'Read as a CloudFormation template, but it holds no mapping'],
      ['admin.json', 'terraform-plan', 'Read as a Terraform plan, but it has no format_version'],
    ];
    for (const [file, type, message] of cases) {
      const run = await lint(repo, file, '--type', type);
      assert.equal(run.code, 2, `${file} as ${type}`);
      assert.ok(run.stdout.includes(`1:1  warning  ${message}`), run.stdout);
      assert.match(run.stderr, /no policy in it could be checked/, `${file} as ${type}`);
    }
  });

  it('reads a Terraform plan past 2 MB, up to 8 MB, and calls one larger an error wherever it is found', async () => {
    const planWith = (padding: number) =>
      JSON.stringify({
        format_version: '1.2',
        terraform_version: '1.7.0',
        planned_values: { root_module: { resources: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoot","Resource":"*"}]}' } }] } },
        padding: 'x'.repeat(padding),
      });
    const repo = make({ '.git/': '', 'plans/big.json': planWith(3 * 1024 * 1024) });
    const big = await lint(repo, 'plans');
    assert.equal(big.code, 1);
    assert.match(big.stdout, /aws_iam_policy\.p: Allows sts:AssumeRoot .* RG101/);
    fs.writeFileSync(path.join(repo, 'plans', 'big.json'), planWith(9 * 1024 * 1024));
    const huge = await lint(repo, 'plans');
    assert.equal(huge.code, 2);
    assert.match(huge.stderr, /big\.json: a Terraform plan of 9 MB, over the 8 MB the linter reads: its policies are not checked, not linted/);
    // Its keys sorted (jq -S): a 3 MB configuration comes before format_version. Still a plan, read as one.
    const sorted = (padding: number) => JSON.stringify({ configuration: { padding: 'x'.repeat(padding) }, ...JSON.parse(planWith(0)), padding: undefined });
    fs.writeFileSync(path.join(repo, 'plans', 'big.json'), sorted(3 * 1024 * 1024));
    assert.match((await lint(repo, 'plans')).stdout, /aws_iam_policy\.p: Allows sts:AssumeRoot .* RG101/);
    // Past 8 MB its content is not read: given as a plan, it is still an error, never a note.
    fs.writeFileSync(path.join(repo, 'plans', 'big.json'), sorted(9 * 1024 * 1024));
    const typed = await lint(repo, '--type', 'terraform-plan', 'plans');
    assert.equal(typed.code, 2);
    assert.match(typed.stderr, /big\.json: a Terraform plan of 9 MB, over the 8 MB/);
  });

  it("Terraform's JSON syntax found in a folder is said not to be checked, never skipped as no policy", async () => {
    const repo = make({ '.git/': '', 'main.tf.json': JSON.stringify({ resource: { aws_iam_policy: { p: { policy: '{"Statement": []}' } } } }) });
    const walked = await lint(repo, '.');
    assert.match(walked.stdout, /main\.tf\.json\n +1:1 +warning +Terraform JSON syntax \(\*\.tf\.json\) is not checked/);
    assert.doesNotMatch(walked.stderr, /main\.tf\.json: skipped/);
  });

  it('exits 2 when a file named on its own holds no policy, and only notes it when found in a folder', async () => {
    const repo = make({ '.git/': '', 'package.json': '{"name": "x"}', 'p.json': CLEAN });
    const named = await lint(repo, 'package.json', 'p.json', '--format', 'sarif');
    assert.equal(named.code, 2);
    assert.match(named.stderr, /package\.json: holds no policy RootGuard can check \(give --type to lint it anyway, or --skip-non-policies to skip it\)/);
    // The run's own summary does not call it clean.
    assert.match(named.stderr, /linted 1 file of "package\.json", "p\.json" as policies, 1 file not checked \(/);
    const sarif = JSON.parse(named.stdout);
    assert.match(JSON.stringify(sarif.runs[0].invocations), /holds no policy/, 'said in the SARIF file too');
    const walked = await lint(repo, '.');
    assert.equal(walked.code, 0);
    assert.match(walked.stderr, /package\.json: skipped, not a policy/);
  });

  it('skips a named file that holds no policy with --skip-non-policies (pre-commit names every staged JSON), and .rootguard.json always', async () => {
    const repo = make({ '.git/': '', 'package.json': '{"name": "x"}', '.rootguard.json': '{"rules": {"RG204": "off"}}', 'p.json': CLEAN, 'bad.json': ERROR });
    const hook = await lint(repo, '--max-warnings', '0', '--skip-non-policies', 'package.json', '.rootguard.json', 'p.json');
    assert.equal(hook.code, 0, hook.stderr);
    assert.match(hook.stderr, /package\.json: skipped, not a policy/);
    // Findings still fail the hook.
    assert.equal((await lint(repo, '--skip-non-policies', 'package.json', 'bad.json')).code, 1);
    const config = await lint(repo, '.rootguard.json', 'p.json');
    assert.equal(config.code, 0, config.stderr);
  });

  it('exits 2 when a template named on its own has only policies it cannot check, saying why', async () => {
    const imported = { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { 'Fn::ImportValue': 'shared-policy' } } };
    const template = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Imported: imported } }, null, 2);
    const repo = make({ '.git/': '', 'stack.template': template });
    const named = await lint(repo, 'stack.template');
    assert.equal(named.code, 2);
    assert.match(named.stderr, /stack\.template: no policy in it could be checked: .*ImportValue/);
    assert.doesNotMatch(named.stderr, /no problems/);
    assert.match(named.stdout, /RG010/);
    const walked = await lint(repo, '.');
    assert.equal(walked.code, 0, 'found in a folder, the RG010 warning says it');
  });

  it('refuses devices and files over the size limit without reading them', async () => {
    const repo = make({ '.git/': '', 'big/huge.json': `{"Statement": [${' '.repeat(MAX_LINT_FILE_BYTES)}]}`, 'big/p.json': CLEAN });
    fs.symlinkSync('/dev/zero', path.join(repo, 'zero.json'));
    const device = await lint(repo, 'zero.json');
    assert.equal(device.code, 2);
    assert.match(device.stderr, /zero\.json: not a regular file \(a device\), not linted/);
    const named = await lint(repo, 'big/huge.json');
    assert.equal(named.code, 2);
    assert.match(named.stderr, /huge\.json: 2 MB, over the 2 MB the linter reads .*not linted/);
    const walked = await lint(repo, 'big');
    assert.equal(walked.code, 0, 'a large file found in a folder is a warning, not an error');
    assert.match(walked.stdout, /huge\.json\n +1:1 +warning +Not read: 2 MB, over the 2 MB the linter reads .* RG010/);
  });

  it('a policy padded past 2 MB found in a folder is RG010, not checked: never "no problems", seen by --max-warnings and SARIF', async () => {
    const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const repo = make({ '.git/': '', 'policies/admin.json': `${admin.slice(0, -1)}${' '.repeat(MAX_LINT_FILE_BYTES)}}`, 'policies/ok.json': CLEAN });
    const gate = await lint(repo, '--max-warnings', '0', '.');
    assert.equal(gate.code, 1);
    assert.match(gate.stdout, /^policies\/admin\.json\n +1:1 +warning +Not read: 2 MB, over the 2 MB the linter reads .*Nothing in it is checked.* RG010$/m);
    assert.match(gate.stderr, /linted 2 files of "\." as policies, 1 file not checked \(/);
    const sarif = JSON.parse((await lint(repo, '--format', 'sarif', '.')).stdout).runs[0];
    assert.deepEqual(sarif.results.map((r: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]), [['RG010', 'warning', 'policies/admin.json', 1]]);
    // With RG010 turned off the run still says the file was not checked; "ignore" is how to leave one out.
    fs.writeFileSync(path.join(repo, '.rootguard.json'), '{"rules": {"RG010": "off"}}');
    const off = await lint(repo, '.');
    assert.equal(off.stdout, '');
    assert.match(off.stderr, /1 file not checked/);
    fs.writeFileSync(path.join(repo, '.rootguard.json'), '{"ignore": ["policies/admin.json"]}');
    assert.match((await lint(repo, '.')).stderr, /linted 1 file of "\." as policies, no problems/);
  });

  it('skips a JSON file past 2 MB found in a folder that holds no statement, as any file without a policy (a package-lock.json)', async () => {
    const lock = JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' } }, padding: 'x'.repeat(MAX_LINT_FILE_BYTES) });
    const repo = make({ '.git/': '', 'package-lock.json': lock, 'policies/ok.json': CLEAN });
    const run = await lint(repo, '--max-warnings', '0', '.');
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /package-lock\.json/);
    assert.match(run.stderr, /linted 1 file of "\." as policies, no problems/);
    const named = await lint(repo, 'package-lock.json');
    assert.equal(named.code, 2, 'named, a file too large to read is an error whatever it holds');
  });

  it('a policy past 2 MB whose Statement key is spelt with an escape (\\u0053tatement) is RG010, never skipped', async () => {
    const admin = '{"Version": "2012-10-17", "\\u0053tatement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}';
    assert.equal(JSON.parse(admin).Statement[0].Action, '*', 'JSON reads the escape as the Statement key, as AWS does');
    const repo = make({ '.git/': '', 'policies/admin.json': `${admin.slice(0, -1)}${' '.repeat(MAX_LINT_FILE_BYTES)}}` });
    const run = await lint(repo, '--max-warnings', '0', '.');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^policies\/admin\.json\n +1:1 +warning +Not read: 2 MB, .* RG010$/m);
  });

  it('a Terraform file past 2 MB is RG010 whatever it spells: its policy may be in a templatefile() it names', async () => {
    const tf = `resource "aws_iam_policy" "admin" {\n  policy = templatefile("\${path.module}/admin.json.tpl", {})\n}\n${'#'.repeat(MAX_LINT_FILE_BYTES)}\n`;
    const repo = make({ '.git/': '', 'infra/main.tf': tf, 'infra/admin.json.tpl': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}' });
    const run = await lint(repo, '--max-warnings', '0', 'infra');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^infra\/main\.tf\n +1:1 +warning +Not read: 2 MB, .* RG010$/m);
  });

  it('refuses a --config that is a device, as it refuses such a policy file', async () => {
    const repo = make({ '.git/': '', 'p.json': CLEAN });
    fs.symlinkSync('/dev/zero', path.join(repo, 'zero.json'));
    const run = await lint(repo, '--config', 'zero.json', 'p.json');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--config zero\.json:\n {2}not a regular file \(a device\)\n/);
  });
});
