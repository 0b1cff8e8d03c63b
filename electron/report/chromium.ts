/**
 * Debian's Chromium through playwright-core (never a downloaded browser): the PDF printer of
 * the CLI and the loopback host, and the browser of the end-to-end tests.
 *
 * Starting and closing a browser is a third of a report's time, so the printer keeps one for the
 * process's life: launched on the first print, reused by every print after it (each in a page of
 * its own), closed once it has been idle for CHROMIUM_IDLE_MS (the timer never keeps the process
 * alive), relaunched when it crashed or was closed, and killed with the process (playwright's
 * own exit handlers). A process that prints and then has nothing left to do (the CLI) calls
 * closeChromium() when its command ends, so it exits at once rather than after the idle time.
 */
import type { Browser, BrowserContext } from 'playwright-core';

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

/** How long the kept browser may sit unused before it is closed (its processes hold ~150 MB). */
export const CHROMIUM_IDLE_MS = 120_000;

/**
 * playwright-core is loaded on first use: the desktop app prints with Electron's own printer and
 * never gets here, so the package ships without it (it is a dev dependency of the CLI and tests).
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** One page of `html` printed to an A4 PDF in a context that refuses every request. */
async function printIn(context: BrowserContext, html: string): Promise<Buffer> {
  const page = await context.newPage();
  try {
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await page.close().catch(() => undefined);
  }
}

interface Kept {
  browser: Browser;
  /** One offline context for every report: pages are the unit of isolation, each opened and closed per print. */
  context: BrowserContext;
}

let kept: Promise<Kept> | undefined;
let busy = 0;
let idleTimer: NodeJS.Timeout | undefined;
let idleMs = CHROMIUM_IDLE_MS;
let launches = 0;

function keep(): Promise<Kept> {
  if (kept) return kept;
  const p: Promise<Kept> = (async () => {
    launches++;
    const browser = await launchChromium();
    // a crash, a kill or a close from elsewhere: the next print launches a new one
    browser.on('disconnected', () => {
      if (kept === p) kept = undefined;
    });
    try {
      return { browser, context: await browser.newContext({ offline: true }) };
    } catch (e) {
      await browser.close().catch(() => undefined);
      throw e;
    }
  })();
  kept = p;
  p.catch(() => {
    if (kept === p) kept = undefined;
  });
  return p;
}

function idleLater(): void {
  clearTimeout(idleTimer);
  if (busy > 0) return;
  idleTimer = setTimeout(() => void closeChromium(), idleMs);
  idleTimer.unref();
}

/** Whether a failure means the browser went away (then one retry on a fresh browser is worth it). */
function browserGone(e: unknown, k: Kept | undefined): boolean {
  return !k?.browser.isConnected() || /Target page, context or browser has been closed|Browser has been closed|browser has disconnected/i.test(String(e));
}

/**
 * Print self-contained report HTML to an A4 PDF (page size, margins, header and page numbers
 * come from the document's @page rules). Every request the page would make is refused: the
 * report carries its fonts and charts inline. Without a browser it prints with the kept one;
 * pass a browser to print with that one instead (tests that hold their own).
 */
export async function printWithChromium(html: string, browser?: Browser): Promise<Buffer> {
  if (browser) {
    const context = await browser.newContext({ offline: true });
    try {
      return await printIn(context, html);
    } finally {
      await context.close();
    }
  }
  busy++;
  clearTimeout(idleTimer);
  try {
    for (let attempt = 0; ; attempt++) {
      let k: Kept | undefined;
      try {
        k = await keep();
        return await printIn(k.context, html);
      } catch (e) {
        if (attempt > 0 || !browserGone(e, k)) throw e;
        if (k && kept && (await kept.catch(() => undefined)) === k) kept = undefined;
      }
    }
  } finally {
    busy--;
    idleLater();
  }
}

/** Closes the kept browser now (a print after this launches a new one). */
export async function closeChromium(): Promise<void> {
  clearTimeout(idleTimer);
  const p = kept;
  kept = undefined;
  const k = await p?.catch(() => undefined);
  await k?.browser.close().catch(() => undefined);
}

/** The kept browser's state, for tests and the bench: whether one is open, and how many were launched. */
export function keptChromium(): { open: boolean; launches: number } {
  return { open: kept !== undefined, launches };
}

/** Sets how long the kept browser may stay idle (tests use a short one); takes effect from the next print. */
export function setChromiumIdleMs(ms: number): void {
  idleMs = ms;
}
