/**
 * In Chromium, on the real UI: time from typing a new line count on the Builds page to the
 * updated KPIs on screen, measured inside the page (input event → DOM mutation). The 10-build
 * comparison's computation is measured in bench/compare.ts. Baseline: a round trip
 * Builds → Catalog page (mount, evaluation, 37 catalog rows).
 */
import fs from 'node:fs';
import path from 'node:path';
import { startHarness } from '../test/e2e/harness';
import { dispatch } from '../electron/handlers';
import { SOURCE_ROOT } from '../electron/bootstrap';

const EDIT = `(async (value) => {
  const input = document.querySelector('tr[data-line="0"] td.count input');
  const dd = document.querySelector('[data-kpi="capex"] dd');
  const before = dd.textContent;
  const done = new Promise((resolve) => {
    const mo = new MutationObserver(() => { if (dd.textContent !== before) { mo.disconnect(); resolve(performance.now()); } });
    mo.observe(dd, { characterData: true, childList: true, subtree: true });
  });
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  setter.call(input, String(value));
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return (await done) - t0;
})`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export default async function bench(): Promise<void> {
  if (!fs.existsSync(path.join(SOURCE_ROOT, 'dist', 'renderer', 'index.html')) || !fs.existsSync('/usr/bin/chromium')) {
    console.log('skipped: needs `npm run build:renderer` and /usr/bin/chromium');
    return;
  }
  const h = await startHarness();
  for (const f of ['deepseek-v3-mixed.procure.json', 'deepseek-v3-pd-disaggregated.procure.json', 'deepseek-v3-ascend.procure.json', 'deepseek-v3-h20.procure.json']) {
    await dispatch(h.ctx, 'scenario:import', { fileName: f, text: fs.readFileSync(path.join(SOURCE_ROOT, 'examples', f), 'utf8') });
  }
  const { page } = h;
  const nav: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    await page.evaluate(`location.hash = '#/builds'`);
    await page.locator('[data-kpi="capex"] dd').waitFor();
    await page.evaluate(`location.hash = '#/catalog'`);
    await page.locator('[data-slug="ascend-910b"]').waitFor();
    nav.push(Date.now() - t0);
  }
  await page.evaluate(`location.hash = '#/builds'`);
  await page.locator('tr[data-line="0"] td.count input').waitFor();
  const edits: number[] = [];
  for (let i = 0; i < 15; i++) edits.push((await page.evaluate(`${EDIT}(${64 + (i % 2 ? 8 : 16)})`)) as number);
  const edit = median(edits);
  const navMs = median(nav);
  console.log(`Builds page → Catalog page round trip (baseline)           ${navMs.toFixed(1).padStart(8)} ms`);
  console.log(`edit a line count → KPIs updated on screen (Chromium)       ${edit.toFixed(1).padStart(8)} ms  (${(edit / navMs).toFixed(2)}× baseline; target < 100 ms: ${edit < 100 ? 'met' : 'NOT met'})`);
  await h.close();
}
