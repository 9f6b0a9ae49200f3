// Text as a user reads it off the workbench. Monaco renders spaces as U+00A0 and splits lines into
// styled spans, so exact-text locators miss; poll the normalized text instead.
import type { Locator } from 'playwright-core';

export async function visibleText(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\u00a0/g, ' ');
}

/** Waits until the text of `locator` matches `pattern`; fails with the text it saw last. */
export async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = await visibleText(locator).catch(() => last);
    if (pattern.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${pattern} in:\n${last.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
