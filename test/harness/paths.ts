// Where the harness reads and writes. Everything it creates lives under the repository (ignored by git)
// or in a temp folder it removes, never in $HOME.
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** code-server's version pins VS Code 1.100.3: the last code-server whose engines.node is 20. */
export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';

/** Like @vscode/test-electron's `.vscode-test/`: downloaded editors, reused across runs. */
export const cacheRoot = path.join(repoRoot, '.vscode-test');
export const codeServerDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);

/** Compiled integration suites and their bootstrap (the module passed as extensionTestsPath). */
export const integrationOutDir = path.join(repoRoot, 'out', 'test', 'integration');
export const integrationEntry = path.join(integrationOutDir, 'index.js');

export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');
