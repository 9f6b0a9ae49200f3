/**
 * A progress notification that appears only when the work outlasts a short delay (after aws-toolkit):
 * an audit of one account usually ends before a notification would be worth reading. Cancelling it aborts
 * the work's AbortSignal; what the work reported before the notification appeared is shown at once.
 */
import * as vscode from 'vscode';

export interface ProgressReport {
  message?: string;
  /** Percent of the whole, added to what was reported before. */
  increment?: number;
}

export interface DelayedProgressOptions {
  title: string;
  /** Default 500 ms. */
  delayMs?: number;
  /** A signal of the caller's that also cancels the work (tests, a disconnect). */
  signal?: AbortSignal;
}

const DEFAULT_DELAY_MS = 500;

export async function withDelayedProgress<T>(
  options: DelayedProgressOptions,
  work: (progress: { report(value: ProgressReport): void }, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let shown: vscode.Progress<ProgressReport> | undefined;
  const early = { message: undefined as string | undefined, increment: 0 };
  const progress = {
    report(value: ProgressReport) {
      if (shown) return shown.report(value);
      early.message = value.message ?? early.message;
      early.increment += value.increment ?? 0;
    },
  };
  const running = work(progress, controller.signal);
  const timer = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: options.title, cancellable: true }, (notification, token) => {
      token.onCancellationRequested(() => controller.abort());
      notification.report({ message: early.message, increment: early.increment });
      shown = notification;
      return running.then(
        () => undefined,
        () => undefined,
      );
    });
  }, options.delayMs ?? DEFAULT_DELAY_MS);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
