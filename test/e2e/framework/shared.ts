// The code-server and browser that the root hooks start once for all e2e suites.
import type { Browser } from '../../harness/chromium';
import type { TestSession } from '../../harness/testSession';

export interface SharedE2e {
  session: TestSession;
  browser: Browser;
  /** This run's screenshot folder. */
  screenshots: string;
  /** The repository, loaded as the extension under development; undefined when the packaged extension is installed. */
  extensionDevelopmentPath: string | undefined;
}

let current: SharedE2e | undefined;

export function setShared(value: SharedE2e): void {
  current = value;
}

export function clearShared(): void {
  current = undefined;
}

export function shared(): SharedE2e {
  if (!current) throw new Error('the e2e root hooks did not run: start the suites with `npm run test:e2e`');
  return current;
}
