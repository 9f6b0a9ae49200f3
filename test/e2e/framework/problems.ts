// The Problems panel: the entries a user reads (message, source, rule code, position).
import type { Locator, Page } from 'playwright-core';

const TIMEOUT_MS = 30_000;

export class Problems {
  constructor(private readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('.markers-panel');
  }

  /** Shows the Problems panel (Ctrl+Shift+M) unless it is already visible. */
  async open(): Promise<void> {
    if (await this.panel.isVisible()) return;
    await this.page.keyboard.press('Control+Shift+M');
    await this.panel.waitFor({ timeout: TIMEOUT_MS });
  }

  /** Problem rows (not the file rows that group them) containing `text`, or all of them. */
  entries(text?: string | RegExp): Locator {
    return this.panel.locator('.monaco-list-row .marker-message-details, .monaco-list-row .marker-icon').locator('xpath=ancestor::div[contains(@class,"monaco-list-row")][1]').filter(text ? { hasText: text } : {});
  }

  /** Opens the panel and waits for a problem containing `text`, e.g. "RG101". */
  async waitForEntry(text: string | RegExp): Promise<Locator> {
    await this.open();
    const entry = this.entries(text).first();
    await entry.waitFor({ timeout: TIMEOUT_MS });
    return entry;
  }

  /** Waits until no problem contains `text` (after a quick fix). */
  async waitForNoEntry(text: string | RegExp): Promise<void> {
    await this.open();
    await this.entries(text).first().waitFor({ state: 'detached', timeout: TIMEOUT_MS });
  }

  /** The visible problems as the user reads them, one string per row. */
  async texts(): Promise<string[]> {
    await this.open();
    return this.entries().allInnerTexts();
  }
}
