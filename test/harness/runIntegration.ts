// `npm run test:integration`: the integration suites inside a real VS Code (code-server 4.100.3, VS Code
// 1.100.3), offline. Builds the extension and the suites, opens the workbench in headless Chromium with
// the suites as extensionTestsPath, prints the extension host's mocha output, and exits with its verdict.
// Usage: node --import tsx test/harness/runIntegration.ts [--grep <pattern>]
//   VERBOSE=1 also prints the workbench's own console; ROOTGUARD_INTEGRATION_TIMEOUT_S: how long the extension
//   host may go without printing a line before the run counts as hung (default 180 s).
import { HOST_OUTPUT_MARK } from '../integration/protocol';
import { findChromium, launchBrowser } from './chromium';
import { printSummary, runMain } from './cli';
import { failureLines, prepareIntegrationRun } from './integrationRun';
import { integrationEntry, repoRoot } from './paths';
import { onCleanup } from './processes';
import { networkViolations, startTestSession } from './testSession';
import { vscodeTarget } from './vscodeTarget';
import { consoleText, workbenchUrl } from './workbench';

/**
 * A hang guard, not a time limit: the run fails when the extension host prints no test output for this long. A
 * bound on the whole run failed a healthy one: 86 of 87 tests done at 300 s on a loaded 2-core machine.
 */
const IDLE_TIMEOUT_S = Number(process.env.ROOTGUARD_INTEGRATION_TIMEOUT_S || 180);
const verbose = Boolean(process.env.VERBOSE);
const SUMMARY_LINE = /^\d+ passed, \d+ failed/;
/**
 * The workbench's own errors and warnings, the last few kept to print when the run fails: some hangs show
 * only there (an editor worker that never loaded leaves every diff waiting, with a warning in the console).
 */
const WORKBENCH_ERRORS_KEPT = 40;

runMain(async (args) => {
  findChromium(); // fail in the first second, not after the install, when the browser is missing
  const run = await prepareIntegrationRun(args);
  const session = await startTestSession({ hostEnv: run.hostEnv, smokeTestDriver: vscodeTarget().payloadNeedsSmokeTestDriver });
  onCleanup(session.stop);
  const browser = await launchBrowser();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());

  // Started before the workbench loads; each line of the extension host's test output restarts it.
  let resolveTimedOut: (value: 'timeout') => void = () => undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (resolveTimedOut = resolve));
  const idle = setTimeout(() => resolveTimedOut('timeout'), IDLE_TIMEOUT_S * 1000);
  // Print the test output in order; the workbench's own messages only with VERBOSE=1.
  let printing = Promise.resolve();
  const workbenchErrors: string[] = [];
  const keepWorkbenchError = (text: string) => workbenchErrors.push(text) > WORKBENCH_ERRORS_KEPT && workbenchErrors.shift();
  page.on('console', (message) => {
    printing = printing.then(async () => {
      const text = await consoleText(message);
      const at = text.indexOf(HOST_OUTPUT_MARK.trimEnd()); // blank lines arrive with the space trimmed
      const line = at >= 0 ? text.slice(at + HOST_OUTPUT_MARK.length) : undefined;
      if (line !== undefined) idle.refresh();
      // The closing "N passed, N failed" is printed once, below, with the run's own failures counted in.
      if (line !== undefined && !SUMMARY_LINE.test(line)) console.log(line);
      else if (verbose) console.log(`[workbench ${message.type()}] ${text}`);
      if (line === undefined && (message.type() === 'error' || message.type() === 'warning')) keepWorkbenchError(`[${message.type()}] ${text}${message.location().url ? ` (${message.location().url})` : ''}`);
    });
  });
  page.on('pageerror', (err) => {
    keepWorkbenchError(`[pageerror] ${err.message}`);
    if (verbose) console.log(`[workbench pageerror] ${err.message}`);
  });

  // The workbench calls window.codeAutomationExit(code) once the extension host has run the suites
  // and exited (the hook @vscode/test-web uses).
  const hostExit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
  const started = Date.now();
  await page.goto(
    workbenchUrl(session.server, { folder: run.workspaceDir, extensionDevelopmentPath: repoRoot, extensionTestsPath: integrationEntry }),
    { waitUntil: 'domcontentloaded' },
  );
  const exit = await Promise.race([hostExit, timedOut]);
  clearTimeout(idle);
  await printing;

  const results = run.readResults();
  const problems: string[] = [];
  if (exit === 'timeout') problems.push(`the extension host printed nothing for ${IDLE_TIMEOUT_S} s: stopped as hung`);
  else if (!results) problems.push(`the extension host exited with code ${exit} before the suites reported results`);
  else if (exit !== 0 && results.failed === 0) problems.push(`the extension host exited with code ${exit} although no test failed`);
  problems.push(...networkViolations(session, browser.externalRequests));
  await browser.close();

  const failed = problems.length > 0 || results === undefined || results.failed > 0;
  if (failed && workbenchErrors.length > 0 && !verbose) {
    console.log(`\nthe workbench's last ${workbenchErrors.length} console errors and warnings:`);
    for (const text of workbenchErrors) console.log(`  ${text.split('\n', 1)[0].slice(0, 300)}`);
  }
  printSummary({
    what: `integration suites in VS Code, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    passed: results?.passed ?? 0,
    failures: failureLines(results),
    problems,
    logs: session.keepLogs('integration'),
  });
  return failed ? 1 : 0;
});
