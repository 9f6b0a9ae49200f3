// The module VS Code loads as `extensionTestsPath`: it runs inside the extension host, finds the compiled
// suites next to it (out/test/integration/**/*.test.js) and runs them with mocha. The extension host calls
// run(), exits 0 when the returned promise resolves and 1 when it rejects.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import Mocha from 'mocha';
import { HOST_OUTPUT_MARK, type IntegrationResults } from './protocol';

// The unit suite's reporter: spec output plus the closing "N passed, N failed" line.
const SummaryReporter = require('../summaryReporter.cjs') as typeof Mocha.reporters.Spec;

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: SummaryReporter,
    timeout: Number(process.env.ROOTGUARD_TEST_TIMEOUT_MS || 30_000),
    grep: process.env.ROOTGUARD_TEST_GREP || undefined,
  });
  for (const file of findSuites(__dirname)) mocha.addFile(file);

  const restoreConsole = markConsoleOutput();
  const results: IntegrationResults = { passed: 0, failed: 0, failures: [] };
  try {
    await new Promise<void>((resolve, reject) => {
      // run() require()s the suites first: a suite that does not load throws from here.
      const runner = mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
      runner.on('pass', () => results.passed++);
      runner.on('fail', (test, err: Error) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), message: err.message, stack: err.stack });
      });
    });
  } catch (err) {
    if (results.failed === 0) {
      const error = err instanceof Error ? err : new Error(String(err));
      console.error(`could not run the integration suites: ${error.stack ?? error.message}`);
      results.failed = 1;
      results.failures.push({ title: 'loading the integration suites', message: error.message, stack: error.stack });
    }
    throw err;
  } finally {
    restoreConsole();
    // The runner reads the counts from here: console forwarding is for people, the file is for the verdict.
    if (process.env.ROOTGUARD_TEST_RESULTS) fs.writeFileSync(process.env.ROOTGUARD_TEST_RESULTS, JSON.stringify(results, null, 2));
  }
}

function findSuites(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.js'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The extension host forwards console output to the workbench page, mixed with the workbench's own
 * messages. Marking the lines written while the tests run lets the runner show exactly the test output.
 * VS Code may install its console forwarder again after this runs, so a setter keeps the mark on top
 * of whatever console method it installs.
 */
function markConsoleOutput(): () => void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const originalReporterLog = base.consoleLog;
  const restores = (['log', 'info', 'warn', 'error'] as const).map((method) => {
    let inner = console[method];
    const marked = (...args: unknown[]) => inner(HOST_OUTPUT_MARK + util.format(...args));
    Object.defineProperty(console, method, {
      configurable: true,
      get: () => marked,
      set: (replacement: typeof inner) => (inner = replacement),
    });
    return () => Object.defineProperty(console, method, { configurable: true, writable: true, value: inner });
  });
  base.consoleLog = (...args: unknown[]) => console.log(...args); // mocha's reporters keep their own reference
  return () => {
    for (const restore of restores) restore();
    base.consoleLog = originalReporterLog;
  };
}
