/**
 * `rootguard`: the command-line twin of the extension. Each subcommand returns an exit code;
 * nothing here imports `vscode`.
 */
import { CodeCache, RECORD_CODE_CACHE } from './codeCache';
import { COMMANDS, commandNamed } from './commands';
import { boundHeapGrowth } from './heapGrowth';

export { CodeCache };

const USAGE = `Usage: rootguard <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n')}

Run "rootguard <command> --help" for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write(`${require('../../package.json').version}\n`);
    return 0;
  }
  const command = commandNamed(name);
  if (!command) {
    process.stderr.write(`rootguard: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  return (await command.load()).run(rest);
}

/**
 * Runs the CLI as a process: sets the exit code, prints unexpected errors without a stack. The published
 * entry point passes the bundles' code cache; the build's recording run writes it when the command is done.
 * A command that makes thousands of AWS calls first bounds the process's heap growth (heapGrowth.ts).
 */
export function runAsProcess(codeCache?: CodeCache): void {
  codeCache?.install();
  dropOutputToClosedPipes();
  const argv = process.argv.slice(2);
  const command = commandNamed(argv[0]);
  if (command?.manyAwsCalls) boundHeapGrowth();
  main(argv)
    .then((code) => {
      // A recording that cannot write (a read-only dist/) fails the run, so the build says so.
      if (process.env[RECORD_CODE_CACHE] === '1') codeCache?.record();
      process.exitCode = code;
      if (command?.exitsWhenDone) exitOnceWritten(code);
    })
    .catch((err: unknown) => {
      process.stderr.write(`rootguard: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    });
}

/**
 * Exits once everything written to stdout and stderr has been handed to the OS. Left to end by itself, a
 * one-shot lint's process then finished V8's collection of the heap it was about to free: 11-30 ms (median
 * 15) of a 250 ms lint of the corpus into a file. Output the OS has not taken yet (a pipe whose reader is
 * behind) is waited for: its last write's callback says when it is out, as callbacks come in order.
 */
function exitOnceWritten(code: number): void {
  const pending = [process.stdout, process.stderr].filter((stream) => stream.writableLength > 0);
  if (pending.length === 0) process.exit(code);
  let open = pending.length;
  for (const stream of pending) {
    stream.write('', () => {
      if (--open === 0) process.exit(code);
    });
  }
}

/**
 * A reader that stops early (`rootguard lint --format sarif | head`) closes the pipe, and the next write
 * fails with EPIPE, which Node raises as an unhandled error: a stack trace, and the run's status lost. A
 * terminal closed under the process (SIGHUP, which a root task handles by finishing the accounts already
 * changing) fails every later write with EIO the same way. Output nobody reads is dropped instead; the
 * command finishes and exits with its own status.
 */
function dropOutputToClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'EIO') throw err;
    });
  }
}

if (require.main === module) runAsProcess();
