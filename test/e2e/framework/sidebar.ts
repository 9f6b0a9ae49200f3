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
    const sashX = await sashNear(page, sidebar.x + sidebar.width);
    await page.mouse.move(sashX, y);
    await page.locator('.monaco-sash.vertical.hover, .monaco-sash.vertical.active').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    await page.mouse.down();
    await page.mouse.move(sashX + width - sidebar.width, y, { steps: 8 });
    await page.mouse.up();
  }
}

/**
 * The middle of the enabled vertical sash at the side bar's right edge. VS Code 1.100 lays it over the
 * edge; 1.139, whose parts have gaps between them, puts it just right of the edge.
 */
async function sashNear(page: Page, edge: number): Promise<number> {
  const centres = await page
    .locator('.monaco-sash.vertical:not(.disabled)')
    .evaluateAll((sashes) => sashes.map((sash) => sash.getBoundingClientRect()).map((box) => box.x + box.width / 2));
  const nearest = centres.sort((a, b) => Math.abs(a - edge) - Math.abs(b - edge))[0];
  if (nearest === undefined || Math.abs(nearest - edge) > 8) throw new Error(`no sash at the side bar's edge (x ${edge}); sashes at ${centres.join(', ')}`);
  return nearest;
}
