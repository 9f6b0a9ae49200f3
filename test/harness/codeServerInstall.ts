// Installs code-server (VS Code's server + web workbench) into the cache folder on first use, the way
// @vscode/test-electron downloads VS Code into .vscode-test/, but without internet: only the npm registry
// and the local toolchain. Every workaround here is from shared/vscode-offline/RECIPE.md ("Pitfalls").
// One install per VS Code target (vscodeTargets.json); a marker file makes the second run instant.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureNode, withNodeOnPath, type NodeRuntime } from './nodeRuntime';
import { runCommand } from './processes';
import { removeAbandonedStagings } from './staging';
import { describeTarget, vscodeTarget, type VscodeTarget } from './vscodeTarget';

export interface CodeServerInstall {
  /** code-server's entry script. */
  entry: string;
  /** The Node that runs it (and so its extension host). */
  node: NodeRuntime;
}

interface Marker {
  codeServer: string;
  /** Native addons are built for one Node ABI; another Node needs a fresh install. */
  nodeModulesAbi: string;
  seconds: number;
}

/**
 * Makes sure the target's code-server is installed (the target's Node first, when it needs its own). The
 * install happens in a staging folder that is renamed into place when complete (see staging.ts).
 */
export async function ensureCodeServer(target: VscodeTarget = vscodeTarget()): Promise<CodeServerInstall> {
  const node = await ensureNode(target.node);
  const installed = { entry: entryOf(target.dir), node };
  if (isInstalled(target, node)) return installed;
  const nodeGyp = findNodeGyp();
  checkToolchain();

  const started = Date.now();
  const staging = `${target.dir}.installing-${process.pid}`;
  console.log(`First run: installing ${describeTarget(target)} into ${target.dir}`);
  console.log('  from the npm registry, with native modules built locally; takes a few minutes, once.');
  removeAbandonedStagings(target.dir);
  fs.mkdirSync(path.join(staging, 'logs'), { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "name": "rootguard-code-server-cache", "private": true }\n');
  const env = installEnv(node, staging);
  const step = timedStep(started);
  const log = (name: string) => path.join(staging, 'logs', `${name}.log`);
  const vscodeDir = vscodeDirOf(staging);

  // code-server's postinstall insists on --unsafe-perm as root (npm 11 dropped it), exits early unless
  // npm_config_user_agent is set, and runs install scripts that download from GitHub, so install
  // without scripts and do its steps below.
  await step('npm install code-server', () =>
    npm(['install', '--ignore-scripts', '--no-package-lock', `code-server@${target.codeServer}`], staging, env, log('npm-code-server')),
  );
  await Promise.all([
    // argon2 is required at startup even with --auth none. Newer releases ship a prebuilt binary; older
    // ones are built from source, which skips their GitHub download.
    !hasPrebuilt(path.join(staging, 'node_modules', 'argon2')) &&
      step('argon2 (built from source)', () =>
        npm(['rebuild', 'argon2', '--foreground-scripts'], staging, { ...env, npm_config_build_from_source: 'true' }, log('argon2')),
      ),
    step('VS Code server modules + native builds', async () => {
      await npm(['install', '--omit=dev', '--ignore-scripts'], vscodeDir, env, log('npm-vscode'));
      await Promise.all(target.nativeBuilds.map((name) => buildNative(vscodeDir, name, nodeGyp, node, env, log)));
    }),
    // The built-in TypeScript/JavaScript extension needs its shared `typescript` dependency.
    step('built-in extensions', async () => {
      const dir = path.join(vscodeDir, 'extensions');
      await npm(['install', '--omit=dev', '--ignore-scripts'], dir, env, log('npm-extensions'));
      await runCommand(node.bin, ['postinstall.mjs'], { cwd: dir, env, logFile: log('extensions-postinstall') });
    }),
  ]);
  linkLikePostinstall(vscodeDir);
  await step('check', () => checkVersion(target, staging, node, env, log('version')));

  const seconds = Math.round((Date.now() - started) / 1000);
  const marker: Marker = { codeServer: target.codeServer, nodeModulesAbi: node.abi, seconds };
  fs.writeFileSync(markerFileOf(staging), JSON.stringify(marker, null, 2) + '\n');
  moveIntoPlace(target, node, staging);
  console.log(`code-server ${target.codeServer} installed in ${seconds} s (logs: ${path.join(target.dir, 'logs')})`);
  return installed;
}

function entryOf(root: string): string {
  return path.join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function vscodeDirOf(root: string): string {
  return path.join(root, 'node_modules', 'code-server', 'lib', 'vscode');
}

function markerFileOf(root: string): string {
  return path.join(root, 'installed.json');
}

function isInstalled(target: VscodeTarget, node: NodeRuntime): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(markerFileOf(target.dir), 'utf8')) as Marker;
    return marker.codeServer === target.codeServer && marker.nodeModulesAbi === node.abi;
  } catch {
    return false;
  }
}

function moveIntoPlace(target: VscodeTarget, node: NodeRuntime, staging: string): void {
  if (isInstalled(target, node)) {
    fs.rmSync(staging, { recursive: true, force: true }); // another run finished first: use its install
    return;
  }
  fs.rmSync(target.dir, { recursive: true, force: true }); // an outdated install (built for another Node)
  fs.renameSync(staging, target.dir);
}

/** A package that ships a prebuilt binary for this platform (node-gyp-build's prebuilds/ folder). */
function hasPrebuilt(packageDir: string): boolean {
  return fs.existsSync(path.join(packageDir, 'prebuilds', `${process.platform}-${process.arch}`));
}

/** The installed server must start far enough to print its version and the VS Code it bundles. */
async function checkVersion(target: VscodeTarget, root: string, node: NodeRuntime, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  await runCommand(node.bin, [entryOf(root), '--version'], { cwd: root, env, logFile });
  if (!fs.readFileSync(logFile, 'utf8').includes(`with Code ${target.vscode}`)) {
    throw new Error(`code-server --version does not report VS Code ${target.vscode}; see ${logFile}`);
  }
}

/** What postinstall.sh would add after the modules: rg where it is missing, and three symlinks. */
function linkLikePostinstall(vscodeDir: string): void {
  // @vscode/ripgrep's postinstall downloads rg from GitHub; Debian's ripgrep is the same program. (Newer
  // VS Code uses @vscode/ripgrep-universal instead, which ships rg for every platform.)
  const ripgrep = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep');
  if (fs.existsSync(ripgrep)) {
    fs.mkdirSync(path.join(ripgrep, 'bin'), { recursive: true });
    fs.copyFileSync(findOnPath('rg')!, path.join(ripgrep, 'bin', 'rg'));
    fs.chmodSync(path.join(ripgrep, 'bin', 'rg'), 0o755);
  }
  const links: [string, string][] = [
    ['node_modules', 'node_modules.asar'],
    ['code-linux.sh', 'bin/remote-cli/code-server'],
    ['browser-linux.sh', 'bin/helpers/browser.sh'],
  ];
  for (const [target, link] of links) {
    const at = path.join(vscodeDir, link);
    fs.rmSync(at, { force: true });
    fs.symlinkSync(target, at);
  }
}

async function buildNative(
  vscodeDir: string,
  name: string,
  nodeGyp: string,
  node: NodeRuntime,
  env: NodeJS.ProcessEnv,
  log: (name: string) => string,
): Promise<void> {
  // node-gyp bundled with npm, against the local headers: it would otherwise download them from nodejs.org.
  // (node-pty's own post-install only writes compile_commands.json through npx, which is not needed.)
  const cwd = path.join(vscodeDir, 'node_modules', name);
  const jobs = String(os.availableParallelism());
  await runCommand(node.bin, [nodeGyp, 'rebuild', `--nodedir=${node.prefix}`, '-j', jobs], {
    cwd,
    env,
    logFile: log(`gyp-${path.basename(name)}`),
  });
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return runCommand('npm', args, { cwd, env, logFile });
}

function timedStep(since: number) {
  return async (label: string, work: () => Promise<void>): Promise<void> => {
    const t0 = Date.now();
    await work();
    console.log(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s (at ${((Date.now() - since) / 1000).toFixed(0)} s)`);
  };
}

function installEnv(node: NodeRuntime, root: string): NodeJS.ProcessEnv {
  // `npm test` exports its own npm_* variables (package, lifecycle, local prefix); they must not leak
  // into the installs in the cache folder, which is a separate npm project.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_(package|lifecycle|config_local_prefix|config_global_prefix)/i.test(key)),
  );
  const xdg = path.join(root, 'xdg');
  return {
    ...withNodeOnPath(node, env),
    npm_config_nodedir: node.prefix,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // node-gyp, and code-server even for --version, write under the XDG folders: keep that in the cache.
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  };
}

function findNodeGyp(): string {
  const candidates = [
    process.env.npm_execpath && path.resolve(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.resolve(process.execPath, '..', '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`node-gyp (bundled with npm) not found; looked at:\n  ${candidates.join('\n  ')}`);
  return found;
}

/** Fails before any download with the apt-get line that fixes a missing build prerequisite. */
function checkToolchain(): void {
  const missing: string[] = [];
  if (!findOnPath('rg')) missing.push('ripgrep');
  if (!findOnPath('python3')) missing.push('python3');
  if (!findOnPath('make') || !findOnPath('g++')) missing.push('build-essential');
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (missing.length) {
    throw new Error(`code-server's native modules need packages this machine lacks. Install them with:\n  apt-get install -y ${missing.join(' ')}`);
  }
}

export function findOnPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, program);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
