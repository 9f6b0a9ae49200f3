/**
 * How a CLI command reaches AWS: a profile, the default credential chain, or the built-in sandbox
 * organization; plus the MFA prompt for role chains. Shared by `rootguard audit` and `rootguard task`.
 */
import { createInterface } from 'node:readline/promises';
import { type AwsClients, type ConnectionSettings, createAwsClients, isRegionName } from '../core/aws/clients';
import { RootGuardError } from '../core/aws/errors';
import type { Logger } from '../core/log';
import { type SandboxHandle, startSandbox } from '../sandbox/index';

/** The connection options every AWS command takes. */
export interface CliConnection {
  profile?: string;
  region?: string;
  endpoint?: string;
  maxAttempts?: number;
  retryMode?: ConnectionSettings['retryMode'];
  /** Start (or use the given) sandbox organization instead of AWS. */
  sandbox: boolean;
  sandboxAccounts: number;
}

/** What a command injects: a sandbox already running (tests turn on throttling and faults in it). */
export interface ConnectSeams {
  sandbox?: SandboxHandle;
  /**
   * Client settings the command or a test pins: the socket pool for its concurrency, a short retry delay,
   * another caller of the sandbox (its delegated administrator's keys).
   */
  clientSettings?: Pick<ConnectionSettings, 'retryDelayMs' | 'maxSockets'> & Partial<Pick<ConnectionSettings, 'credentials'>>;
  env?: NodeJS.ProcessEnv;
}

export interface CliClients {
  clients: AwsClients;
  /** Closes the clients and any sandbox this call started. */
  close(): Promise<void>;
}

/** Asks for an MFA code on the terminal (stderr, so stdout stays the report). */
async function promptMfaCode(serial: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`MFA code for ${serial}: `)).trim();
  } finally {
    rl.close();
  }
}

/** Clients for the connection; with `sandbox`, management-account clients of the sandbox organization. */
export async function connectCli(connection: CliConnection, seams: ConnectSeams = {}): Promise<CliClients> {
  // Either would be ignored in silence: the run would read another organization than the one meant.
  if (connection.sandbox && (connection.endpoint || connection.profile)) {
    throw new RootGuardError('Usage', `--sandbox starts its own organization: give --sandbox or ${connection.endpoint ? '--endpoint' : '--profile'}, not both`);
  }
  const started = connection.sandbox && !seams.sandbox ? await startSandbox({ accounts: connection.sandboxAccounts, region: connection.region }) : undefined;
  const sandbox = connection.sandbox ? (seams.sandbox ?? started) : undefined;
  try {
    const clients = await createAwsClients(
      {
        // The sandbox accepts any region, and --region is what the calls' aws:RequestedRegion is.
        region: connection.region ?? sandbox?.region,
        endpoint: sandbox?.endpoint ?? connection.endpoint,
        maxAttempts: connection.maxAttempts,
        retryMode: connection.retryMode,
        credentials: sandbox
          ? { kind: 'static', credentials: sandbox.credentials.management }
          : connection.profile
            ? { kind: 'profile', profile: connection.profile }
            : { kind: 'default' },
        mfaCodeProvider: promptMfaCode,
        userAgentApp: 'cli',
        ...seams.clientSettings,
      },
      seams.env,
    );
    return {
      clients,
      close: async () => {
        clients.destroy();
        await started?.close();
      },
    };
  } catch (err) {
    await started?.close();
    throw err;
  }
}

/** Progress and warnings on stderr; debug and info lines only with `--verbose`. */
export function stderrLogger(stderr: { write(text: string): unknown }, verbose: boolean): Logger {
  const write = (level: string) => (message: string) => void stderr.write(`rootguard: ${level}${message}\n`);
  return { debug: verbose ? write('') : () => undefined, info: verbose ? write('') : () => undefined, warn: write('warning: '), error: write('error: ') };
}

/** The regions a repeatable flag names, each once, refused as a usage error when one is not a region's name (a typo). */
export function regionFlag(flag: string, names: readonly string[] | undefined): string[] {
  for (const name of names ?? []) {
    if (!isRegionName(name)) throw new RootGuardError('Usage', `--${flag} takes AWS region names such as us-east-1, not "${name}"`);
  }
  return [...new Set(names ?? [])];
}
