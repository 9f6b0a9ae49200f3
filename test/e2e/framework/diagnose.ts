// What the workbench shows, in words, for the message of a failed e2e test: a wait that timed out says
// only what did not appear, while the cause is usually something else on screen (another quick pick, a
// dialog, a notification, the log's last lines).
import type { Locator, Page } from 'playwright-core';

const LAST_PANEL_LINES = 12;
const LIST_ROWS = 8;

/** A few lines naming every transient surface that is visible now; empty parts are left out. */
export async function describeWorkbench(page: Page): Promise<string> {
  const parts = await Promise.all([quickInput(page), dialogs(page), contextMenu(page), notifications(page), focusedRow(page), activeTab(page), panel(page)]);
  const shown = parts.filter((part) => part !== '');
  return shown.length ? shown.join('\n') : 'no quick pick, dialog, menu, notification or panel was visible';
}

async function quickInput(page: Page): Promise<string> {
  const widget = page.locator('.quick-input-widget');
  if (!(await isVisible(widget))) return '';
  const title = await textOf(widget.locator('.quick-input-title'));
  const input = widget.locator('.quick-input-box input');
  const value = (await input.inputValue({ timeout: 500 }).catch(() => '')) || '';
  const placeholder = (await input.getAttribute('placeholder', { timeout: 500 }).catch(() => '')) ?? '';
  const rows = await texts(widget.locator('.quick-input-list .monaco-list-row'), LIST_ROWS);
  return `quick pick: title "${title}", input "${value}"${placeholder ? `, placeholder "${placeholder}"` : ''}${rows.length ? `, rows: ${rows.map((r) => `"${r}"`).join(', ')}` : ''}`;
}

async function dialogs(page: Page): Promise<string> {
  const boxes = await texts(page.locator('.monaco-dialog-box'), 3);
  return boxes.map((text) => `dialog: "${text}"`).join('\n');
}

async function contextMenu(page: Page): Promise<string> {
  const items = await texts(page.locator('.context-view .monaco-menu .action-label'), 20);
  return items.length ? `context menu: ${items.map((i) => `"${i}"`).join(', ')}` : '';
}

async function notifications(page: Page): Promise<string> {
  const toasts = await texts(page.locator('.notifications-toasts .notification-toast'), 5);
  return toasts.map((text) => `notification: "${text}"`).join('\n');
}

async function focusedRow(page: Page): Promise<string> {
  const row = await textOf(page.locator('.part.sidebar .monaco-list-row.focused').first());
  return row ? `focused side bar row: "${row}"` : '';
}

async function activeTab(page: Page): Promise<string> {
  const tab = await textOf(page.locator('.tabs-container .tab.active').first());
  return tab ? `active editor: "${tab}"` : '';
}

/** The panel's visible view (Output, Problems): its title and the last lines it renders. */
async function panel(page: Page): Promise<string> {
  const part = page.locator('.part.panel');
  if (!(await isVisible(part))) return '';
  const title = await textOf(part.locator('.composite.title .action-item.checked').first());
  const channel = await textOf(part.locator('.monaco-select-box').first());
  const body = (await rawText(part.locator('.monaco-editor .view-lines').first())) || (await rawText(part.locator('.pane-body').first()));
  const lines = body.replace(/\u00a0/g, ' ').split('\n').filter((l) => l.trim() !== '').slice(-LAST_PANEL_LINES);
  return `panel: ${title || 'untitled'}${channel ? ` (${channel})` : ''}, last lines:\n  ${lines.join('\n  ') || '(empty)'}`;
}

async function isVisible(locator: Locator): Promise<boolean> {
  return locator.first().isVisible().catch(() => false);
}

async function rawText(locator: Locator): Promise<string> {
  if (!(await isVisible(locator))) return '';
  return locator.first().innerText({ timeout: 500 }).catch(() => '');
}

async function textOf(locator: Locator): Promise<string> {
  return oneLine(await rawText(locator));
}

async function texts(locator: Locator, most: number): Promise<string[]> {
  const all = await locator.all().catch(() => []);
  const visible: string[] = [];
  for (const item of all.slice(0, most)) {
    if (await item.isVisible().catch(() => false)) visible.push(oneLine(await item.innerText({ timeout: 500 }).catch(() => '')));
  }
  return visible.filter((t) => t !== '');
}

function oneLine(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\s*\n\s*/g, ' · ').trim().slice(0, 400);
}
