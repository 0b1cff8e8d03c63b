/**
 * The tender bill of quantities (分项报价表 / 清单) imported end to end in real Chromium in both
 * languages, each on a fresh database: the zh-CN run shows the page, the sheet's supplier and
 * date, the row kinds, the 总价 mismatch, the flagged row's reason and the skipped rows in
 * Chinese (no English sentence), and writes the very quotes the English run writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, afterEach } from 'vitest';
import type { Page } from 'playwright-core';
import { tmpDir } from '../helpers/tmp';
import { startHarness, screenshot, type Harness } from './harness';
import { tenderWorkbook } from '../integration/import/fixtures';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function upload(page: Page, file: string, button: string): Promise<void> {
  const [fc] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await fc.setFiles(file);
}

const rowText = async (page: Page, n: number) => (await page.locator(`[role="row"][data-row="${n}"]`).textContent()) ?? '';

/** What an import wrote, without ids and times: the fields a buyer would compare. */
function written(hh: Harness, importId: number) {
  return hh.ctx.quotes
    .list()
    .filter((q) => q.importId === importId)
    .map((q) => ({
      row: q.sourceRow,
      kind: q.kind,
      item: q.item,
      cardSlug: q.cardSlug ?? null,
      cardsPerServer: q.cardsPerServer ?? null,
      platform: q.platform,
      supplier: q.supplier,
      quoteDate: q.quoteDate,
      price: q.price,
      currency: q.currency,
      vatIncluded: q.vatIncluded,
      vatRate: q.vatRate,
      leadTimeWeeks: q.leadTimeWeeks ?? null,
      sheet: q.sourceSheet,
    }))
    .sort((a, b) => a.row! - b.row!);
}

async function boqFile(): Promise<string> {
  const file = path.join(tmpDir(), '分项报价表.xlsx');
  fs.writeFileSync(file, await tenderWorkbook());
  return file;
}

async function commitAndRead(page: Page, button: RegExp, done: RegExp): Promise<number> {
  await page.getByRole('button', { name: button }).click();
  const ok = page.locator('.import-banner.success');
  await ok.waitFor();
  const text = (await ok.textContent()) ?? '';
  expect(text).toMatch(done);
  return Number(/#(\d+)/.exec(text)?.[1]);
}

let english: ReturnType<typeof written> = [];

describe('tender bill of quantities, end to end in both languages', () => {
  it('English: the rows it writes', async () => {
    h = await startHarness();
    const { page } = h;
    await page.goto(`${h.host.url}#/import`);
    await page.getByRole('heading', { name: 'Import a vendor price sheet' }).waitFor();
    await upload(page, await boqFile(), 'Choose file…');
    // the first preview of a fresh app starts the import worker: allow for a loaded machine
    await page.locator('[role="row"][data-row="8"]').waitFor({ timeout: 90_000 });
    await expect(page.getByLabel('Import row 8').isChecked()).resolves.toBe(false);
    const id = await commitAndRead(page, /^Import 4 rows$/, /^Import #\d+ from 分项报价表\.xlsx: 4 quotes written/);
    english = written(h, id);
    expect(english.map((q) => q.row)).toEqual([4, 5, 6, 7]);
    expect(h.errors).toEqual([]);
  });

  it('中文: the same rows, every message in Chinese', async () => {
    h = await startHarness();
    const { page } = h;
    await page.goto(`${h.host.url}#/import`);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '导入供应商报价单' }).waitFor();
    await upload(page, await boqFile(), '选择文件…');
    await page.locator('[role="row"][data-row="8"]').waitFor({ timeout: 90_000 });

    // the sheet's supplier and quote date, said in Chinese
    await expect(page.getByTestId('import-sheet-meta').textContent()).resolves.toBe('供应商取自表格第 2 行；在此填写的名称优先。 报价日期 2026-10-15（报价时效从此日起算）。');
    await expect(page.getByLabel('供应商', { exact: true }).inputValue()).resolves.toBe('华东智算科技有限公司');

    // servers told from cards
    const atlas = await rowText(page, 4);
    expect(atlas).toMatch(/整机：8 × Ascend 910B4[^，]*，折合每卡不含税 ¥/);
    expect(atlas).toContain('新报价');
    expect(await rowText(page, 5)).toContain('单卡');
    // 总价 ≠ 单价 × 数量, in Chinese
    expect(await rowText(page, 6)).toMatch(/第 J 列“总价（元）”：单价 × 数量 = 1,400,000 × 1 = 1,400,000，但总价为 1,300,000（相差 -100,000）；已采用单价/);
    // the card priced per 台: flagged, unticked, with its reason in Chinese
    const flagged = await rowText(page, 8);
    expect(flagged).toMatch(/需确认，未勾选：单位“台”是整机单位，但该行写的是加速卡/);
    await expect(page.getByLabel('导入第 8 行').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('导入第 4 行').isChecked()).resolves.toBe(true);
    // subtotal and stamp lines skipped, with the reason in Chinese
    expect(await rowText(page, 9)).toContain('小计行');
    expect(await rowText(page, 10)).toContain('签章行（盖章/签字）');
    // no English sentence in the rows (the sheet's own model names aside)
    for (const n of [4, 5, 6, 7, 8, 9, 10]) expect(await rowText(page, n), `row ${n}`).not.toMatch(/\b(?:server|card|per|the|total|needs|confirmation|signature|subtotal|New quote|Skipped)\b/i);
    await screenshot(page, 'import-tender-zh');

    const id = await commitAndRead(page, /^导入 4 行$/, /^导入 #\d+（分项报价表\.xlsx）：写入 4 条报价/);
    const chinese = written(h, id);
    expect(english).toHaveLength(4);
    expect(chinese).toEqual(english);
    expect(chinese.find((q) => q.row === 4)).toMatchObject({ kind: 'server-purchase', item: 'huawei-atlas-800i-a2', cardsPerServer: 8, supplier: '华东智算科技有限公司', quoteDate: '2026-10-15' });
    expect(h.errors).toEqual([]);
  });
});
