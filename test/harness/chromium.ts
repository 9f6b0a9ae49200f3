// Headless Debian Chromium driven by playwright-core, with a fresh profile per launch and a record of
// every request that would leave 127.0.0.1 (the workbench must work fully offline).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { onCleanup } from './processes';

export const CHROMIUM_ENV = 'ROOTGUARD_CHROMIUM';

/** The Chromium to use: $ROOTGUARD_CHROMIUM, else Debian's. Throws with the install line when absent. */
export function findChromium(): string {
  const candidates = [process.env[CHROMIUM_ENV], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => fs.existsSync(c));
  if (found) return found;
  throw new Error(
    `Chromium not found (looked at ${candidates.join(', ')}).\n` +
      `  The integration and e2e tests drive VS Code's workbench in headless Chromium. Install it with:\n` +
      `    apt-get install -y chromium\n` +
      `  or point ${CHROMIUM_ENV} at a Chromium/Chrome binary. Only the unit tests run without it: npm run test:unit`,
  );
}

export interface Browser {
  context: BrowserContext;
  /** URLs the pages requested outside 127.0.0.1 (they fail to resolve; the runner reports them as a failure). */
  externalRequests: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium; requests to any host but 127.0.0.1 fail and are recorded. */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-chromium-'));
  // Keep Chromium's "Crash Reports" folder out of $HOME/.config.
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') };
  // launchPersistentContext is how Playwright gives Chromium its own --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    env,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Every host name but 127.0.0.1 fails to resolve, so nothing can leave the machine even by mistake.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const externalRequests: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1') externalRequests.push(request.url());
  });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    unregister();
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  };
  const unregister = onCleanup(close);
  return { context, externalRequests, close };
}
