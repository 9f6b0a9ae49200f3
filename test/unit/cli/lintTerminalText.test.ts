import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLint } from '../../../src/cli/lintCommand';

const ADMIN = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}';
/** ESC [2J clears the screen, ESC ]0;…BEL sets the window title, U+202E reverses the text after it. */
const HOSTILE_ACTION = '{"Version": "2012-10-17", "Statement": [{"Sid": "Ok\u202eX", "Effect": "Allow", "Action": "s3:Get\u001b[2J\u001b]0;pwned\u0007Objet", "Resource": "arn:aws:s3:::b/*"}]}';
/** Control and bidirectional characters a terminal acts on. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function lint(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runLint(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('rootguard lint prints no terminal control from the files it reads', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-terminal-'));
    fs.mkdirSync(path.join(dir, '.git'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows escape sequences and bidirectional overrides of policy text as \\u{…} in text output', async () => {
    fs.writeFileSync(path.join(dir, 'esc.json'), HOSTILE_ACTION);
    const run = await lint(dir, 'esc.json');
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout + run.stderr, UNSAFE);
    assert.ok(run.stdout.includes('Action "s3:Get\\u{1b}[2J\\u{1b}]0;pwned\\u{7}Objet"'), run.stdout);
    assert.match(run.stdout, /1:\d+ +error +Sid "Ok\\u\{202e\}X" .* RG012/);
  });

  it('shows them as \\u{…} in JSON and SARIF messages too: a code-scanning alert renders an override as such', async () => {
    fs.writeFileSync(path.join(dir, 'esc.json'), HOSTILE_ACTION);
    for (const format of ['json', 'sarif']) {
      const run = await lint(dir, 'esc.json', '--format', format);
      assert.doesNotMatch(JSON.stringify(JSON.parse(run.stdout)), /\\u001b|\\u0007|\u202e/, format);
      // JSON writes the backslash of `\u{1b}` doubled.
      assert.ok(run.stdout.includes('Action \\"s3:Get\\\\u{1b}[2J\\\\u{1b}]0;pwned\\\\u{7}Objet\\"'), format);
      assert.ok(run.stdout.includes('Sid \\"Ok\\\\u{202e}X\\"'), format);
    }
  });

  it('shows a file name that conceals what follows as \\u{…}, and the findings after it stay visible', async () => {
    const name = 'admin\u001b[8m.json';
    fs.writeFileSync(path.join(dir, name), ADMIN);
    fs.writeFileSync(path.join(dir, 'package\u202e.json'), '{"name": "x"}');
    const run = await lint(dir, '.');
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout + run.stderr, UNSAFE);
    assert.match(run.stdout, /^admin\\u\{1b\}\[8m\.json\n +1:\d+ +error .* RG101$/m);
    assert.match(run.stderr, /^rootguard lint: package\\u\{202e\}\.json: skipped, not a policy/m);
  });

  it('writes a file name with a newline in it on one line of stderr, never as a line of its own', async () => {
    const run = await lint(dir, 'gone\nrootguard lint: linted 9 files, no problems.json');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^rootguard lint: gone\\u\{a\}rootguard lint: linted 9 files, no problems\.json: no such file or folder$/m);
    assert.doesNotMatch(run.stderr, /^rootguard lint: linted 9/m);
  });
});
