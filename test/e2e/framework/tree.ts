// Rows of the workbench's tree views (the Root Access view): found by label, expanded and right-clicked.
// A view repaints as results arrive, which can move rows between finding one and clicking it; so each
// action checks that it took effect on the intended row, and tries again when it did not.
import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT_MS } from './workbench';

const ATTEMPTS = 3;

/** A row by its label (a string is the whole label, a RegExp any part of it); `state` adds a selector. */
export function treeRow(page: Page, label: string | RegExp, state = ''): Locator {
  const pattern = typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : label;
  return page.locator(`.pane-body .monaco-list-row${state}`).filter({ has: page.locator('.label-name', { hasText: pattern }) }).first();
}

/**
 * Moves the mouse off the view and waits until no tooltip is up. VS Code 1.139 shows a row's tooltip below
 * the row the mouse rests on, over the rows beneath it, where it takes the next click.
 */
async function clearHover(page: Page): Promise<void> {
  await page.mouse.move(1, 1);
  await page.locator('.context-view .hover-contents').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Expands a row (a no-op when it is); a click that lands on a neighbour is repeated. */
export async function expandRow(page: Page, label: string): Promise<void> {
  const expanded = treeRow(page, label, '[aria-expanded="true"]');
  for (let attempt = 1; ; attempt++) {
    const target = treeRow(page, label);
    await target.waitFor({ timeout: UI_TIMEOUT_MS });
    // VS Code marks a row expanded at once, before its children load, so a slow load is never clicked shut.
    if ((await target.getAttribute('aria-expanded')) === 'false') {
      await clearHover(page);
      await target.click();
    }
    try {
      await expanded.waitFor({ timeout: attempt === ATTEMPTS ? UI_TIMEOUT_MS : 5_000 });
      // The mouse rests on the row it clicked, whose tooltip would come up over the rows it expanded and
      // take the next click meant for one of them.
      await clearHover(page);
      return;
    } catch (err) {
      if (attempt === ATTEMPTS) throw err;
    }
  }
}

/**
 * Opens a row (a click runs its command) until `opened` shows. A fresh-clone CI run in VS Code 1.100 clicked
 * the Organization policies node's first row as the node was still updating its rows: the row came out
 * selected and focused, but its command never ran (no error, nothing in the extension's log), and the test
 * waited 30 s for a tab. A user clicks again; so does each attempt here, after a few seconds.
 */
export async function openRow(page: Page, label: string | RegExp, opened: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await clearHover(page);
    await treeRow(page, label).click();
    try {
      await opened.waitFor({ timeout: attempt === ATTEMPTS ? UI_TIMEOUT_MS : 5_000 });
      return;
    } catch (err) {
      if (attempt === ATTEMPTS) throw err;
    }
  }
}

/** Opens a row's context menu; it counts only once VS Code focused that row (where the right-click landed). */
export async function openRowContextMenu(page: Page, label: string): Promise<Locator> {
  const menu = page.locator('.context-view .monaco-menu');
  const focused = page.locator('.pane-body .monaco-list-row.focused .label-name').first();
  for (let attempt = 1; ; attempt++) {
    await clearHover(page);
    await treeRow(page, label).click({ button: 'right' });
    await menu.waitFor({ timeout: UI_TIMEOUT_MS });
    const landedOn = await focused.innerText();
    if (landedOn === label) return menu;
    if (attempt === ATTEMPTS) throw new Error(`the context menu opened on "${landedOn}", not "${label}", ${ATTEMPTS} times`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }
}

/**
 * Hovers `target` until `hover` shows. A row repainted under the mouse (the last results arriving) drops
 * its hover, which comes back only when the mouse moves again, so each attempt moves away and back.
 */
export async function hoverUntil(page: Page, target: Locator, hover: Locator): Promise<Locator> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    await page.mouse.move(1, 1);
    await target.hover();
    try {
      await hover.waitFor({ timeout: 3000 });
      return hover;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
}

/**
 * Runs the entry `title` of an open context menu from the keyboard. VS Code's menus ignore mouse clicks for
 * their first 100 ms, and longer on a busy machine (each entry's mouse-up listener is attached on a timer,
 * "to avoid accidental clicks"), so a click as soon as the entry shows can be dropped without a trace. The
 * menu's keyboard handling is there from the start: move the focus to the entry, then press Enter.
 */
export async function runContextMenuEntry(page: Page, menu: Locator, title: string): Promise<void> {
  const focused = menu.locator('.action-item.focused .action-label');
  const entries = await menu.locator('.action-item .action-label').count();
  for (let step = 0; step <= entries; step++) {
    if ((await focused.count()) === 1 && (await focused.innerText()).trim() === title) {
      await page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the context menu has no entry "${title}"`);
}
