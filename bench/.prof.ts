import fs from 'node:fs';
import path from 'node:path';
import { lintFiles, type LintInput } from '../src/core/lint/linter';
const dir = '/work/shared/corpus';
const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((n) => path.join(dir, n))
  .filter((f) => fs.statSync(f).isFile() && (/\.(json|jsonc|template)$/i.test(f) || path.basename(path.dirname(f)) === 'policies')).sort();
const inputs: LintInput[] = files.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') } as LintInput));
for (let i = 0; i < 30; i++) lintFiles(inputs, {});
const t = performance.now();
const N = Number(process.env.N ?? 300);
for (let i = 0; i < N; i++) lintFiles(inputs, {});
console.log(((performance.now() - t) / N).toFixed(2), 'ms per lint');
