// `npm test`: runs every suite in order and closes with one "N passed, N failed" line over all of them.
// Usage: node scripts/test.mjs [suite...]   (suites: unit, vsix; default: all)
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('./generateIamIndex.cjs').generateIamIndex();

const node = process.execPath;
const mocha = require.resolve('mocha/bin/mocha.js');
const reporter = new URL('../test/summaryReporter.cjs', import.meta.url).pathname;

/** Each suite is a command whose output ends with "N passed, N failed". */
const SUITES = {
  unit: [node, ['--import', 'tsx', mocha, '--reporter', reporter, '--timeout', '20000', 'test/unit/**/*.test.ts']],
  // npm run package, then the .vsix installed into code-server (allowlist, activation from the installed copy).
  vsix: [node, ['--import', 'tsx', mocha, '--reporter', reporter, '--timeout', '20000', 'test/vsix/**/*.test.ts']],
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(SUITES);
for (const name of names) {
  if (!SUITES[name]) {
    console.error(`unknown suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
}

function run(name) {
  const [cmd, args] = SUITES[name];
  console.log(`\n=== ${name} tests ===`);
  return new Promise((resolve) => {
    let tail = '';
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TZ: 'UTC' } });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      const lines = [...tail.matchAll(/^(\d+) passed, (\d+) failed/gm)];
      const last = lines[lines.length - 1];
      resolve({ name, code: code ?? 1, passed: last ? Number(last[1]) : 0, failed: last ? Number(last[2]) : 0 });
    });
  });
}

let passed = 0;
let failed = 0;
let exitCode = 0;
for (const name of names) {
  const result = await run(name);
  passed += result.passed;
  failed += result.failed;
  if (result.code !== 0) {
    exitCode = 1;
    console.log(`suite "${name}" exited with code ${result.code}`);
    if (result.failed === 0) failed += 1; // a crashed suite counts as a failure, never as a pass
  }
}
console.log('');
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
