/**
 * Every page fits 1280×800 without horizontal scrolling, in both languages; on the Builds page no
 * field clips what it shows (a select's chosen option, an input's text) at 1280×800 and 1920×1080.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, type Harness } from './harness';
import { dispatch } from '../../electron/handlers';
import { SOURCE_ROOT } from '../../electron/bootstrap';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (const f of ['deepseek-v3-mixed.procure.json', 'deepseek-v3-pd-disaggregated.procure.json']) {
    const r = await dispatch(h.ctx, 'scenario:import', { fileName: f, text: fs.readFileSync(path.join(SOURCE_ROOT, 'examples', f), 'utf8') });
    if (!r.ok) throw new Error(r.error.message);
  }
  // the longest names a line usually shows: a part with its variant, the Hopper host, a Prefill/Decode role,
  // a supplier's price, the generic engine, a price override with its note
  const long = await dispatch(h.ctx, 'builds:create', {
    name: 'Long names',
    lines: [
      { accelerator: 'ascend-910b', count: 64, role: 'prefill', server: 'atlas-800t-a2-host' },
      { accelerator: 'nvidia-h20', count: 64, role: 'decode', server: 'hgx-hopper-8gpu-host', pinSupplier: 'China distributors via Reuters', engine: 'unknown' },
      { accelerator: 'nvidia-h20', count: 8, role: 'both', unitPrice: { amount: 108_000, currency: 'CNY' }, networkPerCard: { amount: 12_000, currency: 'CNY' } },
    ],
  });
  if (!long.ok) throw new Error(long.error.message);
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

/**
 * Fields that do not show all of their text, as "name: text (needs N px, has M px)". A select's chosen
 * option is measured on a copy of the select holding that option alone, sized to it (same classes and
 * place, so the same font, padding and arrow); an input's value or placeholder with the canvas, in the
 * input's font, against its width inside the padding.
 */
const CLIPPED = `(() => {
  const out = [];
  const name = (el) => el.getAttribute('aria-label') || el.id || el.tagName.toLowerCase();
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  for (const s of document.querySelectorAll('main select')) {
    if (!shown(s) || s.selectedIndex < 0) continue;
    const text = s.options[s.selectedIndex].text;
    const probe = s.cloneNode(false);
    probe.removeAttribute('id');
    probe.setAttribute('aria-hidden', 'true');
    probe.style.cssText = 'position: absolute; visibility: hidden; width: auto; min-width: 0; max-width: none; field-sizing: fixed';
    probe.append(new Option(text));
    s.after(probe);
    const need = probe.getBoundingClientRect().width;
    probe.remove();
    const have = s.getBoundingClientRect().width;
    if (need > have + 1) out.push(name(s) + ': "' + text + '" (needs ' + Math.ceil(need) + ' px, has ' + Math.floor(have) + ' px)');
  }
  const ctx = document.createElement('canvas').getContext('2d');
  for (const i of document.querySelectorAll('main input')) {
    if (!shown(i) || ['checkbox', 'radio', 'file', 'hidden', 'range', 'color', 'date'].includes(i.type)) continue;
    const text = i.value || i.placeholder;
    if (!text) continue;
    const cs = getComputedStyle(i);
    ctx.font = cs.font;
    const need = ctx.measureText(text).width;
    const have = i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    if (need > have + 1) out.push(name(i) + ': "' + text + '" (needs ' + Math.ceil(need) + ' px, has ' + Math.floor(have) + ' px)');
  }
  return out;
})()`;

/**
 * A fresh load of `hash` in this language, saved before the load as the sidebar saves it (a choice
 * made on the page before its saved settings have loaded would be overridden by them).
 */
async function openIn(lang: 'en' | 'zh-CN', hash = ''): Promise<void> {
  await dispatch(h.ctx, 'settings:set', { key: 'ui', value: { language: lang, theme: 'light' } });
  // by way of a blank page: a goto that changes only the #hash would not load the app again
  await h.page.goto('about:blank');
  await h.page.goto(`${h.host.url}${hash}`);
  await h.page.locator('nav.sidebar a', { hasText: lang === 'en' ? 'Catalog' : '产品目录' }).waitFor();
}

describe('layout at 1280×800', () => {
  it.each(['en', 'zh-CN'] as const)('no page scrolls sideways (%s)', async (lang) => {
    const { page } = h;
    await openIn(lang);
    const hrefs = await page.locator('nav.sidebar a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThanOrEqual(4);
    for (const href of hrefs) {
      await page.evaluate(`location.hash = '${href}'`);
      await page.waitForTimeout(700);
      expect(await page.evaluate(OVERFLOW), `${href} (${lang})`).toEqual([]);
    }
  });
});

describe('Builds page: no field clips its text', () => {
  it.each([
    [1280, 800, 'en'],
    [1280, 800, 'zh-CN'],
    [1920, 1080, 'en'],
    [1920, 1080, 'zh-CN'],
  ] as const)('at %i×%i (%s), for every build', async (width, height, lang) => {
    const { page } = h;
    await page.setViewportSize({ width, height });
    try {
      await openIn(lang, '#/builds');
      const builds = page.locator('.build-list button');
      await builds.first().waitFor();
      const n = await builds.count();
      expect(n).toBeGreaterThanOrEqual(6);
      for (let b = 0; b < n; b++) {
        await builds.nth(b).click();
        const name = (await builds.nth(b).textContent())!.trim();
        await page.locator('tr[data-line="0"]').waitFor();
        await page.locator('[data-kpi="tco"] dd').waitFor();
        // the price-source select fills in once the part's quotes are loaded
        await expect.poll(() => page.locator('tr[data-line] select option[value="loading"]').count()).toBe(0);
        expect(await page.evaluate(CLIPPED), `${name} at ${width}×${height} (${lang})`).toEqual([]);
        expect(await page.evaluate(OVERFLOW), `${name} at ${width}×${height} (${lang})`).toEqual([]);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
