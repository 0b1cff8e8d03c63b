/** Starts the real loopback host on a temp database and a Chromium page pointed at it. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openApp, SOURCE_ROOT } from '../../electron/bootstrap';
import { startHost, type RunningHost } from '../../electron/host/server';
import type { AppContext } from '../../electron/context';
import { launchChromium } from './browser';
import { tmpDbPath } from '../helpers/tmp';

export const ARTIFACTS = path.join(SOURCE_ROOT, 'test-artifacts', 'screenshots');

export interface Harness {
  ctx: AppContext;
  host: RunningHost;
  browser: Browser;
  page: Page;
  dbPath: string;
  errors: string[];
  close(): Promise<void>;
}

export async function startHarness(dbPath = tmpDbPath()): Promise<Harness> {
  const staticDir = path.join(SOURCE_ROOT, 'dist', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('renderer not built: run `npm run build:renderer`');
  const ctx = openApp(dbPath);
  const host = await startHost({ ctx, staticDir });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    ctx,
    host,
    browser,
    page,
    dbPath,
    errors,
    async close() {
      await browser.close();
      await host.close();
      ctx.db.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
