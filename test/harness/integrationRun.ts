// What both back ends of the integration suites (code-server offline, @vscode/test-electron) prepare the
// same way: fresh bundles, a fresh workspace copy, and the results file the in-host bootstrap writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IntegrationResults } from '../integration/protocol';
import { buildIntegrationSuites } from './buildIntegrationSuites';
import { buildExtension } from './cli';
import { onCleanup } from './processes';
import { copyFixtureWorkspace } from './workspaceCopy';

export interface IntegrationRun {
  workspaceDir: string;
  /** Test knobs for the extension host's environment (results file, grep). */
  hostEnv: Record<string, string>;
  /** The bootstrap's verdict, or undefined when the extension host never got to write it. */
  readResults(): IntegrationResults | undefined;
}

/** Builds the extension and the suites, and copies the workspace. `args`: [--grep <pattern>]. */
export async function prepareIntegrationRun(args: string[]): Promise<IntegrationRun> {
  await buildExtension();
  const suites = await buildIntegrationSuites();
  console.log(`integration suites: ${suites.join(', ') || 'none'}`);
  const workspace = copyFixtureWorkspace();
  onCleanup(workspace.remove);
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-results-'));
  onCleanup(() => fs.rmSync(resultsDir, { recursive: true, force: true }));
  const resultsFile = path.join(resultsDir, 'results.json');
  const grepAt = args.indexOf('--grep');
  const grep = grepAt >= 0 ? args[grepAt + 1] : undefined;
  return {
    workspaceDir: workspace.dir,
    hostEnv: { ROOTGUARD_TEST_RESULTS: resultsFile, ...(grep ? { ROOTGUARD_TEST_GREP: grep } : {}) },
    readResults: () => {
      try {
        return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as IntegrationResults;
      } catch {
        return undefined;
      }
    },
  };
}

/** The summary lines of failed tests: title and the first line of the message (details were printed). */
export function failureLines(results: IntegrationResults | undefined): string[] {
  return (results?.failures ?? []).map((f) => `${f.title}: ${f.message.split('\n')[0]}`);
}
