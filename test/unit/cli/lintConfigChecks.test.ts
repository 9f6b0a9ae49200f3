import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLint } from '../../../src/cli/lintCommand';

const CLEAN = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}';

async function lint(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runLint(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('rootguard lint checks its configuration even when no policy is linted', () => {
  let repo: string;
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-config-'));
    fs.mkdirSync(path.join(repo, '.git'));
    fs.mkdirSync(path.join(repo, 'policies'));
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('exits 2 when --config names no file, in a folder with no policy yet', async () => {
    const run = await lint(repo, '--config', 'does-not-exist.json', 'policies');
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'rootguard lint: --config does-not-exist.json:\n  no such file or folder\nrootguard lint: nothing linted: the configuration has errors (above)\n');
  });

  it('exits 2 when a .rootguard.json named on its own is broken (pre-commit names a staged one), naming it and the problem', async () => {
    fs.writeFileSync(path.join(repo, '.rootguard.json'), '{ "rules": { "RG201": "of" ');
    const run = await lint(repo, '--skip-non-policies', '.rootguard.json');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^rootguard lint: \.rootguard\.json:\n {2}invalid JSON at offset \d+: .*\nrootguard lint: nothing linted: the configuration has errors \(above\)\n$/);
    fs.writeFileSync(path.join(repo, 'policies', '.rootguard.json'), '{"rules": {"RG201": "of"}}');
    const invalid = await lint(repo, '--skip-non-policies', 'policies/.rootguard.json');
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /^rootguard lint: policies\/\.rootguard\.json:\n {2}.*RG201/);
  });

  it('says a valid .rootguard.json named on its own was checked, and exits 0', async () => {
    fs.writeFileSync(path.join(repo, '.rootguard.json'), '{"rules": {"RG201": "off"}}');
    const run = await lint(repo, '--skip-non-policies', '.rootguard.json');
    assert.deepEqual(run, { code: 0, stdout: '', stderr: 'rootguard lint: checked 1 configuration file, no policy to lint in ".rootguard.json"\n' });
    fs.writeFileSync(path.join(repo, 'policies', 'p.json'), CLEAN);
    assert.equal((await lint(repo, '.rootguard.json', 'policies/p.json')).code, 0);
  });
});
