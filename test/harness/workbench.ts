// URLs of code-server's web workbench and the extension host output it forwards to the page.
import path from 'node:path';
import util from 'node:util';
import type { ConsoleMessage } from 'playwright-core';
import type { CodeServer } from './codeServer';

export interface WorkbenchOptions {
  /** Folder opened as the workspace. */
  folder: string;
  /** Loaded like `code --extensionDevelopmentPath`, without installing; none when the extension is installed. */
  extensionDevelopmentPath?: string;
  /** A module whose run() the extension host calls, then exits (like `--extensionTestsPath`). */
  extensionTestsPath?: string;
}

/**
 * code-server has no --extensionDevelopmentPath flag; the web workbench takes the same settings from
 * its `payload` query parameter, as vscode-remote:// URIs whose authority is the page's host:port.
 */
export function workbenchUrl(server: CodeServer, options: WorkbenchOptions): string {
  const remote = (p: string) => `vscode-remote://${server.authority}${path.resolve(p)}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: path.resolve(options.folder), ...(payload.length ? { payload: JSON.stringify(payload) } : {}) });
  return `${server.baseUrl}/?${query}`;
}

/**
 * The text of a browser console message as the extension host wrote it. Forwarded messages carry
 * "%c" styling placeholders with CSS arguments, which are dropped here.
 */
export async function consoleText(message: ConsoleMessage): Promise<string> {
  let parts: unknown[];
  try {
    parts = await Promise.all(message.args().map((arg) => arg.jsonValue()));
  } catch {
    return message.text(); // the page navigated away or closed meanwhile
  }
  if (parts.length === 0) return message.text();
  const [format, ...rest] = parts;
  if (typeof format === 'string' && format.includes('%c')) {
    const styles = (format.match(/%c/g) ?? []).length;
    return util.format(format.replace(/%c/g, ''), ...rest.slice(styles)).trim();
  }
  return util.format(...parts);
}
