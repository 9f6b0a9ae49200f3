import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

// The layering rule of the design: core, cli and sandbox run without VS Code (CLI, CI, tests), so they
// must never import it, and core must never reach up into the extension or the CLI.
const root = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.[cm]?[tj]s$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)];
  return specifiers.map((m) => m[1]);
}

function offenders(layer: string, forbidden: (specifier: string, file: string) => boolean): string[] {
  return sourceFiles(path.join(root, 'src', layer)).flatMap((file) =>
    importsOf(file)
      .filter((s) => forbidden(s, file))
      .map((s) => `${path.relative(root, file)} imports ${s}`),
  );
}

const reachesInto = (layer: string) => (specifier: string, file: string) =>
  specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(path.join(root, 'src', layer));

describe('layering', () => {
  for (const layer of ['core', 'cli', 'sandbox']) {
    it(`src/${layer} never imports vscode`, () => {
      assert.deepEqual(offenders(layer, (s) => s === 'vscode'), []);
    });
  }

  it('src/core never imports the extension, the CLI or the sandbox', () => {
    const bad = offenders('core', (s, f) => ['extension', 'cli', 'sandbox'].some((l) => reachesInto(l)(s, f)));
    assert.deepEqual(bad, []);
  });

  it('src/sandbox imports from core only its shared constants', () => {
    const bad = offenders('sandbox', (s, f) => reachesInto('core')(s, f) && !/root\/taskPolicies$/.test(s));
    assert.deepEqual(bad, []);
  });

  it('the check itself sees a vscode import', () => {
    const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'layering-'));
    const file = path.join(tmp, 'x.ts');
    fs.writeFileSync(file, "import * as vscode from 'vscode';\n");
    assert.deepEqual(importsOf(file), ['vscode']);
  });
});
