/**
 * Debian's Chromium through playwright-core (never a downloaded browser): the PDF printer of
 * the CLI and the loopback host, and the browser of the end-to-end tests.
 */
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * playwright-core is loaded on first use: the desktop app prints with Electron's own printer and
 * never gets here, so the package ships without it (it is a dev dependency of the CLI and tests).
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Print self-contained report HTML to an A4 PDF (page size, margins, header and page numbers
 * come from the document's @page rules). Every request the page would make is refused: the
 * report carries its fonts and charts inline. Pass a browser to reuse one across reports.
 */
export async function printWithChromium(html: string, browser?: Browser): Promise<Buffer> {
  const own = browser ? undefined : await launchChromium();
  const b = browser ?? own!;
  const context = await b.newContext({ offline: true });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await context.close();
    await own?.close();
  }
}
