// Generated files (CDK's cdk.out, a Terraform plan) are found by folder scans, and their findings name
// what the author wrote (the construct path, the resource address), in text and in SARIF.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runLint } from '../../../src/cli/lintCommand';
import { repositoryRoot } from '../../../src/cli/lintConfigs';

const IAC = path.resolve(__dirname, '../../fixtures/iac');
const TEMPLATE = 'cdk.out/RootAccessStack.template.json';

async function lint(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runLint(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** The 1-based line of the first line of a fixture holding a fragment. */
function lineOf(file: string, fragment: string): number {
  const lines = fs.readFileSync(path.join(IAC, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(fragment));
  assert.ok(index >= 0, `"${fragment}" is not in ${file}`);
  return index + 1;
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }>;
  }>;
}

describe('rootguard lint on generated files', () => {
  it('a folder scan finds the cdk.out template, lints it as CloudFormation and names each finding\'s construct', async () => {
    const cdk = path.join(IAC, 'cdk');
    const run = await lint(cdk, '.');
    assert.equal(run.code, 1, 'RG101 is an error');
    const rows = run.stdout.split('\n').filter((line) => /^\s+\d+:\d+/.test(line)).map((line) => line.trim().replace(/\s+/g, ' '));
    assert.deepEqual(
      // line severity construct rule (the construct path is what comes before the first ": ").
      rows.map((row) => row.replace(/^(\d+):\d+ (\w+) (.+?): .* (RG\d+)$/, '$1 $2 $3 $4')),
      [
        `${lineOf(`cdk/${TEMPLATE}`, '"sts:AssumeRoot"')} error RootAccessStack/RootTasksPolicy/Resource RG101`,
        `${lineOf(`cdk/${TEMPLATE}`, '"s3:GetObjet"')} warning RootAccessStack/OpsRole/DefaultPolicy/Resource RG009`,
        `${lineOf(`cdk/${TEMPLATE}`, '"aws:PrincipalArn"')} warning RootAccessStack/DenyRootScp RG107`,
      ],
      run.stdout,
    );
    assert.match(run.stdout, /^cdk\.out\/RootAccessStack\.template\.json$/m);
    assert.match(run.stdout, /RootAccessStack\/OpsRole\/DefaultPolicy\/Resource: Action "s3:GetObjet": s3 has no action "GetObjet"/);
    // The assembly's other files are no templates: tree.json repeats the SCP's properties, yet is not linted.
    for (const other of ['manifest.json', 'tree.json', 'RootAccessStack.assets.json']) {
      assert.match(run.stderr, new RegExp(`cdk\\.out/${other.replace(/\./g, '\\.')}: skipped, not a policy`));
    }
    assert.match(run.stderr, /linted 1 file of "\." as policies/);
  });

  it('SARIF regions point at the template\'s lines, the construct path in the message and as the logical location', async () => {
    const run = await lint(path.join(IAC, 'cdk'), '--format', 'sarif', '.');
    const results = JSON.parse(run.stdout).runs[0].results as SarifResult[];
    // SARIF paths are relative to the checkout, wherever the fixtures are in it.
    const uri = path.relative(repositoryRoot(IAC) ?? path.join(IAC, 'cdk'), path.join(IAC, 'cdk', TEMPLATE)).split(path.sep).join('/');
    assert.deepEqual(
      results.map((r) => [
        r.ruleId,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
        r.locations[0].logicalLocations,
      ]),
      [
        ['RG101', uri, lineOf(`cdk/${TEMPLATE}`, '"sts:AssumeRoot"'), [{ fullyQualifiedName: 'RootAccessStack/RootTasksPolicy/Resource', kind: 'resource' }]],
        ['RG009', uri, lineOf(`cdk/${TEMPLATE}`, '"s3:GetObjet"'), [{ fullyQualifiedName: 'RootAccessStack/OpsRole/DefaultPolicy/Resource', kind: 'resource' }]],
        ['RG107', uri, lineOf(`cdk/${TEMPLATE}`, '"aws:PrincipalArn"'), [{ fullyQualifiedName: 'RootAccessStack/DenyRootScp', kind: 'resource' }]],
      ],
    );
    assert.match(results[0].message.text, /^RootAccessStack\/RootTasksPolicy\/Resource: Allows sts:AssumeRoot with every task policy/);
  });

  it('a Terraform plan\'s findings name the resource address, in text, JSON and SARIF', async () => {
    const terraform = path.join(IAC, 'terraform');
    const text = await lint(terraform, 'plan.json');
    assert.match(text.stdout, new RegExp(`^  ${lineOf('terraform/plan.json', 's3:GetObjet')}:\\d+ +warning +module\\.logs\\.aws_iam_role_policy\\.reader: Action "s3:GetObjet"`, 'm'));
    const json = JSON.parse((await lint(terraform, '--format', 'json', 'plan.json')).stdout) as Array<{ messages: Array<{ ruleId: string; definedIn?: string; message: string }> }>;
    assert.deepEqual(
      json[0].messages.map((m) => [m.ruleId, m.definedIn]),
      [
        ['RG101', 'aws_iam_policy.root_tasks'],
        ['RG009', 'module.logs.aws_iam_role_policy.reader'],
      ],
    );
    const sarif = JSON.parse((await lint(terraform, '--format', 'sarif', 'plan.json')).stdout).runs[0].results as SarifResult[];
    assert.deepEqual(
      sarif.map((r) => r.locations[0].logicalLocations?.[0].fullyQualifiedName),
      ['aws_iam_policy.root_tasks', 'module.logs.aws_iam_role_policy.reader'],
    );
  });

  it('names nothing for a policy written by hand', async () => {
    const json = JSON.parse((await lint(path.join(IAC, 'terraform'), '--format', 'json', 'main.tf')).stdout) as Array<{ messages: Array<{ definedIn?: string }> }>;
    assert.ok(json[0].messages.length > 0);
    assert.ok(json[0].messages.every((m) => m.definedIn === undefined));
  });
});
