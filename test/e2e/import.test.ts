/**
 * The Import page in real Chromium against the real handlers and a temp database: a Chinese
 * workbook and a GBK CSV are previewed, a mapping is broken and fixed, rows are imported, the
 * prices show on the Catalog page, and both imports are undone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { SOURCE_ROOT } from '../../electron/bootstrap';
import { tmpDir } from '../helpers/tmp';
import { startHarness, screenshot, type Harness } from './harness';
import { tenderWorkbook } from '../integration/import/fixtures';

const SAMPLES = path.join(SOURCE_ROOT, 'examples', 'price-sheets');
const XLSX = path.join(SAMPLES, 'huadong-zhisuan-quote.xlsx');
const GBK = path.join(SAMPLES, 'shenzhen-distributor-gbk.csv');
const USD = path.join(SAMPLES, 'global-reseller-usd.csv');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

async function upload(page: Page, file: string, button = 'Choose file…'): Promise<void> {
  const [fc] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await fc.setFiles(file);
}

const rowStatus = (page: Page, row: number) => page.locator(`[role="row"][data-row="${row}"]`).getAttribute('data-status');
const importedQuotes = (importId: number) => h.ctx.quotes.list().filter((q) => q.importId === importId);
const catalogPrice = async (page: Page, slug: string) => (await page.locator(`[data-slug="${slug}"] [role="cell"]`).last().textContent())?.trim();

async function waitIdle(page: Page): Promise<void> {
  await page.locator('.import-progress').waitFor({ state: 'detached' });
}

describe('import page', () => {
  it('shows the drop zone and an empty history', async () => {
    const { page } = h;
    await page.goto(`${h.host.url}#/import`);
    await page.getByRole('heading', { name: 'Import a vendor price sheet' }).waitFor();
    await page.getByText('No imports yet.').waitFor();
    await screenshot(page, 'import-empty-en');
  });

  it('explains a file it cannot read, naming it', async () => {
    const { page } = h;
    const bad = path.join(tmpDir(), 'broken-quote.xlsx');
    fs.writeFileSync(bad, Buffer.from('PK\u0003\u0004 this is not really a workbook \u0000\u0001\u0002'.repeat(20), 'latin1'));
    await upload(page, bad);
    const banner = page.getByRole('alert');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('broken-quote.xlsx');
    await screenshot(page, 'import-error-en');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached' });
  });

  it('previews the Chinese workbook: sheet, header, mapping with units, rows with statuses', async () => {
    const { page } = h;
    await upload(page, XLSX);
    await page.locator('[role="row"][data-row="6"]').waitFor();
    await expect(page.getByLabel('Sheet').inputValue()).resolves.toBe('报价明细');
    await expect(page.getByLabel('Header row').inputValue()).resolves.toBe('4');
    await expect(page.getByLabel('VAT rate (%)').inputValue()).resolves.toBe('13');
    const price = page.locator('[data-column="E"]');
    await expect(price.locator('select').inputValue()).resolves.toBe('unitPrice');
    expect(await price.textContent()).toMatch(/含税单价（万元）.*detected.*100 %.*万元 incl\. VAT/);
    await expect(page.locator('[data-column="C"] select').inputValue()).resolves.toBe('item');
    await expect(page.locator('[data-column="A"] select').inputValue()).resolves.toBe('');

    await expect(rowStatus(page, 6)).resolves.toBe('new');
    const r6 = await page.locator('[data-row="6"]').textContent();
    expect(r6).toMatch(/昇腾910B.*Ascend 910B.*¥110,619.*incl\. VAT ¥125,000.*16.*8 wk.*2026-12-31.*New quote/);
    await expect(rowStatus(page, 9)).resolves.toBe('skipped');
    expect(await page.locator('[data-row="9"]').textContent()).toContain('待定');
    expect(await page.locator('[data-row="12"]').textContent()).toMatch(/server: 8 × .*Ascend 910B.*Atlas/);
    await expect(page.getByRole('button', { name: /^New quote/ }).textContent()).resolves.toMatch(/6$/);
    await expect(page.getByRole('button', { name: /^Skipped/ }).textContent()).resolves.toMatch(/5$/);
    await expect(page.getByLabel('Import row 9').isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Import 6 rows' }).waitFor();
    await screenshot(page, 'import-preview-en');
  });

  it('a wrong column mapping gives error rows naming the column; fixing it clears them', async () => {
    const { page } = h;
    await page.getByLabel('Meaning of column G (交货期)').selectOption('validUntil');
    await page.getByRole('button', { name: /^Error\s*3$/ }).waitFor();
    await expect(page.locator('[data-column="H"] select').inputValue()).resolves.toBe('');
    expect(await page.locator('[data-column="G"]').textContent()).toContain('set by you');
    await page.getByRole('button', { name: /^Error/ }).click();
    await expect(page.locator('.import-grid [role="row"][data-row]').count()).resolves.toBe(3);
    expect(await page.locator('[data-row="7"] .row-issues').textContent()).toBe('Column G “交货期”: "4-6周" is not a date');
    await expect(page.getByLabel('Import row 7').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'import-mapping-errors-en');

    await page.getByLabel('Meaning of column G (交货期)').selectOption('leadTime');
    await expect.poll(() => page.locator('[data-column="G"] select').inputValue()).toBe('leadTime');
    await page.getByLabel('Meaning of column H (报价有效期)').selectOption('validUntil');
    await page.getByRole('button', { name: /^Error\s*0$/ }).waitFor();
    await page.getByRole('button', { name: /^All/ }).click();
    await expect(rowStatus(page, 7)).resolves.toBe('new');
  });

  it('imports the accepted rows (one unchecked) in one batch and shows it in the history', async () => {
    const { page } = h;
    await page.getByLabel('Import row 7').uncheck();
    await page.getByRole('button', { name: 'Import 5 rows' }).click();
    const ok = page.locator('.import-banner.success');
    await ok.waitFor();
    expect(await ok.textContent()).toMatch(/Import #1 from huadong-zhisuan-quote\.xlsx: 5 quotes written \(new: 5, price changes: 0, unchanged: 0\)/);
    await expect(page.locator('[data-import-id="1"]').textContent()).resolves.toMatch(/#1 huadong-zhisuan-quote\.xlsx.*报价明细.*5 quotes/);
    const quotes = importedQuotes(1);
    expect(quotes.map((q) => q.sourceRow).sort((a, b) => a! - b!)).toEqual([6, 8, 10, 12, 13]);
    expect(quotes.find((q) => q.sourceRow === 10)).toMatchObject({ item: 'metax-c500', price: 96_000, currency: 'CNY', vatIncluded: true, sourceSheet: '报价明细' });
    expect(quotes.find((q) => q.sourceRow === 12)).toMatchObject({ kind: 'server-purchase', cardsPerServer: 8 });
    await screenshot(page, 'import-committed-en');
  });

  it('shows the imported price on the Catalog page', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.locator('[data-slug="metax-c500"]').waitFor();
    await expect(catalogPrice(page, 'metax-c500')).resolves.toBe('¥84,956');
    await expect(catalogPrice(page, 'ascend-910b')).resolves.toBe('¥110,619');
  });

  it('previews a GBK CSV: encoding, another supplier than the first import (so new quotes, not price changes), and imports it', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Import' }).click();
    await upload(page, GBK);
    await page.locator('[role="row"][data-row="2"]').waitFor();
    expect(await page.locator('.import-facts').textContent()).toMatch(/CSV.*gb18030/);
    expect(await page.locator('[data-column="C"]').textContent()).toMatch(/不含税单价（元）.*CNY excl\. VAT/);
    // The first workbook names its supplier (华东智算科技有限公司) in its title; this CSV names none.
    await expect(rowStatus(page, 2)).resolves.toBe('new');
    await expect(rowStatus(page, 3)).resolves.toBe('new');
    await screenshot(page, 'import-gbk-preview-en');
    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    await page.locator('.import-banner.success').waitFor();
    expect(await page.locator('.import-banner.success').textContent()).toMatch(/Import #2 .*4 quotes written \(new: 4, price changes: 0/);
    expect(importedQuotes(2).map((q) => q.item).sort()).toEqual(['ascend-910b', 'hygon-k100-ai', 'kunlunxin-p800', 'mtt-s4000']);
  });

  it('undoes an import after confirming (Escape cancels, Enter confirms)', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Undo #2' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Undo import #2\?.*4 quotes imported from shenzhen-distributor-gbk\.csv/);
    await screenshot(page, 'import-undo-confirm-en');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(importedQuotes(2)).toHaveLength(4);

    await page.getByRole('button', { name: 'Undo #2' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('Import #2 was undone').waitFor();
    await waitIdle(page);
    expect(importedQuotes(2)).toHaveLength(0);
    expect(await page.locator('[data-import-id="2"]').textContent()).toContain('undone');

    await page.getByRole('button', { name: 'Undo #1' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Undo import' }).click();
    await page.getByText('Import #1 was undone').waitFor();
    await waitIdle(page);
    expect(importedQuotes(1)).toHaveLength(0);
    expect(h.ctx.quotes.list().filter((q) => q.importId !== null)).toEqual([]);

    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.locator('[data-slug="metax-c500"]').waitFor();
    await expect(catalogPrice(page, 'metax-c500')).resolves.toBe('–');
    await expect(catalogPrice(page, 'ascend-910b')).resolves.toBe('¥120,000');
  });

  it('takes a price sheet dropped on the page (not as a scenario) and re-previews on supplier and VAT changes', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Import' }).click();
    const b64 = fs.readFileSync(USD).toString('base64');
    const dt = await page.evaluateHandle(`(() => {
      const bin = atob('${b64}');
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'global-reseller-usd.csv', { type: 'text/csv' }));
      return dt;
    })()`);
    for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('.import-page', type, { dataTransfer: dt });
    await page.locator('[role="row"][data-row="2"]').waitFor();
    expect(new URL(page.url()).hash).toBe('#/import');
    expect(await page.locator('[data-row="2"]').textContent()).toMatch(/H100 SXM5 80GB.*\$28,500.*incl\. VAT \$32,205/);
    expect(await page.locator('.import-detection .warnings').textContent()).toMatch(/does not say whether prices include VAT/);

    await page.getByLabel('Prices').selectOption('included');
    await expect.poll(() => page.locator('[data-row="2"]').textContent()).toMatch(/\$25,221.*incl\. VAT \$28,500/);
    await expect(page.locator('.import-detection .warnings').count()).resolves.toBe(0);
    await page.getByLabel('VAT rate (%)').fill('6');
    await page.getByLabel('VAT rate (%)').press('Enter');
    await expect.poll(() => page.locator('[data-row="2"]').textContent()).toMatch(/\$26,887.*incl\. VAT \$28,500/);
    await page.getByLabel('Supplier').fill('Global Reseller Ltd');
    await page.getByLabel('Supplier').press('Tab');
    await waitIdle(page);
    await expect(page.getByLabel('Supplier').inputValue()).resolves.toBe('Global Reseller Ltd');
    await page.getByRole('button', { name: 'Close file' }).click();
    await page.getByText(/Drop an Excel or CSV price sheet here/).waitFor();
  });

  it('in 中文 and in the dark theme', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '导入供应商报价单' }).waitFor();
    await upload(page, XLSX, '选择文件…');
    await page.locator('[role="row"][data-row="6"]').waitFor();
    expect(await page.locator('[data-row="6"]').textContent()).toContain('新报价');
    // The first import remembered this layout's mapping.
    expect(await page.locator('[data-column="E"]').textContent()).toContain('已记住');
    await page.getByRole('button', { name: /^导入 6 行$/ }).waitFor();
    await screenshot(page, 'import-preview-zh');
    await page.getByRole('button', { name: /^错误/ }).click();
    await page.getByRole('button', { name: /^全部/ }).click();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await screenshot(page, 'import-preview-zh-dark');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Import a vendor price sheet' }).waitFor();
    await screenshot(page, 'import-preview-dark-en');
    await page.emulateMedia({ colorScheme: 'light' });
    // Nothing may scroll sideways at 1280×800.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await page.locator('.import-page').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(h.errors).toEqual([]);
  });
  it('a tender bill of quantities: servers and cards told apart, the flagged row unticked with its reason, committed', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Close file' }).click();
    const file = path.join(tmpDir(), 'tender-boq.xlsx');
    fs.writeFileSync(file, await tenderWorkbook());
    await upload(page, file);
    await page.locator('[role="row"][data-row="8"]').waitFor();
    await expect(page.getByTestId('import-sheet-meta').textContent()).resolves.toMatch(/Supplier read from row 2.*Quote date 2026-10-15/);
    await expect(page.getByLabel('Supplier').inputValue()).resolves.toBe('华东智算科技有限公司');
    const atlas = (await page.locator('[data-row="4"]').textContent()) ?? '';
    expect(atlas).toMatch(/server/);
    expect(atlas).toMatch(/8 × Ascend 910B4/);
    expect(await page.locator('[data-row="5"]').textContent()).toMatch(/card/);
    expect(await page.locator('[data-row="6"]').textContent()).toMatch(/the total says 1,300,000/);
    const flagged = (await page.locator('[data-row="8"]').textContent()) ?? '';
    expect(flagged).toMatch(/Needs confirmation, not selected: the unit "台" is a server unit/);
    await expect(page.getByLabel('Import row 8').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Import row 4').isChecked()).resolves.toBe(true);
    await screenshot(page, 'import-tender-en');
    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    const ok = page.locator('.import-banner.success');
    await ok.waitFor();
    const id = Number(/Import #(\d+)/.exec((await ok.textContent()) ?? '')?.[1]);
    const quotes = importedQuotes(id);
    expect(quotes.map((q) => q.sourceRow).sort((a, b) => a! - b!)).toEqual([4, 5, 6, 7]);
    expect(quotes.find((q) => q.sourceRow === 4)).toMatchObject({ kind: 'server-purchase', item: 'huawei-atlas-800i-a2', cardsPerServer: 8, supplier: '华东智算科技有限公司', quoteDate: '2026-10-15' });
    expect(h.errors).toEqual([]);
  });
});
