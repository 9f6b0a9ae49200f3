// `npm run bench`: runs every bench/*.bench.ts (or the ones named) in turn. Each prints its own table
// and writes bench/results/<name>.json; nothing here asserts a time.
// Usage: node scripts/bench.mjs [name...]   e.g. node scripts/bench.mjs lint sandbox
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

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
  console.log(`\n=== bench: ${file.replace(/\.bench\.ts$/, '')} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
