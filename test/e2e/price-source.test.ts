/**
 * Which price a build uses, and whose it is, in real Chromium, in both languages: a part with
 * only the seed's estimate shows the estimate badge; a supplier's quote takes over, named with
 * its date and age; a quote 400 days old is flagged stale; pinning a supplier or one quote in
 * the line editor moves the price and the KPIs, and is saved with the build; Compare and Bids
 * name every price's source; the stale age is set (and validated) in Settings.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import { SOURCE_ROOT } from '../../electron/bootstrap';
import { addQuote } from '../../electron/handlers/quotes';
import { startHarness, screenshot, type Harness } from './harness';

let h: Harness;
const EXAMPLE = path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json');
const ROW = '.kpis [data-price-row="0"]';
const EAST = '华东智算科技有限公司';
const NORTH = 'North Compute Trading Ltd';

/** The date `days` before the harness's today. */
function daysAgo(days: number): string {
  const d = new Date(`${h.ctx.today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function quote(supplier: string, price: number, vatIncluded: boolean, quoteDate: string): number {
  return addQuote(h.ctx, { item: 'mlu590', quote: { supplier, price, currency: 'CNY', vatIncluded, vatRate: 0.13, quoteDate }, vatAssumed: false }).id;
}

async function openBuild(name: string) {
  const { page } = h;
  await page.locator('nav a[href="#/builds"]').click();
  await page.locator('.build-list button', { hasText: name }).click();
  await page.locator(ROW).waitFor();
  return page.locator(ROW);
}

const capex = () => h.page.locator('[data-kpi="capex"] dd').textContent();

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('price sources', () => {
  it('a part with only the seed estimate shows the estimate badge with its tooltip', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Builds' }).click();
    await page.getByRole('button', { name: '+ New build' }).click();
    await page.getByLabel('Name', { exact: true }).fill('MLU590 pod');
    const picker = page.getByRole('combobox', { name: 'Accelerator 1' });
    await picker.click();
    await picker.fill('MLU590');
    await page.locator('.picker-list [role="option"]').first().click();
    const row = page.locator(ROW);
    await expect(row.locator('[data-price-supplier]').textContent()).resolves.toBe('Estimate (no public price)');
    await expect(row.textContent()).resolves.toMatch(/^MLU590 \(思元590\) ×16 ¥85,000 ex VAT · Estimate \(no public price\), quoted \d{4}-\d{2}-\d{2} \(\d+ days old\)estimate$/);
    await expect(row.locator('[data-price-flag="estimate"]').getAttribute('title')).resolves.toBe('An estimate, not a supplier\'s quote: used only because no real quote exists for this part.');
    await expect(page.getByLabel('Price from 1').inputValue()).resolves.toBe('');
    await page.waitForTimeout(700); // the new build persists after a pause
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'price-source-estimate-en');
  });

  it('a supplier quote replaces the estimate, naming the supplier, date and age', async () => {
    const { page } = h;
    const before = await capex();
    quote(EAST, 98_000, true, daysAgo(10)); // ¥86,725.66 ex VAT
    await page.reload();
    const row = await openBuild('MLU590 pod');
    await expect(row.textContent()).resolves.toBe(`MLU590 (思元590) ×16 ¥86,726 ex VAT · ${EAST}, quoted ${daysAgo(10)} (10 days old)`);
    expect(await row.locator('[data-price-flag]').count()).toBe(0);
    await expect(row.locator('[data-price-source]').getAttribute('title')).resolves.toMatch(/^Chosen by the price policy/);
    expect(await capex()).not.toBe(before);
  });

  it('a cheaper quote 400 days old is the policy\'s choice and is flagged stale', async () => {
    const { page } = h;
    quote(NORTH, 80_000, false, daysAgo(400));
    await page.reload();
    const row = await openBuild('MLU590 pod');
    await expect(row.textContent()).resolves.toBe(`MLU590 (思元590) ×16 ¥80,000 ex VAT · ${NORTH}, quoted ${daysAgo(400)} (400 days old)stale quote`);
    await expect(row.locator('[data-price-flag="stale"]').getAttribute('title')).resolves.toBe('Quoted 400 days ago: older than 180 days (Settings → stale quotes). Ask the supplier for a fresh quote.');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'price-source-stale-en');
  });

  it('pinning a supplier, then one quote, moves the price and the KPIs and is saved with the build', async () => {
    const { page } = h;
    const policyCapex = await capex();
    const pin = page.getByLabel('Price from 1');
    await pin.selectOption({ value: `supplier:${EAST}` });
    const row = page.locator(ROW);
    await expect.poll(() => row.textContent()).toBe(`MLU590 (思元590) ×16 ¥86,726 ex VAT · ${EAST}, quoted ${daysAgo(10)} (10 days old)pinned`);
    await expect(row.locator('[data-price-flag="pinned"]').getAttribute('title')).resolves.toBe('Pinned on the line to this supplier\'s latest quote instead of the policy\'s choice.');
    const pinnedCapex = await capex();
    expect(pinnedCapex).not.toBe(policyCapex);
    await page.waitForTimeout(800); // the edit persists after a pause
    expect(h.ctx.builds.list().find((b) => b.name === 'MLU590 pod')!.lines[0]).toMatchObject({ pinSupplier: EAST });
    await page.reload();
    await openBuild('MLU590 pod');
    await expect(page.getByLabel('Price from 1').inputValue()).resolves.toBe(`supplier:${EAST}`);
    expect(await capex()).toBe(pinnedCapex);
    await screenshot(page, 'price-source-pinned-en');

    // one specific quote: the estimate, by its id
    const estimateId = h.ctx.quotes.history('mlu590').find((q) => q.source.estimate)!.id;
    const label = await page.getByLabel('Price from 1').locator(`option[value="quote:${estimateId}"]`).textContent();
    expect(label).toMatch(new RegExp(`^#${estimateId} Estimate \\(no public price\\), \\d{4}-\\d{2}-\\d{2}, ¥85,000 \\(estimate\\)$`));
    await page.getByLabel('Price from 1').selectOption({ value: `quote:${estimateId}` });
    await expect.poll(() => row.textContent()).toMatch(/^MLU590 \(思元590\) ×16 ¥85,000 ex VAT · Estimate \(no public price\), .*estimatepinned$/);
    await expect(row.locator('[data-price-flag="pinned"]').getAttribute('title')).resolves.toBe(`Pinned on the line to this quote (quote #${estimateId}) instead of the policy's choice.`);
    await page.waitForTimeout(800);
    expect(h.ctx.builds.list().find((b) => b.name === 'MLU590 pod')!.lines[0]).toMatchObject({ pinQuoteId: estimateId });
    expect(h.ctx.builds.list().find((b) => b.name === 'MLU590 pod')!.lines[0]!.pinSupplier).toBeUndefined();

    // back to the policy
    await page.getByLabel('Price from 1').selectOption({ value: '' });
    await expect.poll(() => row.textContent()).toMatch(new RegExp(`^MLU590 \\(思元590\\) ×16 ¥80,000 ex VAT · ${NORTH}`));
    expect(await capex()).toBe(policyCapex);
    await page.waitForTimeout(800);
    const saved = h.ctx.builds.list().find((b) => b.name === 'MLU590 pod')!.lines[0]!;
    expect([saved.pinQuoteId, saved.pinSupplier]).toEqual([undefined, undefined]);
    expect(h.errors).toEqual([]);
  });

  it('Compare names each build\'s card prices and their sources', async () => {
    const { page } = h;
    await page.getByRole('button', { name: '+ New build' }).click(); // the default: 16 × Ascend 910B
    await page.waitForTimeout(700);
    await page.getByRole('link', { name: 'Compare' }).click();
    for (const name of ['MLU590 pod', 'Build 2']) {
      const box = page.locator('.compare-pick label', { hasText: name }).locator('input');
      if (!(await box.isChecked())) await box.check();
    }
    const cell = page.locator('tr[data-kpi="cardPrices"] td').first();
    await cell.waitFor();
    await expect(cell.textContent()).resolves.toBe(`MLU590 (思元590) ×16 ¥80,000 ex VAT · ${NORTH}, quoted ${daysAgo(400)} (400 days old)stale quote`);
    await expect(page.locator('tr[data-kpi="cardPrices"] td').nth(1).locator('[data-price-supplier]').textContent()).resolves.toBeTruthy();
    await page.locator('tr[data-kpi="cardPrices"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'price-source-compare-en');
  });

  it('Bids name the bid as the source of its prices', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Bids' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open bid file…' }).click();
    await (await chooser).setFiles(EXAMPLE);
    const row = page.locator('tr[data-bid-row="0"] .bid-prices [data-price-row="0"]');
    await row.waitFor();
    await expect(row.locator('[data-price-supplier]').textContent()).resolves.toBe('西部数智 Xibu Shuzhi Systems');
    await expect(row.textContent()).resolves.toMatch(/ ex VAT · bid of 西部数智 Xibu Shuzhi Systems, valid until 2027-01-31$/);
    await expect(row.locator('[data-price-source]').getAttribute('title')).resolves.toBe('The price this bid quotes (ex VAT), not a catalog quote.');
    expect(await page.evaluate('document.scrollingElement.scrollWidth <= window.innerWidth')).toBe(true);
    await screenshot(page, 'price-source-bids-en');
  });

  it('Settings sets the stale age, refusing what is not a number of days, and the flags follow', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Settings' }).click();
    const field = page.getByLabel('Quotes are stale after (days)');
    await expect.poll(() => field.inputValue()).toBe('180');
    for (const bad of ['0', '3651', '12.5', 'abc']) {
      await field.fill(bad);
      await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
      await page.getByText('Enter a whole number of days from 1 to 3650.').waitFor();
      await expect(page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).resolves.toBe(true);
    }
    await field.fill('500');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Quotes older than 500 days are now flagged stale.').waitFor();
    expect(h.ctx.settings.get('staleQuoteDays')).toBe(500);
    await screenshot(page, 'price-source-settings-en');
    const row = await openBuild('MLU590 pod');
    await expect(row.textContent()).resolves.toBe(`MLU590 (思元590) ×16 ¥80,000 ex VAT · ${NORTH}, quoted ${daysAgo(400)} (400 days old)`);
    await page.locator('nav a[href="#/settings"]').click();
    await page.getByLabel('Quotes are stale after (days)').fill('180');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Quotes older than 180 days are now flagged stale.').waitFor();
    expect(h.errors).toEqual([]);
  });

  it('in 中文: the same sources, badges and tooltips on Builds, Compare, Bids and Settings', async () => {
    const { page } = h;
    await page.getByLabel('Language').first().selectOption('zh-CN');
    const row = await openBuild('MLU590 pod');
    await expect(row.textContent()).resolves.toBe(`MLU590 (思元590) ×16 ¥80,000（不含税） · ${NORTH}，报价日期 ${daysAgo(400)}（400 天前）报价过旧`);
    await expect(row.locator('[data-price-flag="stale"]').getAttribute('title')).resolves.toBe('报价已有 400 天，超过 180 天（设置 → 报价时效）。请向供应商索取新报价。');
    await page.getByLabel('价格来源 1').selectOption({ value: `supplier:${EAST}` });
    await expect.poll(() => row.textContent()).toBe(`MLU590 (思元590) ×16 ¥86,726（不含税） · ${EAST}，报价日期 ${daysAgo(10)}（10 天前）已指定`);
    await expect(page.getByLabel('价格来源 1').locator('option[value=""]').textContent()).resolves.toBe('按价格规则（默认）');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'price-source-builds-zh');
    await page.waitForTimeout(800);

    await page.locator('nav a[href="#/compare"]').click();
    const cell = page.locator('tr[data-kpi="cardPrices"] td').first();
    await expect.poll(() => cell.textContent()).toBe(`MLU590 (思元590) ×16 ¥86,726（不含税） · ${EAST}，报价日期 ${daysAgo(10)}（10 天前）已指定`);
    await page.locator('tr[data-kpi="cardPrices"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'price-source-compare-zh');

    await page.locator('nav a[href="#/bids"]').click();
    const bid = page.locator('tr[data-bid-row="0"] .bid-prices [data-price-row="0"]');
    await expect.poll(() => bid.textContent()).toMatch(/（不含税） · 投标：西部数智 Xibu Shuzhi Systems，有效期至 2027-01-31$/);
    await screenshot(page, 'price-source-bids-zh');

    await page.locator('nav a[href="#/settings"]').click();
    const field = page.getByLabel('报价过旧天数');
    await field.fill('0');
    await page.getByText('请输入 1 到 3650 之间的整数天数。').waitFor();
    await screenshot(page, 'price-source-settings-zh');
    await field.fill('180');
    await page.getByLabel('语言').first().selectOption('en');
    expect(h.errors).toEqual([]);
  });
});
