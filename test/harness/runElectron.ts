// `npm run test:electron`: the same integration suites in desktop VS Code through @vscode/test-electron,
// for machines that can download it (it fetches the target's VS Code, by default 1.100.3, into .vscode-test/). Offline, use
// `npm test`, whose code-server back end needs only the npm registry.
// Usage: node --import tsx test/harness/runElectron.ts [--grep <pattern>]
//   ROOTGUARD_VSCODE_EXECUTABLE=/path/to/code skips the download and uses that VS Code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { printSummary, runMain } from './cli';
import { startFakeAwsEndpoint, withAwsTestEnvironment } from './fakeAwsEndpoint';
import { failureLines, prepareIntegrationRun } from './integrationRun';
import { cacheRoot, integrationEntry, repoRoot } from './paths';
import { onCleanup } from './processes';
import { vscodeTarget } from './vscodeTarget';

const DOWNLOAD_HOST = 'https://update.code.visualstudio.com';
const VSCODE_VERSION = vscodeTarget().vscode;

runMain(async (args) => {
  const executable = process.env.ROOTGUARD_VSCODE_EXECUTABLE;
  if (!executable) await assertCanDownload();
  const run = await prepareIntegrationRun(args);
  const fakeAws = await startFakeAwsEndpoint();
  onCleanup(fakeAws.close);
  // test-electron passes this process's environment on to VS Code: make it the test environment.
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, withAwsTestEnvironment({}, fakeAws.url));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-electron-'));
  onCleanup(() => fs.rmSync(profile, { recursive: true, force: true }));

  const started = Date.now();
  let exitCode = 0;
  try {
    await runTests({
      version: VSCODE_VERSION,
      cachePath: cacheRoot,
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationEntry,
      extensionTestsEnv: run.hostEnv,
      launchArgs: [run.workspaceDir, '--disable-extensions', '--user-data-dir', path.join(profile, 'user-data'), '--extensions-dir', path.join(profile, 'extensions')],
    });
  } catch {
    exitCode = 1; // runTests rejects when VS Code exits non-zero: the verdict is in the results file
  }
  const results = run.readResults();
  printSummary({
    what: `integration suites in desktop VS Code ${VSCODE_VERSION}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    passed: results?.passed ?? 0,
    failures: failureLines(results),
    problems: results ? [] : [`VS Code exited${exitCode ? ' with an error' : ''} before the suites reported results`],
  });
  return results && results.failed === 0 && exitCode === 0 ? 0 : 1;
});

/** Fails in seconds, with what to do instead, where the download would hang or fail after retries. */
async function assertCanDownload(): Promise<void> {
  try {
    await fetch(`${DOWNLOAD_HOST}/api/releases/stable`, { signal: AbortSignal.timeout(5000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new Error(
      `@vscode/test-electron downloads desktop VS Code ${VSCODE_VERSION} from ${DOWNLOAD_HOST}, which this machine cannot reach (${cause}).\n` +
        '  Offline, run the same suites in code-server instead: npm run test:integration\n' +
        '  Or point ROOTGUARD_VSCODE_EXECUTABLE at an installed desktop VS Code (the `code` binary).',
    );
  }
}
