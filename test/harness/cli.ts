// What the runners' entry points share: building the extension, the closing report, and a main()
// that always cleans up (servers, browsers, temp folders) before the process exits.
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';
import { runCleanups, runCommand } from './processes';

/** `npm run build`: the integration and e2e tests load the extension from dist/. */
export async function buildExtension(): Promise<void> {
  await runCommand(process.execPath, ['esbuild.js'], { cwd: repoRoot, logFile: path.join(os.tmpdir(), 'rootguard-build.log') });
}

export interface Summary {
  what: string;
  passed: number;
  /** One line per failed test ("title: message"); the details were printed as the test failed. */
  failures: string[];
  /** Failures of the run itself: a timeout, a crash, a request that left the machine. */
  problems: string[];
  logs?: string;
}

/** Prints the readable end of a run, closing with the "N passed, N failed" line that scripts/test.mjs reads. */
export function printSummary(summary: Summary): void {
  console.log('');
  for (const failure of summary.failures) console.log(`FAILED  ${failure}`);
  for (const problem of summary.problems) console.log(`ERROR   ${problem}`);
  if ((summary.failures.length || summary.problems.length) && summary.logs) console.log(`logs: ${summary.logs}`);
  console.log(`(${summary.what})`);
  console.log(`${summary.passed} passed, ${summary.failures.length + summary.problems.length} failed`);
}

/** Runs `main` with the command-line arguments, then the cleanups, then exits with its code. */
export function runMain(main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2))
    .catch((err: unknown) => {
      // The run itself broke (no browser, install failed, server did not start): one failure.
      console.error(`\nERROR   ${err instanceof Error ? err.message : String(err)}`);
      console.log('0 passed, 1 failed');
      return 1;
    })
    .then(async (code) => {
      await runCleanups();
      process.exit(code);
    });
}
