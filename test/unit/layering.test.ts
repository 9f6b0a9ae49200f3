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

/** The source file a relative import names (`./x` is `x.ts` or `x/index.ts`); undefined for packages. */
function resolveImport(specifier: string, file: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(file), specifier);
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

/** Every source file the given files import, directly or through others, with the chain that reaches it. */
function reachableFrom(files: string[]): Map<string, string[]> {
  const chains = new Map<string, string[]>(files.map((f) => [f, [f]]));
  const queue = [...files];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const specifier of importsOf(file)) {
      const target = resolveImport(specifier, file);
      if (!target || chains.has(target)) continue;
      chains.set(target, [...chains.get(file)!, target]);
      queue.push(target);
    }
  }
  return chains;
}

/** The import chains from `fromDir`'s files into `intoDir`, as `a -> b -> c` relative to the repository. */
function chainsInto(fromDir: string, intoDir: string): string[] {
  return [...reachableFrom(sourceFiles(fromDir)).entries()]
    .filter(([file]) => file.startsWith(intoDir + path.sep))
    .map(([, chain]) => chain.map((f) => path.relative(root, f)).join(' -> '));
}

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

  // The sandbox plays AWS: its enforcement is independent code, so it can catch the core's mistakes instead of
  // sharing them (taskPolicies.test.ts cross-checks the facts both state).
  it('src/sandbox never imports core', () => {
    assert.deepEqual(offenders('sandbox', reachesInto('core')), []);
  });

  // The engine is the one place IAM semantics live; the lint rules ask it questions, never the reverse
  // (the preflight and the holders view use the engine without the linter).
  it('src/core/policy never imports the lint rules, directly or through another module', () => {
    assert.deepEqual(chainsInto(path.join(root, 'src', 'core', 'policy'), path.join(root, 'src', 'core', 'lint')), []);
  });

  it('the import-chain check follows imports through other modules', () => {
    const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'layering-'));
    for (const dir of ['engine', 'helpers', 'rules']) fs.mkdirSync(path.join(tmp, dir));
    fs.writeFileSync(path.join(tmp, 'engine', 'a.ts'), "import { b } from '../helpers';\n");
    fs.writeFileSync(path.join(tmp, 'helpers', 'index.ts'), "export { r as b } from '../rules/r';\n");
    fs.writeFileSync(path.join(tmp, 'rules', 'r.ts'), 'export const r = 1;\n');
    const chains = reachableFrom([path.join(tmp, 'engine', 'a.ts')]);
    assert.deepEqual(chains.get(path.join(tmp, 'rules', 'r.ts'))?.map((f) => path.relative(tmp, f)), [path.join('engine', 'a.ts'), path.join('helpers', 'index.ts'), path.join('rules', 'r.ts')]);
  });

  it('the check itself sees a vscode import', () => {
    const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'layering-'));
    const file = path.join(tmp, 'x.ts');
    fs.writeFileSync(file, "import * as vscode from 'vscode';\n");
    assert.deepEqual(importsOf(file), ['vscode']);
  });
});
