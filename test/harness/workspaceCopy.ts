// Tests run against a fresh copy of a fixtures folder, so they may write files and settings freely and
// a run never sees what the previous one left behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturesDir } from './paths';

export interface WorkspaceCopy {
  /** The copied folder (its name is the fixture's, which the workbench shows as the workspace name). */
  dir: string;
  remove(): void;
}

/** Copies test/fixtures/<fixture> into a new temp folder. */
export function copyFixtureWorkspace(fixture = 'workspace'): WorkspaceCopy {
  const source = path.join(fixturesDir, fixture);
  if (!fs.existsSync(source)) throw new Error(`no fixture folder ${source}`);
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-workspace-'));
  const dir = path.join(parent, fixture);
  fs.cpSync(source, dir, { recursive: true });
  return { dir, remove: () => fs.rmSync(parent, { recursive: true, force: true }) };
}
