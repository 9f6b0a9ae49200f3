// Compiles the integration suites for the extension host: each *.test.ts and the bootstrap (index.ts)
// become one CommonJS bundle in out/test/integration, with `vscode` left to the host and mocha loaded
// from node_modules. The extension itself is the dist/ bundle of `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { integrationOutDir, repoRoot } from './paths';

const sourceDir = path.join(repoRoot, 'test', 'integration');

export async function buildIntegrationSuites(): Promise<string[]> {
  const suites = fs
    .readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.join(sourceDir, file));
  // Start empty: a suite deleted from the sources must not keep running from a stale bundle.
  fs.rmSync(integrationOutDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(sourceDir, 'index.ts'), ...suites],
    outdir: integrationOutDir,
    outbase: sourceDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    // Prefer ES module builds: UMD ones (jsonc-parser's) require() their parts dynamically, which a bundle cannot.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return suites.map((file) => path.relative(repoRoot, file));
}
