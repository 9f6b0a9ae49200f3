/**
 * The CLI's command table: one line per subcommand, each module owning its options and help.
 * A module is loaded only when its command runs: `audit` pulls in the AWS SDK and the sandbox, which
 * `rootguard lint` should not pay for at start-up. The bundler turns each `import()` into a lazily
 * initialised module, so the summaries for `--help` live here, next to the loader.
 */

export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

/** A table entry: what `rootguard --help` prints, and how to load the command when it runs. */
export interface CommandEntry {
  summary: string;
  load(): Promise<CliCommand>;
  /** Makes thousands of AWS calls: its process bounds the heap's growth (heapGrowth.ts). */
  manyAwsCalls?: true;
  /** Works in memory and leaves nothing running when done: its process exits as soon as its output is written. */
  exitsWhenDone?: true;
}

export const COMMANDS: Record<string, CommandEntry> = {
  audit: {
    summary: 'audit member accounts’ root credentials and print the posture report',
    load: async () => (await import('./auditCommand')).auditCommand,
    manyAwsCalls: true,
  },
  holders: {
    summary: 'list who can open root sessions, for which tasks and accounts, riskiest first',
    load: async () => (await import('./holdersCommand')).holdersCommand,
    manyAwsCalls: true,
  },
  history: {
    summary: 'list the root sessions opened in the last 90 days, joined with the audit log, and flag foreign ones',
    load: async () => (await import('./historyCommand')).historyCommand,
    manyAwsCalls: true,
  },
  lint: {
    summary: 'lint policies, permission sets and CloudFormation templates',
    load: async () => (await import('./lintCommand')).lintCommand,
    exitsWhenDone: true,
  },
  preflight: {
    summary: 'predict which root tasks the organization’s SCPs and RCPs let work in which account',
    load: async () => (await import('./preflightCommand')).preflightCommand,
    manyAwsCalls: true,
  },
  simulate: {
    summary: 'decide one request against identity policies, SCPs, RCPs and a resource policy',
    load: async () => (await import('./simulateCommand')).simulateCommand,
    exitsWhenDone: true,
  },
  task: {
    summary: 'run a privileged root task (delete credentials, password recovery, unlock a bucket or queue)',
    load: async () => (await import('./taskCommand')).taskCommand,
    manyAwsCalls: true,
  },
  sandbox: {
    summary: 'serve a local sandbox organization (STS, IAM, Organizations, S3, SQS) on 127.0.0.1',
    load: async () => (await import('./sandboxCommand')).sandboxCommand,
  },
};

/** The entry of a command name, if it is one: own keys only, so "constructor" is an unknown command, not a crash. */
export function commandNamed(name: string | undefined): CommandEntry | undefined {
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}
