/**
 * The extension's one log: a thin wrapper over a LogOutputChannel (after rust-analyzer's `Log`). It is
 * created in `activate` and passed by constructor, never imported as a global, so modules stay free of
 * import-time side effects. It is also the core `Logger`, so core functions log into the same channel.
 */
import { inspect } from 'node:util';
import * as vscode from 'vscode';
import type { Logger } from '../core/log';

export class Log implements Logger, vscode.Disposable {
  private constructor(private readonly channel: vscode.LogOutputChannel) {}

  static create(name = 'RootGuard'): Log {
    return new Log(vscode.window.createOutputChannel(name, { log: true }));
  }

  debug(message: string, ...details: unknown[]): void {
    this.channel.debug(format(message, details));
  }

  info(message: string, ...details: unknown[]): void {
    this.channel.info(format(message, details));
  }

  warn(message: string, ...details: unknown[]): void {
    this.channel.warn(format(message, details));
  }

  error(message: string, ...details: unknown[]): void {
    this.channel.error(format(message, details));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** One line per event, the variable part last: errors as their message, objects compactly. */
function format(message: string, details: unknown[]): string {
  if (details.length === 0) return message;
  const rendered = details.map((d) => (d instanceof Error ? d.message : typeof d === 'string' ? d : inspect(d, { breakLength: Infinity, depth: 4 })));
  return `${message} ${rendered.join(' ')}`;
}
