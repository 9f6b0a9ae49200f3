/**
 * `rootguard sandbox`: starts the sandbox organization on 127.0.0.1, prints the endpoint and the environment
 * for any AWS SDK or the AWS CLI (management-account keys), and serves until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSandbox, type SandboxHandle } from '../sandbox/index';
import type { CliCommand } from './commands';

const HELP = `Usage: rootguard sandbox [options]

Starts a local AWS endpoint (STS, IAM, Organizations, S3, SQS) serving a seeded organization with
centralized root access, bound to 127.0.0.1. Runs until interrupted (Ctrl-C).

Options:
  --accounts N    accounts in the organization, management included (default 10, at least 3)
  --port P        TCP port (default: a free one)
  --latency MS    added latency per request in milliseconds (default 0)
  --seed S        seed of the generated organization (default 1)
  -h, --help      show this help
`;

export interface SandboxCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when the command should stop; defaults to SIGINT/SIGTERM. */
  untilStopped?: (sandbox: SandboxHandle) => Promise<void>;
}

interface Parsed {
  accounts?: number;
  port?: number;
  latency?: number;
  seed?: number;
}

/** Parses and checks the options; a string is the error to print. */
export function parseSandboxArgs(args: string[]): Parsed | 'help' | string {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        accounts: { type: 'string' },
        port: { type: 'string' },
        latency: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  if (values.help) return 'help';
  const checks: [keyof Parsed, number, number][] = [
    ['accounts', 3, 100_000],
    ['port', 0, 65_535],
    ['latency', 0, 60_000],
    ['seed', 0, 2 ** 32 - 1],
  ];
  const parsed: Parsed = {};
  for (const [name, min, max] of checks) {
    const raw = values[name];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < min || n > max) return `--${name} must be an integer from ${min} to ${max}, got "${String(raw)}"`;
    parsed[name] = n;
  }
  return parsed;
}

export async function runSandboxCommand(args: string[], io: SandboxCommandIo): Promise<number> {
  const parsed = parseSandboxArgs(args);
  if (parsed === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.stderr(`rootguard sandbox: ${parsed}\n\n${HELP}`);
    return 2;
  }
  const sandbox = await startSandbox({ accounts: parsed.accounts, port: parsed.port, seed: parsed.seed, latency: parsed.latency ? { fixedMs: parsed.latency } : undefined });
  const { management } = sandbox.credentials;
  const world = sandbox.world;
  io.stdout(
    [
      `Sandbox organization ${world.organization.id}: ${world.accounts.length} accounts, management account ${world.organization.managementAccountId}`,
      `Endpoint: ${sandbox.endpoint}`,
      '',
      '# Management-account credentials for any AWS SDK or the AWS CLI:',
      `export AWS_ENDPOINT_URL=${sandbox.endpoint} AWS_ACCESS_KEY_ID=${management.accessKeyId} AWS_SECRET_ACCESS_KEY=${management.secretAccessKey} AWS_REGION=${sandbox.region}`,
      '',
      '# Then, for example:',
      'aws organizations list-accounts',
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await (io.untilStopped ?? untilSignal)(sandbox);
  await sandbox.close();
  io.stderr('sandbox stopped\n');
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const sandboxCommand: CliCommand = {
  summary: 'serve a local sandbox organization (STS, IAM, Organizations, S3, SQS) on 127.0.0.1',
  run: (args) =>
    runSandboxCommand(args, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    }),
};
