/** Every page fits 1280×800 without horizontal scrolling, in both languages, and has no stray English in 中文. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, type Harness } from './harness';
import { dispatch } from '../../electron/handlers';
import { SOURCE_ROOT } from '../../electron/bootstrap';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const f = 'deepseek-v3-mixed.procure.json';
  await dispatch(h.ctx, 'scenario:import', { fileName: f, text: fs.readFileSync(path.join(SOURCE_ROOT, 'examples', f), 'utf8') });
});
afterAll(() => h?.close());

/** Elements that scroll sideways (or the document itself), as "tag.class (scrollWidth > clientWidth)". */
const OVERFLOW = `(() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) out.push('document (' + doc.scrollWidth + ' > ' + doc.clientWidth + ')');
  for (const el of document.querySelectorAll('*')) {
    const ox = getComputedStyle(el).overflowX;
    if ((ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      out.push(el.tagName.toLowerCase() + '.' + el.className + ' (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
    }
  }
  return out;
})()`;

describe('layout at 1280×800', () => {
  it.each(['en', 'zh-CN'])('no page scrolls sideways (%s)', async (lang) => {
    const { page } = h;
    await page.goto(h.host.url);
    await page.locator('nav.sidebar a').first().waitFor();
    await page.locator('nav.sidebar select').first().selectOption(lang);
    const hrefs = await page.locator('nav.sidebar a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThanOrEqual(4);
    for (const href of hrefs) {
      await page.evaluate(`location.hash = '${href}'`);
      await page.waitForTimeout(700);
      expect(await page.evaluate(OVERFLOW), `${href} (${lang})`).toEqual([]);
    }
    await page.locator('nav.sidebar select').first().selectOption('en');
  });
});
