// Installs code-server (VS Code's server + web workbench) into the cache folder on first use, the way
// @vscode/test-electron downloads VS Code into .vscode-test/, but without internet: only the npm registry
// and the local toolchain. Every workaround here is from shared/vscode-offline/RECIPE.md ("Pitfalls").
// A marker file makes the second run instant; a half-finished install is thrown away and redone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODE_SERVER_VERSION, VSCODE_VERSION, codeServerDir } from './paths';
import { runCommand } from './processes';

/** Native addons that the server, the extension host and the pty host load on Linux. */
const NATIVE_MODULES = ['node-pty', '@vscode/spdlog', 'native-watchdog', 'kerberos', '@vscode/deviceid'];

export const codeServerEntry = entryOf(codeServerDir);

interface Marker {
  codeServer: string;
  /** Native addons are built for one Node ABI; another Node needs a fresh install. */
  nodeModulesAbi: string;
  seconds: number;
}

/**
 * Makes sure code-server is installed; returns the path of its entry script. The install happens in a
 * staging folder that is renamed into place when complete, so a half-finished install (Ctrl+C, a
 * failed build) is never used, and two runs that install at once cannot corrupt each other.
 */
export async function ensureCodeServer(): Promise<string> {
  if (isInstalled(codeServerDir)) return codeServerEntry;
  const nodeDir = nodeHeadersDir();
  const nodeGyp = findNodeGyp();
  checkToolchain();

  const started = Date.now();
  const staging = `${codeServerDir}.installing-${process.pid}`;
  console.log(`First run: installing code-server ${CODE_SERVER_VERSION} (VS Code ${VSCODE_VERSION}) into ${codeServerDir}`);
  console.log('  from the npm registry, with native modules built locally; takes about a minute, once.');
  removeAbandonedStagings();
  fs.mkdirSync(path.join(staging, 'logs'), { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "name": "rootguard-code-server-cache", "private": true }\n');
  const env = installEnv(nodeDir, staging);
  const step = timedStep(started);
  const log = (name: string) => path.join(staging, 'logs', `${name}.log`);
  const vscodeDir = vscodeDirOf(staging);

  // code-server's postinstall insists on --unsafe-perm as root (npm 11 dropped it) and runs install
  // scripts that download from GitHub, so install without scripts and do its steps below.
  await step('npm install code-server', () =>
    npm(['install', '--ignore-scripts', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], staging, env, log('npm-code-server')),
  );
  await Promise.all([
    // argon2 is required at startup even with --auth none; building from source skips its GitHub prebuilt.
    step('argon2 (built from source)', () =>
      npm(['rebuild', 'argon2', '--foreground-scripts'], staging, { ...env, npm_config_build_from_source: 'true' }, log('argon2')),
    ),
    step('VS Code server modules + native builds', async () => {
      await npm(['install', '--omit=dev', '--ignore-scripts'], vscodeDir, env, log('npm-vscode'));
      await Promise.all(NATIVE_MODULES.map((name) => buildNative(vscodeDir, name, nodeGyp, nodeDir, env, log)));
    }),
    // The built-in TypeScript/JavaScript extension needs its shared `typescript` dependency.
    step('built-in extensions', async () => {
      const dir = path.join(vscodeDir, 'extensions');
      await npm(['install', '--omit=dev', '--ignore-scripts'], dir, env, log('npm-extensions'));
      await runCommand(process.execPath, ['postinstall.mjs'], { cwd: dir, env, logFile: log('extensions-postinstall') });
    }),
  ]);
  linkLikePostinstall(vscodeDir);
  await step('check', () => checkVersion(staging, env, log('version')));

  const seconds = Math.round((Date.now() - started) / 1000);
  const marker: Marker = { codeServer: CODE_SERVER_VERSION, nodeModulesAbi: process.versions.modules, seconds };
  fs.writeFileSync(markerFileOf(staging), JSON.stringify(marker, null, 2) + '\n');
  moveIntoPlace(staging);
  console.log(`code-server ${CODE_SERVER_VERSION} installed in ${seconds} s (logs: ${path.join(codeServerDir, 'logs')})`);
  return codeServerEntry;
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

function isInstalled(root: string): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(markerFileOf(root), 'utf8')) as Marker;
    return marker.codeServer === CODE_SERVER_VERSION && marker.nodeModulesAbi === process.versions.modules;
  } catch {
    return false;
  }
}

function moveIntoPlace(staging: string): void {
  if (isInstalled(codeServerDir)) {
    fs.rmSync(staging, { recursive: true, force: true }); // another run finished first: use its install
    return;
  }
  fs.rmSync(codeServerDir, { recursive: true, force: true }); // an outdated install (other version or Node)
  fs.renameSync(staging, codeServerDir);
}

/** Staging folders of installs whose process is gone (interrupted, or failed and kept for its logs). */
function removeAbandonedStagings(): void {
  const prefix = `${path.basename(codeServerDir)}.installing-`;
  if (!fs.existsSync(path.dirname(codeServerDir))) return;
  for (const name of fs.readdirSync(path.dirname(codeServerDir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (isAlive(pid)) continue;
    fs.rmSync(path.join(path.dirname(codeServerDir), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The installed server must start far enough to print its version and the VS Code it bundles. */
async function checkVersion(root: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  await runCommand(process.execPath, [entryOf(root), '--version'], { cwd: root, env, logFile });
  if (!fs.readFileSync(logFile, 'utf8').includes(`with Code ${VSCODE_VERSION}`)) {
    throw new Error(`code-server --version does not report VS Code ${VSCODE_VERSION}; see ${logFile}`);
  }
}

/** What postinstall.sh would add after the modules: Debian's rg and three symlinks. */
function linkLikePostinstall(vscodeDir: string): void {
  // @vscode/ripgrep's postinstall downloads rg from GitHub; Debian's ripgrep is the same program.
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  fs.copyFileSync(findOnPath('rg')!, path.join(rgDir, 'rg'));
  fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
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
  nodeDir: string,
  env: NodeJS.ProcessEnv,
  log: (name: string) => string,
): Promise<void> {
  // node-gyp bundled with npm, against the local headers: it would otherwise download them from nodejs.org.
  // (node-pty's own post-install only writes compile_commands.json through npx, which is not needed.)
  const cwd = path.join(vscodeDir, 'node_modules', name);
  const jobs = String(os.availableParallelism());
  await runCommand(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodeDir}`, '-j', jobs], {
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

function installEnv(nodeDir: string, root: string): NodeJS.ProcessEnv {
  // `npm test` exports its own npm_* variables (package, lifecycle, local prefix); they must not leak
  // into the installs in the cache folder, which is a separate npm project.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_(package|lifecycle|config_local_prefix|config_global_prefix)/i.test(key)),
  );
  const xdg = path.join(root, 'xdg');
  return {
    ...env,
    npm_config_nodedir: nodeDir,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // node-gyp, and code-server even for --version, write under the XDG folders: keep that in the cache.
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  };
}

/** The prefix of the running Node, whose include/node has the headers native addons build against. */
function nodeHeadersDir(): string {
  const dir = path.resolve(process.execPath, '..', '..');
  if (!fs.existsSync(path.join(dir, 'include', 'node', 'node.h'))) {
    throw new Error(`Node's headers are missing (${dir}/include/node/node.h); install them, e.g. apt-get install libnode-dev, or use a Node build that ships them`);
  }
  return dir;
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
