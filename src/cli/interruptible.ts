/**
 * Runs a CLI command with Ctrl-C wired to its AbortSignal: the first Ctrl-C cancels the run (the command
 * says what it finished and exits), and the handler is removed when the run ends.
 */
export interface TerminalIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  signal: AbortSignal;
}

export async function runInterruptible(run: (io: TerminalIo) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await run({ stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
