// Each e2e run writes its screenshots to a folder of its own, test-results/screenshots/<time>-<target>-…/, so two
// runs in one checkout never delete each other's pictures; only the latest few runs are kept.
import fs from 'node:fs';
import path from 'node:path';
import { screenshotsDir } from '../../harness/paths';
import { vscodeTarget } from '../../harness/vscodeTarget';
import { shared } from './shared';

const RUNS_KEPT = 5;

/** Creates this run's folder, prunes the oldest ones, and returns it. */
export function newScreenshotFolder(): string {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
  const dir = fs.mkdtempSync(path.join(screenshotsDir, `${stamp}-${vscodeTarget().name}-`));
  const runs = fs
    .readdirSync(screenshotsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - RUNS_KEPT))) {
    fs.rmSync(path.join(screenshotsDir, old), { recursive: true, force: true });
  }
  return dir;
}

/** Where a screenshot called `name` goes in this run's folder (for pages not opened with useWorkbench). */
export function screenshotFile(name: string): string {
  return path.join(shared().screenshots, `${name.replace(/[^\w.-]+/g, '-')}.png`);
}
