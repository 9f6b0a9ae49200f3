/**
 * Runs a read-only CLI command (audit, holders, preflight, history) with Ctrl-C wired to its AbortSignal: the
 * first Ctrl-C cancels the run (the command says what it finished and exits with its own code), a second one
 * exits at once. Nothing a read-only command does needs finishing, unlike a root task (taskCommand.ts), which
 * keeps every stop signal caught; here a second Ctrl-C is someone who will not wait for the reads in flight
 * (an AssumeRoot already sent is let finish), and gets a line saying so rather than a silent kill.
 * The handler is removed once the run has ended and its output is out: a report still on its way to a slow
 * reader (a pipe) is part of the run, and a Ctrl+C then gets the same answer rather than a silent kill.
 */
export interface TerminalIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  signal: AbortSignal;
}

/** The exit status of a run stopped at once by a second Ctrl-C: a shell's for a process killed by SIGINT (128 + 2). */
export const STOPPED_AT_ONCE_EXIT_CODE = 130;

export async function runInterruptible(command: string, run: (io: TerminalIo) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) {
      process.stderr.write(`rootguard ${command}: stopped at once\n`);
      process.exit(STOPPED_AT_ONCE_EXIT_CODE);
    }
    process.stderr.write(`\nrootguard ${command}: cancelling (Ctrl+C again stops at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await run({ stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
  } finally {
    await flushed(process.stdout);
    process.off('SIGINT', onInterrupt);
  }
}

/** Resolves once what was written to `stream` has been handed on (at once when nothing waits). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve();
  // Writes go out in order: an empty one's callback comes after every earlier one's (or with the stream's error).
  return new Promise((resolve) => stream.write('', () => resolve()));
}
