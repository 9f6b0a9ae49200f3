// `rootguard lint --format sarif | head`: a reader that stops early closes the pipe under the CLI; and one
// that reads slowly still gets every byte, as the lint's process exits as soon as its output is out.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('the CLI when its reader is slow or closes the pipe early', () => {
  let folder: string;
  before(() => {
    // Enough findings for output far larger than a pipe's buffer, so that writes go on after the close.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-pipe-'));
    const grant = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }] });
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(folder, `grant-${i}.json`), grant);
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("drops the output nobody reads and exits with the lint's own status, without an EPIPE stack trace", async function () {
    this.timeout(60_000);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/unit/cli/runCli.ts'), 'lint', '--format', 'sarif', folder], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -c 100`: read the first chunk, then close.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled 'error' event/);
    assert.equal(code, 1, `every file has an RG101 error: ${stderr}`);
  });

  it('writes the whole of an output larger than the pipe holds to a reader that waits before reading', async function () {
    this.timeout(60_000);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/unit/cli/runCli.ts'), 'lint', '--format', 'sarif', folder], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    // By then the lint is done and its process would exit, were the rest of its output not waited for.
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    setTimeout(() => child.stdout.resume(), 2_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const sarif = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    assert.equal(sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'RG101').length, 400);
    assert.equal(code, 1);
  });
});
