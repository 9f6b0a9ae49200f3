// `npm run package`, as a user runs it: the production bundle, then `vsce package` into rootguard.vsix.
// Shared by the .vsix tests, the e2e suites on a VS Code that installs the extension, and the extension benchmark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';
import { runCommand } from './processes';

export const vsixPath = path.join(repoRoot, 'rootguard.vsix');

/** Packages the extension; returns the wall time in ms. stdin is closed, so a vsce prompt fails instead of hanging. */
export async function packageVsix(): Promise<number> {
  const started = Date.now();
  fs.rmSync(vsixPath, { force: true });
  await runCommand('npm', ['run', 'package'], { cwd: repoRoot, logFile: path.join(os.tmpdir(), 'rootguard-package.log') });
  if (!fs.existsSync(vsixPath)) throw new Error(`npm run package succeeded but wrote no ${vsixPath}`);
  return Date.now() - started;
}
