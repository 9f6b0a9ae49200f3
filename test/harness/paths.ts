// Where the harness reads and writes. Everything it creates lives under the repository (ignored by git)
// or in a temp folder it removes, never in $HOME.
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Like @vscode/test-electron's `.vscode-test/`: downloaded editors, reused across runs. */
export const cacheRoot = path.join(repoRoot, '.vscode-test');

/** Compiled integration suites and their bootstrap (the module passed as extensionTestsPath). */
export const integrationOutDir = path.join(repoRoot, 'out', 'test', 'integration');
export const integrationEntry = path.join(integrationOutDir, 'index.js');

export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');
