// `npm run demo`: RootGuard doing its job within minutes, with no AWS account. Builds the extension,
// starts a seeded sandbox organization on 127.0.0.1, copies demo/workspace (policy files with findings)
// to a temp folder, and opens VS Code on it with RootGuard from this repository, already set up to use
// the sandbox:
//   - desktop VS Code (`code --extensionDevelopmentPath`) in a separate instance with its own user data,
//     when a `code` command is on the PATH;
//   - otherwise (or with --web) the offline code-server workbench on 127.0.0.1, installed into
//     .vscode-test/ on first use; open the printed URL in a browser.
// RootGuard connects to the sandbox the way it connects to AWS: an AWS profile (written to a temp
// AWS_CONFIG_FILE for the VS Code it starts, never to ~/.aws) plus the connection settings in that VS
// Code's user settings. Runs until Ctrl+C (or the desktop window closes), then stops every process it
// started and removes its temp folders. Prints "DEMO_READY <url>" once usable (the e2e test reads it).
// Usage: npm run demo [-- --web]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../src/sandbox/index';
import { buildExtension } from '../test/harness/cli';
import { startCodeServer } from '../test/harness/codeServer';
import { findOnPath } from '../test/harness/codeServerInstall';
import { repoRoot } from '../test/harness/paths';
import { onCleanup, runCleanups, stopGroup } from '../test/harness/processes';
import { vscodeTarget } from '../test/harness/vscodeTarget';
import { workbenchUrl } from '../test/harness/workbench';

const DEMO_PROFILE = 'rootguard-sandbox';

/**
 * About 60 accounts in OUs nested three deep: every root credential profile several times over, two
 * suspended accounts, one under an SCP that denies root sessions, six locked buckets and six locked
 * queues; latency close to AWS's so that audit progress is visible.
 */
const DEMO_ORGANIZATION: SandboxOptions = {
  accounts: 60,
  ouDepth: 3,
  seed: 7,
  latency: { fixedMs: 40, jitterMs: 60 },
};

/** The user settings that point RootGuard at the sandbox, and keep the demo window uncluttered. */
function demoSettings(sandbox: SandboxHandle): Record<string, unknown> {
  return {
    'rootguard.connection.profile': DEMO_PROFILE,
    'rootguard.connection.region': sandbox.region,
    'rootguard.connection.endpoint': sandbox.endpoint,
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
  };
}

async function main(args: string[]): Promise<void> {
  const code = args.includes('--web') ? undefined : findOnPath('code');
  const started = Date.now();

  step('building the extension (npm run build)');
  await buildExtension();

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-demo-'));
  onCleanup(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const workspace = path.join(scratch, 'rootguard-demo');
  fs.cpSync(path.join(repoRoot, 'demo', 'workspace'), workspace, { recursive: true });

  const sandbox = await startSandbox(DEMO_ORGANIZATION);
  onCleanup(() => sandbox.close());
  const { world } = sandbox;
  step(`sandbox organization at ${sandbox.endpoint}: ${world.accounts.length} accounts, ${world.organizationalUnits.length} OUs`);
  const env = withDemoProfile(process.env, writeAwsConfig(scratch, sandbox));

  let url: string;
  let exited: Promise<void>;
  if (code) {
    step(`opening desktop VS Code (${code}) on ${workspace}`);
    ({ url, exited } = openDesktop(code, scratch, workspace, env, demoSettings(sandbox)));
  } else {
    step('starting the offline VS Code workbench (code-server) on 127.0.0.1');
    // The minimum VS Code, whatever ROOTGUARD_VSCODE says: newer web workbenches load an extension from
    // the URL only with the smoke-test driver, which hides notifications.
    const server = await startCodeServer({ env, settings: demoSettings(sandbox), target: vscodeTarget('minimum') });
    url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot });
    exited = new Promise<void>(() => undefined); // runs until Ctrl+C
  }

  console.log('');
  console.log(code ? 'RootGuard is open in a new VS Code window.' : `Open this URL in a browser:\n\n  ${url}\n`);
  console.log('Then: the Root Access icon in the activity bar shows the sandbox organization; open a file');
  console.log('under policies/ or scp/ to see the linter; Help > Get Started > "Get started with RootGuard".');
  console.log(`The same sandbox from a terminal: export ${cliEnvironment(sandbox)}`);
  console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl+C stops the demo and everything it started.`);
  console.log(`DEMO_READY ${url}`);
  await exited;
}

/** A shared-config profile holding the sandbox's management-account keys, in files of this demo only. */
function writeAwsConfig(scratch: string, sandbox: SandboxHandle): { config: string; credentials: string } {
  const dir = path.join(scratch, 'aws');
  fs.mkdirSync(dir, { mode: 0o700 });
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  const keys = sandbox.credentials.management;
  fs.writeFileSync(config, `[profile ${DEMO_PROFILE}]\nregion = ${sandbox.region}\nendpoint_url = ${sandbox.endpoint}\n`, { mode: 0o600 });
  fs.writeFileSync(credentials, `[${DEMO_PROFILE}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`, { mode: 0o600 });
  return { config, credentials };
}

/** The VS Code it starts sees only the demo profile: the user's AWS_* variables and ~/.aws stay out. */
function withDemoProfile(env: NodeJS.ProcessEnv, files: { config: string; credentials: string }): NodeJS.ProcessEnv {
  const withoutAws = Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('AWS_')));
  return { ...withoutAws, AWS_CONFIG_FILE: files.config, AWS_SHARED_CREDENTIALS_FILE: files.credentials, AWS_EC2_METADATA_DISABLED: 'true' };
}

function cliEnvironment(sandbox: SandboxHandle): string {
  const keys = sandbox.credentials.management;
  return `AWS_ENDPOINT_URL=${sandbox.endpoint} AWS_ACCESS_KEY_ID=${keys.accessKeyId} AWS_SECRET_ACCESS_KEY=${keys.secretAccessKey} AWS_REGION=${sandbox.region}`;
}

/**
 * Desktop VS Code as its own instance (fresh user data and extensions folders, so the user's window and
 * settings are untouched and the environment above reaches its extension host). `--wait` keeps the CLI
 * running until the window closes, which ends the demo too.
 */
function openDesktop(code: string, scratch: string, workspace: string, env: NodeJS.ProcessEnv, settings: Record<string, unknown>) {
  const userData = path.join(scratch, 'vscode-user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const child = spawn(
    code,
    ['--new-window', '--wait', `--user-data-dir=${userData}`, `--extensions-dir=${path.join(scratch, 'vscode-extensions')}`, `--extensionDevelopmentPath=${repoRoot}`, workspace],
    { env, detached: true, stdio: 'ignore' }, // its own process group, ended as a whole on Ctrl+C
  );
  const pgid = child.pid!;
  onCleanup(() => stopGroup(pgid));
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  return { url: `vscode (pid ${pgid})`, exited };
}

function step(message: string): void {
  console.log(`• ${message}`);
}

// Ctrl+C, SIGTERM and SIGHUP are handled by the harness's cleanup registry (onCleanup): it stops the
// server's process group, closes the sandbox, removes the temp folders, then exits.
process.once('SIGINT', () => console.log('\nstopping the demo...'));
main(process.argv.slice(2))
  .then(() => runCleanups())
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    console.error(`\nnpm run demo failed: ${err instanceof Error ? err.message : String(err)}`);
    await runCleanups();
    process.exit(1);
  });
