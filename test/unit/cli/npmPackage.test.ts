import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

/**
 * What the installed `rootguard` loads at run time: the bin, the bundle it requires, each command's bundle
 * (one per src/cli/*Command.ts, as esbuild.js splits them), the HCL parser's WebAssembly beside them, the
 * code cache the build records, and the rule pages SARIF carries as help.
 */
function runtimeFiles(): string[] {
  const bin = fs.readFileSync(path.join(root, 'bin', 'rootguard.js'), 'utf8');
  const required = [...bin.matchAll(/require\('\.\.\/(dist\/[^']+)'\)/g)].map((m) => m[1]);
  assert.deepEqual(required, ['dist/cli.js'], 'the bin requires the CLI bundle');
  const commands = fs.readdirSync(path.join(root, 'src', 'cli')).filter((name) => name.endsWith('Command.ts'));
  return ['bin/rootguard.js', ...required, ...commands.map((name) => `dist/${name.replace(/\.ts$/, '.js')}`), 'dist/tree-sitter.wasm', 'dist/tree-sitter-terraform.wasm', 'dist/code-cache/lintCommand.js.0123.bin', 'docs/rules/RG001.md'];
}

describe('the npm package', function () {
  // npm itself takes a second or two to start.
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-pack-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds what bin/rootguard.js loads, though .gitignore lists dist/, and no source maps or sources', () => {
    // The repository as a build leaves it (stand-ins for the built files), so the test needs no build.
    for (const file of ['package.json', '.gitignore', '.npmignore']) if (fs.existsSync(path.join(root, file))) fs.copyFileSync(path.join(root, file), path.join(dir, file));
    const built = [...runtimeFiles(), 'dist/cli.js.map', 'dist/lintCommand.js.map', 'dist/extension.js', 'src/cli/main.ts', 'test/unit/x.test.ts'];
    for (const file of built) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), file === 'bin/rootguard.js' ? fs.readFileSync(path.join(root, file)) : '//\n');
    }
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], shell: process.platform === 'win32' }));
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path);
    for (const file of runtimeFiles()) assert.ok(files.includes(file), `${file} is packed: ${files.join(', ')}`);
    assert.deepEqual(files.filter((file) => /\.map$|^src\/|^test\/|^dist\/extension\.js$/.test(file)), []);
  });

  it('leaves package.json without "files", which vsce refuses beside .vscodeignore (the .vsix would not build)', () => {
    assert.ok(fs.existsSync(path.join(root, '.vscodeignore')));
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).files, undefined);
  });
});
