// Renders the marketplace icon (media/icon.png, 128x128; vsce accepts only PNG icons) from the SVG
// below with headless Chromium. Run it after changing the drawing and commit the PNG.
// Usage: node scripts/renderIcon.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const SIZE = 128;

// A shield (the guard) holding a keyhole (root credentials), on a rounded navy tile.
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1f3354"/><stop offset="1" stop-color="#111c2e"/>
    </linearGradient>
    <linearGradient id="shield" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#ffb547"/><stop offset="1" stop-color="#f08a00"/>
    </linearGradient>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="24" fill="url(#tile)"/>
  <path d="M64 16 L102 30 V62 C102 86 86 104 64 112 C42 104 26 86 26 62 V30 Z" fill="url(#shield)"/>
  <path d="M64 26 L93 37 V62 C93 80 81 95 64 102 C47 95 35 80 35 62 V37 Z" fill="#16243b"/>
  <circle cx="64" cy="56" r="12" fill="#ffb547"/>
  <path d="M58 62 H70 L74 86 H54 Z" fill="#ffb547"/>
</svg>`;

const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'media', 'icon.png');
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-icon-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.ROOTGUARD_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: SIZE, height: SIZE },
  args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND'],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setContent(`<html><body style="margin:0;background:transparent">${SVG}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
