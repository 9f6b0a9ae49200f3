/**
 * The extension's one log: a thin wrapper over a LogOutputChannel (after rust-analyzer's `Log`). It is
 * created in `activate` and passed by constructor, never imported as a global, so modules stay free of
 * import-time side effects. It is also the core `Logger`, so core functions log into the same channel.
 */
import { inspect } from 'node:util';
import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { findLogRevealCommand } from './logReveal';

/** How long Show Log waits between looks for the workbench to know the channel: about six seconds in all. */
const REVEAL_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1600, 3200];

export class Log implements Logger, vscode.Disposable {
  private constructor(
    private readonly channel: vscode.LogOutputChannel,
    private readonly extensionId: string,
  ) {}

  static create(extensionId: string, name = 'RootGuard'): Log {
    return new Log(vscode.window.createOutputChannel(name, { log: true }), extensionId);
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

  /**
   * Reveals the log in the Output view, keeping the focus where it is. Right after a window opens the
   * workbench may not know the channel yet and would drop `channel.show()` (see `findLogRevealCommand`),
   * so this waits a few seconds at most for the workbench's reveal command, and falls back to
   * `channel.show()` if a future VS Code names it differently.
   */
  async show(): Promise<void> {
    for (const delayMs of [0, ...REVEAL_RETRY_DELAYS_MS]) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const command = findLogRevealCommand(await vscode.commands.getCommands(true), this.extensionId);
      if (command) {
        await vscode.commands.executeCommand(command);
        return;
      }
    }
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
