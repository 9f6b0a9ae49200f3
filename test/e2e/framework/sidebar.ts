// The workbench's side bar, for scripts whose tree rows carry long descriptions.
import type { Page } from 'playwright-core';

const DRAGS = 3;

/**
 * Drags the sash between the side bar and the editor until the side bar is `width` pixels wide. A drag
 * that started before the sash took the pointer moves nothing, so the width is read back after each one.
 */
export async function widenSidebar(page: Page, width: number): Promise<void> {
  for (let drag = 1; ; drag++) {
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (!sidebar || sidebar.width >= width - 1) return;
    if (drag > DRAGS) throw new Error(`the side bar is ${sidebar.width} px wide after ${DRAGS} drags to ${width} px`);
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(sidebar.x + sidebar.width - 1, y);
    await page.locator('.monaco-sash.vertical.hover, .monaco-sash.vertical.active').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + width, y, { steps: 8 });
    await page.mouse.up();
  }
}
