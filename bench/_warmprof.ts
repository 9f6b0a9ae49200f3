import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFiles } from '../src/core/lint/linter';
const dir = '/work/shared/corpus';
const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((n) => path.join(dir, n))
  .filter((f) => fs.statSync(f).isFile() && (/\.(json|jsonc|template)$/i.test(f) || path.basename(path.dirname(f)) === 'policies')).sort();
const inputs = files.map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') }));
for (let i = 0; i < 60; i++) lintFiles(inputs as any, {});
const t = process.hrtime.bigint(); for (let i = 0; i < 20; i++) lintFiles(inputs as any, {}); console.log(Number(process.hrtime.bigint() - t) / 20e6, 'ms');
