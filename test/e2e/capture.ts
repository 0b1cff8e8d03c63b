/**
 * `npm run screenshots`: every page in both languages (and dark), with the example scenarios
 * loaded, saved under test-artifacts/screenshots/pages/ for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, ARTIFACTS } from './harness';
import { dispatch } from '../../electron/handlers';
import { SOURCE_ROOT } from '../../electron/bootstrap';

const out = path.join(ARTIFACTS, 'pages');
fs.mkdirSync(out, { recursive: true });
const h = await startHarness();
for (const f of ['deepseek-v3-mixed.procure.json', 'deepseek-v3-pd-disaggregated.procure.json']) {
  const text = fs.readFileSync(path.join(SOURCE_ROOT, 'examples', f), 'utf8');
  const r = await dispatch(h.ctx, 'scenario:import', { fileName: f, text });
  if (!r.ok) throw new Error(r.error.message);
}
const { page } = h;
await page.locator('nav.sidebar a').first().waitFor();
const pageIds = (await page.locator('nav.sidebar a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).map((href) => href.replace('#/', ''));
for (const lang of ['en', 'zh-CN'] as const) {
  await page.goto(h.host.url);
  await page.locator('select').last().waitFor();
  await page.locator('nav.sidebar select').first().selectOption(lang);
  for (const id of pageIds) {
    await page.evaluate(`location.hash = '#/${id}'`);
    await page.waitForTimeout(1200);
    if (id === 'catalog') await page.locator('[data-slug="ascend-910b"]').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `${id}-${lang}.png`) });
  }
}
await page.emulateMedia({ colorScheme: 'dark' });
await page.evaluate("location.hash = '#/compare'");
await page.waitForTimeout(1200);
await page.screenshot({ path: path.join(out, 'compare-dark-zh-CN.png') });
await h.close();
console.log(`screenshots in ${out}`);
