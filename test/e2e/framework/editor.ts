// The active text editor, driven like a user: cursor moves by "Go to Line", squiggles and hovers read
// from the DOM, quick fixes chosen from the light bulb.
import type { Locator, Page } from 'playwright-core';
import { visibleText } from './text';

/** The light bulb's menu. VS Code 1.139 adds an (empty) submenu panel with the same class beside it. */
export const CODE_ACTION_MENU = '.action-widget:not(.action-list-submenu-panel)';

const TIMEOUT_MS = 30_000;
/** Long enough for a hover to show on a loaded machine (its delay is 300 ms), short enough to try again. */
const HOVER_ATTEMPT_MS = 3_000;

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export class Editor {
  constructor(private readonly page: Page) {}

  /** The editor of the active editor group. */
  get root(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** The lines the editor renders (only the visible part of a long file; read the file after save() for all). */
  async text(): Promise<string> {
    return visibleText(this.root.locator('.view-lines'));
  }

  /** Gives the editor the keyboard without moving its cursor. */
  async focus(): Promise<void> {
    await this.root.locator('.native-edit-context, textarea.inputarea').first().focus();
  }

  /** Moves the cursor with Go to Line (Ctrl+G); line and column start at 1, as in the status bar. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: TIMEOUT_MS });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
    await this.page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor({ timeout: TIMEOUT_MS });
  }

  /** Squiggles of a severity ("any" = all of them), in document order. */
  squiggles(severity: Severity | 'any' = 'any'): Locator {
    const selector = severity === 'any' ? '[class*="squiggly-"]' : `.squiggly-${severity}`;
    return this.root.locator(`.view-overlays ${selector}, .view-overlays .cdr${severity === 'any' ? '' : `.squiggly-${severity}`}`);
  }

  /** Waits for the first squiggle of `severity` and returns it. */
  async waitForSquiggle(severity: Severity | 'any' = 'any'): Promise<Locator> {
    const squiggle = this.squiggles(severity).first();
    await squiggle.waitFor({ timeout: TIMEOUT_MS });
    return squiggle;
  }

  /** Waits until no squiggle of `severity` is left (after a fix). */
  async waitForNoSquiggle(severity: Severity | 'any' = 'any'): Promise<void> {
    await this.squiggles(severity).first().waitFor({ state: 'detached', timeout: TIMEOUT_MS });
  }

  /**
   * Moves the mouse over `target` (e.g. a squiggle) and returns the hover once it shows `text`. Monaco
   * computes a hover only on a mouse move, for what is under the mouse then, and hides it when the editor
   * scrolls or changes its model; a tab just opened can still do either. One move is then one lost chance,
   * so each attempt moves away and back onto where the target is now, as a user would.
   */
  async hover(target: Locator, text?: string | RegExp): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover:not(.hidden)', text ? { hasText: text } : {}).first();
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      // Not target.hover(): Monaco's overlay layer (sticky scroll, widgets) covers the text, and
      // Playwright refuses to hover an element another one intercepts. The mouse itself is fine.
      const box = await target.boundingBox();
      if (!box) throw new Error('the hover target is not on screen');
      await this.page.mouse.move(1, 1);
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      try {
        await hover.waitFor({ timeout: HOVER_ATTEMPT_MS });
        return hover;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
    }
  }

  /** The light bulb shown at the cursor's line when code actions are available there. */
  lightBulb(): Locator {
    return this.root.locator('.lightBulbWidget');
  }

  /**
   * Applies a quick fix from the light bulb: moves the cursor to `at` (if given), clicks the bulb and
   * picks the action whose title matches. Returns once the menu has closed.
   */
  async applyQuickFix(title: string | RegExp, at?: { line: number; column?: number }): Promise<void> {
    if (at) await this.goTo(at.line, at.column);
    const bulb = this.lightBulb();
    await bulb.waitFor({ timeout: TIMEOUT_MS });
    await bulb.click({ force: true }); // the glyph margin's overlay "intercepts" it, as for hover()
    const menu = this.page.locator(CODE_ACTION_MENU);
    await menu.locator('.monaco-list-row.action', { hasText: title }).first().waitFor({ timeout: TIMEOUT_MS });
    // Pick it with the keyboard: while the menu is open a transparent pointer block covers the page,
    // so a click lands on the block, not on the row.
    const rows = await menu.locator('.monaco-list-row.action').count();
    for (let step = 0; step <= rows; step++) {
      const focused = (await menu.locator('.monaco-list-row.action.focused').first().textContent()) ?? '';
      if (typeof title === 'string' ? focused.includes(title) : title.test(focused)) break;
      if (step === rows) throw new Error(`could not move the focus to the quick fix ${title}`);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator(CODE_ACTION_MENU).waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
  }

  /** Saves with Ctrl+S and waits until the tab is no longer marked dirty. */
  async save(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
  }
}
