// Connecting to the demo sandbox organization the way a first-time user does: from the RootGuard view's welcome.
import type { Locator, Page } from 'playwright-core';
import { widenSidebar } from './sidebar';
import { ROOTGUARD_ACTIVITY, UI_TIMEOUT_MS } from './workbench';

/**
 * Opens the RootGuard view on its welcome, widened to `sidebarWidth` for the suite's long rows, and returns
 * the welcome's "Try the Sandbox Organization" button. Widening first keeps the rows from reflowing under
 * the suite's first clicks.
 */
export async function openWelcome(page: Page, sidebarWidth: number): Promise<Locator> {
  await page.locator(ROOTGUARD_ACTIVITY).click();
  const trySandbox = trySandboxButton(page);
  await trySandbox.waitFor({ timeout: UI_TIMEOUT_MS });
  await widenSidebar(page, sidebarWidth);
  return trySandbox;
}

/** The welcome's button that connects the view to the sandbox organization. */
export function trySandboxButton(page: Page): Locator {
  return page.locator('.welcome-view-content a.monaco-button', { hasText: 'Try the Sandbox Organization' });
}

/** Opens the RootGuard view and connects it to the sandbox organization from the welcome. */
export async function connectToSandbox(page: Page, sidebarWidth: number): Promise<void> {
  await (await openWelcome(page, sidebarWidth)).click();
}
