// `npm run bench`: runs every bench/*.bench.ts (or the ones named) in turn. Each prints its own table
// and writes bench/results/<name>.json; nothing here asserts a time.
// Each bench runs bundled by esbuild as the product ships (dist/ is built the same way), not through tsx:
// tsx turns every imported binding into a getter and wraps functions for their names, which made the
// engine measure at half the speed users get.
// Usage: node scripts/bench.mjs [name...]   e.g. node scripts/bench.mjs lint sandbox
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import esbuild from 'esbuild';

const require = createRequire(import.meta.url);
require('./generateIamIndex.cjs').generateIamIndex();

const dir = new URL('../bench/', import.meta.url).pathname;
const all = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
const wanted = process.argv.slice(2);
const chosen = wanted.length ? all.filter((f) => wanted.includes(f.replace(/\.bench\.ts$/, ''))) : all;
if (chosen.length === 0) {
  console.error(`no benchmark matched; available: ${all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`);
  process.exit(2);
}
fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
let failed = 0;
for (const file of chosen) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n=== bench: ${name} ===`);
  // Beside its source, so that the bench's `__dirname` still names bench/.
  const bundle = path.join(dir, `.${name}.bench.cjs`);
  try {
    await esbuild.build({
      entryPoints: [path.join(dir, file)],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: 'inline',
      // The same resolution as esbuild.js: jsonc-parser's ESM build, web-tree-sitter's CommonJS one.
      mainFields: ['module', 'main'],
      alias: { 'web-tree-sitter': path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.cjs') },
      external: ['vscode', 'esbuild', 'tsx', 'tsx/*'],
      logLevel: 'warning',
    });
    const result = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', bundle], { stdio: 'inherit' });
    if (result.status !== 0) failed++;
  } finally {
    fs.rmSync(bundle, { force: true });
  }
}
process.exit(failed ? 1 : 0);
