// What the commands that talk to AWS do alike: usage errors and --help, then their work on a connection they
// close after, a cancel or a failure ending as one line on stderr and the command's exit code.
import { answeredWithoutAwsError, isAbortError, RootGuardError } from '../core/aws/errors';
import type { CliClients } from './connect';

interface Streams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The arguments to run with, or the exit code when there is nothing to run. */
export type ParsedArgs<A> = { args: A } | { exitCode: number };

/** Parses the arguments; a usage error prints its reason and the help (exit 2), `--help` the help (exit 0). */
export function parseCommandArgs<A>(command: string, help: string, io: Streams, parse: () => A | 'help'): ParsedArgs<A> {
  let args: A | 'help';
  try {
    args = parse();
  } catch (err) {
    io.stderr.write(`rootguard ${command}: ${(err as Error).message}\n\n${help}\n`);
    return { exitCode: 2 };
  }
  if (args === 'help') {
    io.stdout.write(`${help}\n`);
    return { exitCode: 0 };
  }
  return { args };
}

/** What a command says and returns when cancelled before its work produced anything. */
export interface CancelledExit {
  message: string;
  exitCode: number;
}

const CANCELLED: CancelledExit = { message: 'cancelled', exitCode: 2 };

/** An error in what the user asked for (an option, an account or OU the organization does not have). */
export function isUsageError(err: unknown): boolean {
  return err instanceof RootGuardError && err.code === 'Usage';
}

/**
 * Prints why a command stopped and returns its exit code: the cancel's own line and code, or the failure's
 * message with its AWS or RootGuard code (none for a usage error, whose message says it all) and
 * `failureExitCode` (2 unless the command documents otherwise).
 */
export function reportCommandFailure(command: string, io: Pick<Streams, 'stderr'>, err: unknown, cancelled = CANCELLED, failureExitCode = 2): number {
  if (isAbortError(err)) {
    io.stderr.write(`rootguard ${command}: ${cancelled.message}\n`);
    return cancelled.exitCode;
  }
  const notAws = answeredWithoutAwsError(err);
  if (notAws) {
    io.stderr.write(`rootguard ${command}: ${notAws}\n`);
    return failureExitCode;
  }
  const code = err instanceof RootGuardError && !isUsageError(err) ? ` (${err.code})` : '';
  io.stderr.write(`rootguard ${command}: ${(err as Error).message}${code}\n`);
  return failureExitCode;
}

/** Opens a connection, runs the command's work on it and closes it whatever happens. */
export async function runConnected(
  command: string,
  io: Pick<Streams, 'stderr'>,
  connect: () => Promise<CliClients>,
  work: (connection: CliClients) => Promise<number>,
  cancelled = CANCELLED,
): Promise<number> {
  let connection: CliClients | undefined;
  try {
    connection = await connect();
    return await work(connection);
  } catch (err) {
    return reportCommandFailure(command, io, err, cancelled);
  } finally {
    await connection?.close();
  }
}
