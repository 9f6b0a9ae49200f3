// Polling instead of fixed sleeps: the extension host answers at its own pace, on a slow CI box too.
import * as vscode from 'vscode';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Says what was awaited when it times out. */
  message?: string;
}

/** Resolves with the first truthy value of `probe`; rejects after `timeoutMs` (default 10 s). */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.message ?? 'a condition'}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Waits until the diagnostics of `uri` satisfy `accept` (e.g. "has one RG101", "is empty"). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  options: WaitOptions = {},
): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    { message: `diagnostics of ${vscode.workspace.asRelativePath(uri)}`, ...options },
  );
}
