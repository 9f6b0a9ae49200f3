// Mocha root hooks for the e2e suites (loaded with --require): one code-server and one headless Chromium
// for the whole run, started before the first suite and always stopped after the last; the run fails
// if anything reached beyond 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { buildExtension } from '../../harness/cli';
import { findChromium, launchBrowser } from '../../harness/chromium';
import { packageVsix, vsixPath } from '../../harness/packageVsix';
import { repoRoot } from '../../harness/paths';
import { runCleanups } from '../../harness/processes';
import { networkViolations, startTestSession } from '../../harness/testSession';
import { vscodeTarget } from '../../harness/vscodeTarget';
import { newScreenshotFolder } from './screenshots';
import { clearShared, setShared, shared } from './shared';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(15 * 60_000); // the first run installs code-server
    findChromium();
    // A VS Code that loads a development extension only with the smoke-test driver (which hides notification
    // toasts the tests look at) gets the packaged extension installed instead, as a user installs it.
    const installs = vscodeTarget().payloadNeedsSmokeTestDriver === true;
    if (installs) await packageVsix();
    else await buildExtension();
    const screenshots = newScreenshotFolder();
    console.log(`screenshots: ${path.relative(process.cwd(), screenshots)}/`);
    const session = await startTestSession(installs ? { install: [vsixPath] } : {});
    console.log(installs ? `RootGuard installed from ${path.basename(vsixPath)}` : 'RootGuard loaded from the repository (extension development path)');
    const browser = await launchBrowser();
    setShared({ session, browser, screenshots, extensionDevelopmentPath: installs ? undefined : repoRoot });
  },

  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    const current = shared();
    try {
      const violations = networkViolations(current.session, current.browser.externalRequests);
      const logs = current.session.keepLogs('e2e');
      const shots = fs.readdirSync(current.screenshots).filter((f) => f.endsWith('.png'));
      console.log(`\n${shots.length} screenshot(s) in ${path.relative(process.cwd(), current.screenshots)}/: ${shots.join(', ')}`);
      console.log(`VS Code logs: ${logs}`);
      if (violations.length) throw new Error(`requests left 127.0.0.1:\n  ${violations.join('\n  ')}`);
    } finally {
      clearShared();
      await runCleanups(); // the browser, then the server and the fake AWS endpoint
    }
  },
};
