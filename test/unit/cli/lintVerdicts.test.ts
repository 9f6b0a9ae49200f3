import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLint } from '../../../src/cli/lintCommand';

const CLEAN = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}';
const ADMIN = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}';
const IMPORTED_SCP = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  DenyRoot:',
  '    Type: AWS::Organizations::Policy',
  '    Properties:',
  '      Type: SERVICE_CONTROL_POLICY',
  '      Content: !ImportValue shared-deny-root-policy',
  '',
].join('\n');

const EFFECT_BY_PARAMETER = [
  'Parameters:',
  '  Mode:',
  '    Type: String',
  'Resources:',
  '  Reader:',
  '    Type: AWS::IAM::ManagedPolicy',
  '    Properties:',
  '      PolicyDocument:',
  '        Version: "2012-10-17"',
  '        Statement:',
  '          - Effect: !Ref Mode',
  '            Action: s3:GetObject',
  '            Resource: "*"',
  '',
].join('\n');

async function lint(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runLint(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** The closing line every run writes on stderr. */
function verdict(stderr: string): string {
  return stderr.trimEnd().split('\n').pop() ?? '';
}

describe('rootguard lint: what a run says it did', () => {
  const dirs: string[] = [];
  /** A scratch repository with the given files. */
  const make = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-verdict-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, '.git'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  };
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('never lints its own .rootguard.json, whatever type a glob or --type gives (pre-commit names it when staged)', async () => {
    const dir = make({ '.rootguard.json': '{ "types": { "*.json": "scp" } }', 'deny.json': CLEAN });
    const staged = await lint(dir, '--max-warnings', '0', '--skip-non-policies', '.rootguard.json', 'deny.json');
    assert.equal(staged.code, 0, staged.stdout);
    assert.equal(verdict(staged.stderr), 'rootguard lint: linted 1 file of ".rootguard.json", "deny.json" as policies, no problems (configuration: .rootguard.json)');
    assert.equal((await lint(dir, '--type', 'scp', '.rootguard.json')).code, 0);
  });

  it('says a file it was named and the configuration ignores was not linted, and why', async () => {
    const dir = make({ '.rootguard.json': '{ "ignore": ["vendor/**"] }', 'vendor/x.json': ADMIN });
    const run = await lint(dir, 'vendor/x.json');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /^rootguard lint: vendor\/x\.json: ignored by \.rootguard\.json \("ignore"\), not linted$/m);
  });

  it('a file found with nothing in it checked keeps the run from saying "no problems", also with RG010 off', async () => {
    const dir = make({ '.rootguard.json': '{ "rules": { "RG010": "off" } }', 't/imported.yaml': IMPORTED_SCP });
    const run = await lint(dir);
    assert.equal(run.stdout, '');
    assert.equal(verdict(run.stderr), 'rootguard lint: linted 1 file of "." as policies, 1 file not checked (configuration: .rootguard.json)');
  });

  it('with RG010 off, SARIF still says which files were not checked or only partly, as warnings that are not findings', async () => {
    const files = { 't/imported.yaml': IMPORTED_SCP, 't/partly.yaml': EFFECT_BY_PARAMETER, 'p.json': CLEAN };
    const notices = (run: { stdout: string }) =>
      JSON.parse(run.stdout).runs[0].invocations[0].toolExecutionNotifications.map(
        (n: { level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => `${n.level} ${n.locations[0].physicalLocation.artifactLocation.uri}: ${n.message.text}`,
      );
    const ruleIds = (run: { stdout: string }) => JSON.parse(run.stdout).runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId}`);
    const offDir = make({ ...files, '.rootguard.json': '{ "rules": { "RG010": "off" } }' });
    const off = await lint(offDir, '--format', 'sarif', '--max-warnings', '0');
    assert.equal(off.code, 0, off.stderr);
    assert.deepEqual(ruleIds(off), []);
    const said = [
      't/imported.yaml: not checked: Resources.DenyRoot.Properties.Content is not checked: the policy is only known at deployment (it is given by Fn::ImportValue). (RG010 not-checked is off in its configuration)',
      "t/partly.yaml: only partly checked: 1 part not checked, the first at line 11: This statement's Effect is given by !Ref Mode, known only at deployment: most checks skip the statement; simulate, the preflight and the root-session checks read it as either. (RG010 not-checked is off in its configuration)",
    ];
    assert.deepEqual(notices(off), said.map((text) => `warning ${text}`));
    assert.equal(JSON.parse(off.stdout).runs[0].invocations[0].executionSuccessful, true);
    assert.deepEqual(off.stderr.trimEnd().split('\n').slice(0, -1), said.map((text) => `rootguard lint: ${text}`));
    // Named, a file with nothing in it checked is an error of the run whatever RG010 is: said once.
    const named = await lint(offDir, '--format', 'sarif', 't/imported.yaml');
    assert.equal(named.code, 2);
    assert.deepEqual(notices(named).map((text: string) => text.split(':')[0]), ['error t/imported.yaml']);
    // On, RG010's findings say it: no notice repeats them.
    const on = await lint(make(files), '--format', 'sarif');
    assert.deepEqual(ruleIds(on), ['t/imported.yaml RG010', 't/partly.yaml RG010']);
    assert.deepEqual(notices(on), []);
  });

  it('with RG010 off, a file only partly checked keeps "no problems" to what was checked, and JSON gives it its notice', async () => {
    const dir = make({ '.rootguard.json': '{ "rules": { "RG010": "off" } }', 't/partly.yaml': EFFECT_BY_PARAMETER, 'p.json': CLEAN });
    const notice = "only partly checked: 1 part not checked, the first at line 11: This statement's Effect is given by !Ref Mode, known only at deployment: most checks skip the statement; simulate, the preflight and the root-session checks read it as either. (RG010 not-checked is off in its configuration)";
    const run = await lint(dir, '--max-warnings', '0');
    assert.equal(run.code, 0);
    assert.deepEqual(run.stderr.trimEnd().split('\n'), [
      `rootguard lint: t/partly.yaml: ${notice}`,
      'rootguard lint: linted 2 files of "." as policies, no problems found in what was checked; 1 file not fully checked (configuration: .rootguard.json)',
    ]);
    const json = await lint(dir, '--format', 'json');
    assert.equal(json.code, 0);
    assert.deepEqual(
      JSON.parse(json.stdout).map((file: { filePath: string; messages: unknown[]; notices?: unknown }) => [file.filePath, file.messages.length, file.notices]),
      [['p.json', 0, undefined], ['t/partly.yaml', 0, [{ level: 'warning', message: notice }]]],
    );
  });

  it('a run that finds files but no policy says so, not "no problems"', async () => {
    const dir = make({ 'k8s.yaml': 'apiVersion: v1\nkind: Namespace\n' });
    const run = await lint(dir);
    assert.equal(run.code, 0);
    assert.equal(verdict(run.stderr), 'rootguard lint: no policy in ".": 1 file read, none holds one (give --type to lint them anyway)');
  });

  it('a template or .tf file named on its own with no policy in it is an error, not "no problems"; found in a folder, only the verdict counts it; --type, which does not apply to them, is not offered', async () => {
    const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
    const topic = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  T:\n    Type: AWS::SNS::Topic\n';
    const policy = 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*" }] })\n}\n';
    const dir = make({ 'tf/main.tf': bucket, 'tf/iam.tf': policy, 'cfn/t.yaml': topic, 'only/main.tf': bucket });
    const said = 'holds no policy RootGuard can check: none of its resources holds a policy the linter reads (--skip-non-policies skips it)';
    const named = await lint(dir, '--format', 'sarif', 'tf/main.tf', 'cfn/t.yaml');
    assert.equal(named.code, 2);
    assert.deepEqual(named.stderr.trimEnd().split('\n'), [
      `rootguard lint: cfn/t.yaml: ${said}`,
      `rootguard lint: tf/main.tf: ${said}`,
      'rootguard lint: no policy in "tf/main.tf", "cfn/t.yaml": 2 files read, none holds one',
    ]);
    const notices = JSON.parse(named.stdout).runs[0].invocations[0].toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => `${n.level}: ${n.message.text}`);
    assert.deepEqual(notices, [`error: ${said}`, `error: ${said}`]);
    // The pre-commit hook names every staged file: skipped there, with a note.
    const hook = await lint(dir, '--skip-non-policies', 'tf/main.tf');
    assert.equal(hook.code, 0);
    assert.deepEqual(hook.stderr.trimEnd().split('\n'), [
      'rootguard lint: tf/main.tf: skipped, none of its resources holds a policy the linter reads',
      'rootguard lint: no policy in "tf/main.tf": 1 file read, none holds one',
    ]);
    // A module's folder: its file without a policy is one of many, not worth a line; the run counts what it linted.
    const folder = await lint(dir, 'tf');
    assert.equal(folder.code, 0);
    assert.deepEqual(folder.stderr.trimEnd().split('\n'), ['rootguard lint: linted 1 file of "tf" as policies, no problems (configuration: no .rootguard.json)']);
    assert.equal(verdict((await lint(dir, 'only')).stderr), 'rootguard lint: no policy in "only": 1 file read, none holds one');
  });

  it('a configuration with errors still writes a report, a SARIF log saying nothing was linted and why, as a configuration problem', async () => {
    const dir = make({ '.rootguard.json': '{ "rules": { "RG999": "off" } }', 'p.json': ADMIN });
    const run = await lint(dir, '--format', 'sarif', '.');
    assert.equal(run.code, 2);
    const [invocation] = JSON.parse(run.stdout).runs[0].invocations;
    assert.equal(invocation.executionSuccessful, false);
    // SARIF 2.1.0 §3.20.21: a problem with the tool's configuration is a tool configuration notification.
    const described = (notifications: Array<{ level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>) =>
      notifications.map((n) => `${n.level}: ${n.locations[0].physicalLocation.artifactLocation.uri}: ${n.message.text}`);
    assert.deepEqual(described(invocation.toolConfigurationNotifications), ['error: .rootguard.json: invalid configuration: rules["RG999"]: no rule has this id (run "rootguard lint --rules" for the list)']);
    // The file left out is named, as one not linted: a notification of running the tool.
    assert.deepEqual(
      invocation.toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => `${n.level}: ${n.message.text}`),
      ['error: not linted: the configuration that applies to it, .rootguard.json, has errors'],
    );
    assert.match(run.stderr, /^rootguard lint: \.rootguard\.json:\n  rules\["RG999"\]/);
    assert.equal(verdict(run.stderr), 'rootguard lint: nothing linted: the configuration has errors (above)');
  });

  it('a configuration with errors leaves out only the files it applies to: the rest is still linted and reported, exit 2', async () => {
    const dir = make({ '.rootguard.json': '{}', 'p.json': ADMIN, 'sub/.rootguard.json': '{ "rules": { "RG999": "off" } }', 'sub/q.json': ADMIN });
    const run = await lint(dir, '--format', 'sarif', '.');
    assert.equal(run.code, 2);
    const [sarif] = JSON.parse(run.stdout).runs;
    assert.deepEqual(sarif.results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId}`), ['p.json RG101', 'p.json RG201']);
    assert.deepEqual(
      sarif.invocations[0].toolConfigurationNotifications.map((n: { level: string; message: { text: string } }) => `${n.level}: ${n.message.text}`),
      ['error: invalid configuration: rules["RG999"]: no rule has this id (run "rootguard lint --rules" for the list)'],
    );
    assert.deepEqual(run.stderr.trimEnd().split('\n'), [
      'rootguard lint: sub/.rootguard.json:',
      '  rules["RG999"]: no rule has this id (run "rootguard lint --rules" for the list)',
      'rootguard lint: linted 1 file of "." as policies, 1 file not checked (configuration: .rootguard.json); a configuration has errors (above), not linting sub/q.json',
    ]);
    // Each file left out is named: in SARIF a notification of running the tool, in JSON an entry with an error notice.
    assert.deepEqual(
      sarif.invocations[0].toolExecutionNotifications.map((n: { level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => `${n.level}: ${n.locations[0].physicalLocation.artifactLocation.uri}: ${n.message.text}`),
      ['error: sub/q.json: not linted: the configuration that applies to it, sub/.rootguard.json, has errors'],
    );
    const json = await lint(dir, '--format', 'json', '.');
    assert.equal(json.code, 2);
    assert.deepEqual(
      JSON.parse(json.stdout).map((f: { filePath: string; errorCount: number; notices?: unknown }) => [f.filePath, f.errorCount, f.notices ?? []]),
      [
        ['p.json', 2, []],
        ['sub/q.json', 0, [{ level: 'error', message: 'not linted: the configuration that applies to it, sub/.rootguard.json, has errors' }]],
      ],
    );
    // A --config that cannot be read lints nothing, and a file named that is missing is still said.
    const missing = await lint(dir, '--format', 'sarif', '--config', 'nope.json', 'p.json', 'gone.json');
    assert.equal(missing.code, 2);
    assert.deepEqual(missing.stderr.trimEnd().split('\n'), [
      'rootguard lint: --config nope.json:',
      '  no such file or folder',
      'rootguard lint: gone.json: no such file or folder',
      'rootguard lint: nothing linted: the configuration has errors (above)',
    ]);
    const [invocation] = JSON.parse(missing.stdout).runs[0].invocations;
    assert.deepEqual(
      invocation.toolExecutionNotifications.map((n: { level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => `${n.level}: ${n.locations[0].physicalLocation.artifactLocation.uri}`),
      ['error: p.json', 'error: gone.json'],
    );
  });

  it('a --config naming no file is a configuration problem in SARIF; a file named that is missing, one of running the tool', async () => {
    const dir = make({ 'p.json': CLEAN });
    const badConfig = JSON.parse((await lint(dir, '--format', 'sarif', '--config', 'missing.json', '.')).stdout).runs[0].invocations[0];
    assert.deepEqual(
      badConfig.toolConfigurationNotifications.map((n: { level: string; message: { text: string } }) => `${n.level}: ${n.message.text}`),
      ['error: invalid configuration: no such file or folder'],
    );
    assert.deepEqual(
      badConfig.toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => `${n.level}: ${n.message.text}`),
      ['error: not linted: the configuration that applies to it, --config missing.json, has errors'],
    );
    const unreadable = JSON.parse((await lint(dir, '--format', 'sarif', 'p.json', 'gone.json')).stdout).runs[0].invocations[0];
    assert.deepEqual(unreadable.toolConfigurationNotifications, []);
    assert.deepEqual(
      unreadable.toolExecutionNotifications.map((n: { level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => `${n.level}: ${n.locations[0].physicalLocation.artifactLocation.uri}`),
      ['error: gone.json'],
    );
  });

  it('a file whose name starts with two dots is inside the checkout: its SARIF location is relative to it', async () => {
    const dir = make({ '..p.json': ADMIN });
    const run = await lint(dir, '--format', 'sarif', '.');
    const uris = JSON.parse(run.stdout).runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }> }) => r.locations[0].physicalLocation.artifactLocation);
    assert.deepEqual(uris[0], { uri: '..p.json', uriBaseId: '%SRCROOT%' });
  });

  it('RG110 weighs the SCPs of the whole run together, whichever configuration each file falls under', async () => {
    const guardrail = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:CreateLoginProfile", "Resource": "*", "Condition": {"Bool": {"aws:AssumedRoot": "true"}}}]}';
    const regions = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}}]}';
    const dir = make({
      '.rootguard.json': '{ "types": { "org/**/*.json": "scp" }, "rules": { "RG110": "info" } }',
      'org/guard/deny-password.json': guardrail,
      'org/regions/.rootguard.json': '{ "types": { "**/*.json": "scp" }, "rules": { "RG110": "info", "RG009": "warning" } }',
      'org/regions/deny-regions.json': regions,
    });
    const run = await lint(dir, '--format', 'json');
    assert.deepEqual(JSON.parse(run.stdout).flatMap((file: { messages: Array<{ ruleId: string }> }) => file.messages.map((m) => m.ruleId)), []);
    // Without the guardrail, the finding lands once, at the severity of its file's configuration.
    fs.rmSync(path.join(dir, 'org/guard/deny-password.json'));
    const without = await lint(dir, '--format', 'json');
    const findings = JSON.parse(without.stdout).flatMap((file: { filePath: string; messages: Array<{ ruleId: string; severity: string }> }) => file.messages.map((m) => `${file.filePath} ${m.ruleId} ${m.severity}`));
    assert.deepEqual(findings, ['org/regions/deny-regions.json RG110 info']);
    // On by a subfolder's configuration only (RG110 is opt-in): reported there, though another SCP comes first.
    fs.writeFileSync(path.join(dir, '.rootguard.json'), '{ "types": { "org/**/*.json": "scp" } }');
    fs.writeFileSync(path.join(dir, 'org/guard/other.json'), regions);
    const subfolderOnly = await lint(dir, '--format', 'json');
    const reported = JSON.parse(subfolderOnly.stdout).flatMap((file: { filePath: string; messages: Array<{ ruleId: string; severity: string }> }) => file.messages.map((m) => `${file.filePath} ${m.ruleId} ${m.severity}`));
    assert.deepEqual(reported, ['org/regions/deny-regions.json RG110 info']);
  });

  it('a YAML file of several documents is RG001 in words about the file, not the YAML package', async () => {
    const dir = make({ 'two.yaml': '---\nfoo: bar\n---\nAWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n' });
    const run = await lint(dir, 'two.yaml');
    assert.match(run.stdout, /Invalid YAML: the file holds more than one YAML document \(---\), and a CloudFormation template is one/);
  });
});
