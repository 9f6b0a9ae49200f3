// `npm test`: runs every suite in order and closes with one "N passed, N failed" line over all of them.
// Usage: node scripts/test.mjs [suite...] [-- suite options]   (suites: unit, integration, e2e, vsix;
// default: all). Options after the suite names go to each suite, e.g. `--grep activation`, except
// `--repeat N`: run the suites N times in a row, stopping after the first run with a failure (so its
// screenshots and VS Code logs are the ones kept), to tell a flaky test from a steady one.
// The integration and e2e suites run once per VS Code target (test/harness/vscodeTargets.json: the minimum
// the extension declares and the newest code-server); ROOTGUARD_VSCODE=minimum|current|all picks them
// (default: all).
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
  // Inside a real VS Code (code-server, installed into .vscode-test/ on first use), driven by headless Chromium.
  integration: [node, ['--import', 'tsx', 'test/harness/runIntegration.ts']],
  // Each step of an e2e test waits on the workbench's state for up to 30 s (UI_TIMEOUT_MS); a test is a few
  // steps, so the test's own bound is only a guard against a hang.
  e2e: [node, ['--import', 'tsx', mocha, '--require', 'test/e2e/framework/rootHooks.ts', '--reporter', reporter, '--timeout', '180000', '--exit', 'test/e2e/**/*.e2e.ts']],
  // npm run package, then the .vsix installed into code-server (allowlist, activation from the installed copy).
  vsix: [node, ['--import', 'tsx', mocha, '--reporter', reporter, '--timeout', '20000', 'test/vsix/**/*.test.ts']],
};

/** Suites that run once per VS Code target; the others run once (in the first target's VS Code, for vsix). */
const PER_TARGET = new Set(['integration', 'e2e']);
const TARGETS = require('../test/harness/vscodeTargets.json');
const targetChoice = process.env.ROOTGUARD_VSCODE || 'all';
const targets = targetChoice === 'all' ? Object.keys(TARGETS) : [targetChoice];
if (!targets.every((t) => TARGETS[t])) {
  console.error(`ROOTGUARD_VSCODE=${targetChoice} is not a VS Code target; known: ${Object.keys(TARGETS).join(', ')}, all`);
  process.exit(2);
}

/** A hung suite is stopped (SIGTERM lets it stop its servers and browsers) and counted as failed. */
const SUITE_TIMEOUT_MS = Number(process.env.ROOTGUARD_SUITE_TIMEOUT_S || 20 * 60) * 1000;

const firstOption = process.argv.slice(2).findIndex((arg) => arg.startsWith('-'));
const wanted = firstOption < 0 ? process.argv.slice(2) : process.argv.slice(2, 2 + firstOption);
const options = firstOption < 0 ? [] : process.argv.slice(2 + firstOption).filter((arg) => arg !== '--');
const repeatAt = options.indexOf('--repeat');
const repeat = repeatAt < 0 ? 1 : Number(options[repeatAt + 1]);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`--repeat takes a whole number of runs, 1 or more (got "${options[repeatAt + 1] ?? ''}")`);
  process.exit(2);
}
const suiteOptions = repeatAt < 0 ? options : options.filter((_, i) => i !== repeatAt && i !== repeatAt + 1);
const names = wanted.length ? wanted : Object.keys(SUITES);
for (const name of names) {
  if (!SUITES[name]) {
    console.error(`unknown suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
}

// Ctrl+C reaches the running suite directly (same process group) and it stops its servers and browsers;
// a SIGTERM (a CI job's timeout) is passed on. Either way no further suite starts.
let current;
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));
process.on('SIGTERM', () => {
  interrupted = true;
  current?.kill('SIGTERM');
});

/** The runs of one pass: each suite, the per-target ones once per target, labelled with the VS Code. */
const plan = names.flatMap((name) => {
  if (!PER_TARGET.has(name)) return [{ name, target: targets[0], label: name }];
  return targets.map((target) => ({ name, target, label: `${name} in VS Code ${TARGETS[target].vscode} (${target})` }));
});

function run({ name, target, label }) {
  const [cmd, args] = SUITES[name];
  console.log(`\n=== ${label} tests ===`);
  return new Promise((resolve) => {
    let tail = '';
    const started = Date.now();
    const env = { ...process.env, TZ: 'UTC', ROOTGUARD_VSCODE: target };
    const child = spawn(cmd, [...args, ...suiteOptions], { stdio: ['ignore', 'pipe', 'inherit'], env });
    current = child;
    const timer = setTimeout(() => {
      console.log(`\nsuite "${label}" timed out after ${SUITE_TIMEOUT_MS / 1000} s; stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, SUITE_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = [...tail.matchAll(/^(\d+) passed, (\d+) failed/gm)];
      const last = lines[lines.length - 1];
      resolve({ label, code: code ?? 1, passed: last ? Number(last[1]) : 0, failed: last ? Number(last[2]) : 0, seconds: (Date.now() - started) / 1000 });
    });
  });
}

let passed = 0;
let failed = 0;
let exitCode = 0;
let runs = 0;
let results = [];
while (runs < repeat && exitCode === 0 && !interrupted) {
  runs += 1;
  results = [];
  if (repeat > 1) console.log(`\n##### run ${runs} of ${repeat} (${names.join(', ')}) #####`);
  for (const suite of plan) {
    if (interrupted) break;
    const result = await run(suite);
    results.push(result);
    passed += result.passed;
    failed += result.failed;
    if (result.code !== 0) {
      exitCode = 1;
      console.log(`suite "${suite.label}" exited with code ${result.code}`);
      if (result.failed === 0) failed += 1; // a crashed suite counts as a failure, never as a pass
    }
  }
}
console.log('');
if (plan.length > 1) {
  // Each suite's own verdict, so a failure in one VS Code is never hidden by the total.
  for (const r of results) {
    const verdict = r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`;
    console.log(`  ${r.label}: ${r.passed} passed, ${r.failed} failed, ${r.seconds.toFixed(0)} s, ${verdict}`);
  }
}
if (repeat > 1) {
  const green = exitCode === 0 && !interrupted ? runs : runs - 1;
  console.log(`repeat: ${green} of ${repeat} runs green${exitCode ? `; run ${runs} failed, its screenshots and logs are kept` : ''}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
