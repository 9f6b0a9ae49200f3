// Starts code-server on 127.0.0.1 with a throwaway user-data and extensions folder, its own process
// group, and nothing written to $HOME. The extension host it launches inherits its environment, which
// is how test knobs (fake AWS endpoint, network log) reach the extension under test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer } from './codeServerInstall';
import { withNodeOnPath } from './nodeRuntime';
import { onCleanup, runCommand, stopGroup } from './processes';
import { vscodeTarget, type VscodeTarget } from './vscodeTarget';

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** host:port exactly as in the page URL; code-server uses it as the remote authority. */
  authority: string;
  logFile: string;
  /** Where installed extensions live (the `install` option's .vsix files land here). */
  extensionsDir: string;
  /** Connections any server-side process made to a non-loopback host (see networkGuard.cjs). */
  externalConnections(): string[];
  /** Copies the server log and VS Code's logs (extension host, output channels) to `dir`. */
  saveLogs(dir: string): void;
  stop(): Promise<void>;
}

/** User settings that keep the workbench quiet and offline for automation. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'git.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'remote.autoForwardPorts': false, // the test servers' ports are not the user's business
  // Newer VS Code: no chat, Copilot or agent host (they would only look for GitHub sign-ins), and no
  // secondary side bar open by default, so the window has the same layout in every tested version.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * The shell stays the group leader and waits on its stdin, a pipe from this runner: when the runner
 * dies, even by SIGKILL, the pipe closes and the shell ends the whole group. No orphaned server.
 */
const LIFELINE = '"$@" & read -r _ignored; kill -TERM -$$';

export interface CodeServerOptions {
  /** Base environment of the server and so of its extension host (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** .vsix files installed with `--install-extension` before the server starts, as a user would. */
  install?: string[];
  /** User settings added to (or overriding) the automation defaults above. */
  settings?: Record<string, unknown>;
  /** Which VS Code (default: the one ROOTGUARD_VSCODE names, else the minimum). */
  target?: VscodeTarget;
  /** VS Code's smoke-test driver (see VscodeTarget.payloadNeedsSmokeTestDriver); it hides notification toasts. */
  smokeTestDriver?: boolean;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const target = options.target ?? vscodeTarget();
  const { entry, node } = await ensureCodeServer(target);
  const session = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-vscode-'));
  const userDataDir = path.join(session, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...options.settings }, null, 2));
  const logFile = path.join(session, 'server.log');
  const networkLog = path.join(session, 'network.log');
  const extensionsDir = path.join(session, 'extensions');
  fs.writeFileSync(networkLog, '');

  const env: NodeJS.ProcessEnv = {
    // The target's Node first on PATH: what the server's children (terminals, tasks) find as `node`.
    ...withNodeOnPath(node, options.env ?? process.env),
    // code-server writes config, logs and a device id under XDG folders even for --version.
    XDG_CONFIG_HOME: path.join(session, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(session, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(session, 'xdg', 'cache'),
    // An empty gallery: no Open VSX lookups (they would leave the machine).
    EXTENSIONS_GALLERY: '{}',
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${path.join(__dirname, 'networkGuard.cjs')}`].filter(Boolean).join(' '),
    ROOTGUARD_NETWORK_LOG: networkLog,
  };
  const args = [
    entry,
    '--config', path.join(session, 'config.yaml'),
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0', // the OS picks a free port; the log says which
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []), // code-server passes it on to VS Code
  ];
  try {
    for (const vsix of options.install ?? []) {
      await runCommand(node.bin, [...args, '--install-extension', vsix], { cwd: session, env, logFile });
    }
  } catch (err) {
    fs.rmSync(session, { recursive: true, force: true });
    throw err;
  }
  const log = fs.openSync(logFile, 'a');
  const child = spawn('/bin/sh', ['-c', LIFELINE, 'code-server', node.bin, ...args], {
    cwd: session,
    env,
    detached: true, // a new session and process group: one signal reaches every process below
    stdio: ['pipe', log, log],
  });
  fs.closeSync(log);
  const pgid = child.pid!;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    unregister();
    await stopGroup(pgid);
    fs.rmSync(session, { recursive: true, force: true });
  };
  const unregister = onCleanup(stop);
  // If this process exits without running cleanups, end the group synchronously.
  process.once('exit', () => {
    if (!stopped) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  try {
    const baseUrl = await waitForListening(logFile, () => child.exitCode !== null);
    await waitForHealthz(baseUrl);
    return {
      baseUrl,
      authority: new URL(baseUrl).host,
      logFile,
      extensionsDir,
      externalConnections: () => fs.readFileSync(networkLog, 'utf8').split('\n').filter(Boolean),
      saveLogs: (dir) => {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        fs.copyFileSync(logFile, path.join(dir, 'server.log'));
        const vscodeLogs = path.join(userDataDir, 'logs');
        if (fs.existsSync(vscodeLogs)) fs.cpSync(vscodeLogs, path.join(dir, 'vscode'), { recursive: true });
      },
      stop,
    };
  } catch (err) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    await stop();
    throw new Error(`code-server did not start: ${(err as Error).message}\n${tail}`);
  }
}

async function waitForListening(logFile: string, exited: () => boolean): Promise<string> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(fs.readFileSync(logFile, 'utf8'));
    if (match) return match[1];
    if (exited()) throw new Error('the process exited');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no "HTTP server listening" line within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

async function waitForHealthz(baseUrl: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${baseUrl}/healthz did not answer within ${STARTUP_TIMEOUT_MS / 1000} s`);
}
