// The workbench's side bar, for scripts whose tree rows carry long descriptions.
import type { Page } from 'playwright-core';

/** Drags the sash between the side bar and the editor until the side bar is `width` pixels wide. */
export async function widenSidebar(page: Page, width: number): Promise<void> {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!sidebar || sidebar.width >= width) return;
  const y = sidebar.y + sidebar.height / 2;
  await page.mouse.move(sidebar.x + sidebar.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, y, { steps: 8 });
  await page.mouse.up();
}
