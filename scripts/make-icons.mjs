// Renders assets/build/icon.svg to the PNGs electron-builder reads from assets/build:
// icon.png (512 × 512: Linux, and the source electron-builder converts for macOS and Windows)
// and icons/256x256.png (the Linux icon set). Uses playwright-core with the system Chromium
// (CHROMIUM_PATH, default /usr/bin/chromium): nothing is downloaded. Run after editing the SVG,
// then commit the PNGs.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(import.meta.dirname, '..', 'assets', 'build');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const SIZES = [
  [512, 'icon.png'],
  [512, 'icons/512x512.png'],
  [256, 'icons/256x256.png'],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
try {
  for (const [size, name] of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const scaled = svg.replace(/width="512" height="512"/, `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${scaled}</body></html>`);
    const out = path.join(dir, name);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`wrote ${path.relative(process.cwd(), out)} (${size} × ${size})`);
  }
} finally {
  await browser.close();
}
