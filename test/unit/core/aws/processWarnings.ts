/**
 * The warnings Node emits (`process.emitWarning`) while `work` runs, such as a MaxListenersExceededWarning
 * when one AbortSignal collects more listeners than Node's leak threshold: printed to stderr, it is what a
 * `rootguard` user sees.
 */
export async function warningsDuring(work: () => Promise<unknown>): Promise<Error[]> {
  const warnings: Error[] = [];
  const record = (warning: Error) => warnings.push(warning);
  process.on('warning', record);
  try {
    await work();
    // Node hands warnings to listeners on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', record);
  }
  return warnings;
}
