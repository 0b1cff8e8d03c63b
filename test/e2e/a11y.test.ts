/**
 * Accessibility: axe-core (the engine of @axe-core/playwright) run in real Chromium on every page
 * of the app in both languages, with the example comparison and bid file open so the tables and
 * editors are filled. Serious and critical violations fail the test, each named with its nodes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { startHarness, type Harness } from './harness';
import { dispatch } from '../../electron/handlers';
import { SOURCE_ROOT } from '../../electron/bootstrap';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let h: Harness;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  h = await startHarness();
  const f = 'deepseek-v3-mixed.procure.json';
  await dispatch(h.ctx, 'scenario:import', { fileName: f, text: fs.readFileSync(path.join(SOURCE_ROOT, 'examples', f), 'utf8') });
  // the app's CSP allows no injected script: this context lets the test inject axe, nothing else changes
  context = await h.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', bypassCSP: true });
  page = await context.newPage();
  // the Bids page with the example bid file open: its table and the bid editor's inputs are checked too
  await page.goto(`${h.host.url}#/bids`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open bid file…' }).click();
  await (await chooser).setFiles(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'));
  await page.locator('tr[data-bid-row]').first().waitFor();
});
afterAll(async () => {
  await context?.close();
  await h?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function axe(p: Page): Promise<Violation[]> {
  if (!(await p.evaluate('typeof window.axe !== "undefined"'))) await p.evaluate(AXE_SOURCE);
  const r = (await p.evaluate(`window.axe.run(document, { resultTypes: ['violations'] })`)) as { violations: Violation[] };
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeAll = (vs: Violation[]) => vs.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);

describe('accessibility (axe-core)', () => {
  it.each(['en', 'zh-CN'])('no serious or critical violation on any page (%s)', async (lang) => {
    await page.locator('nav.sidebar a').first().waitFor();
    await page.locator('nav.sidebar select').first().selectOption(lang);
    const hrefs = await page.locator('nav.sidebar a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThanOrEqual(5);
    const found: string[] = [];
    for (const href of hrefs) {
      await page.evaluate(`location.hash = '${href}'`);
      await page.waitForTimeout(800);
      found.push(...describeAll(await axe(page)).map((x) => `${href}: ${x}`));
    }
    await page.locator('nav.sidebar select').first().selectOption('en');
    expect(found).toEqual([]);
  });

  it('the check can fail: an unlabelled input on the page is reported as critical', async () => {
    await page.evaluate(`(() => { const i = document.createElement('input'); i.id = 'axe-probe'; document.body.appendChild(i); })()`);
    const vs = await axe(page);
    await page.evaluate(`document.getElementById('axe-probe')?.remove()`);
    expect(vs.some((v) => v.id === 'label' && v.impact === 'critical')).toBe(true);
  });

  it('the catalog is searchable by a vendor\'s Chinese name and shows it in 中文', async () => {
    await page.goto(h.host.url);
    await page.locator('nav.sidebar select').first().selectOption('zh-CN');
    await page.evaluate(`location.hash = '#/catalog'`);
    await page.locator('[data-slug="ascend-910b"]').waitFor();
    await page.getByRole('searchbox').fill('华为');
    await page.waitForTimeout(300);
    const vendors = await page.locator('.grid-row.body [role="cell"]:first-child').allTextContents();
    expect(vendors.length).toBeGreaterThanOrEqual(3);
    expect(new Set(vendors)).toEqual(new Set(['华为']));
    await page.getByRole('searchbox').fill('');
    await page.locator('nav.sidebar select').first().selectOption('en');
  });
});
