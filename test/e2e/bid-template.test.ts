/**
 * The bid template end to end in real Chromium, in English and in 中文: download the template
 * from the Bids page, fill it in Node with exceljs as a supplier would, upload it, and see the
 * bid scored as the model scores it; a bad cell shows where it is in the UI's language. Bid
 * dates are typed and shown as YYYY-MM-DD whatever the browser's locale.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_ROOT } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { startHarness, screenshot, ARTIFACTS, type Harness } from './harness';

const EXAMPLE = path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json');
const example = () => JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { bids: unknown[] } & Record<string, unknown>;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.page.goto(`${h.host.url}#/bids`);
});
afterAll(() => h?.close());

async function openExample(): Promise<void> {
  const chooser = h.page.waitForEvent('filechooser');
  await h.page.getByRole('button', { name: /^(Open bid file…|打开投标文件…)$/ }).click();
  await (await chooser).setFiles(EXAMPLE);
}

/** Click the download button and load what the browser saved. */
async function downloadTemplate(button: string, as: string): Promise<{ file: string; wb: ExcelJS.Workbook }> {
  const download = h.page.waitForEvent('download');
  await h.page.getByRole('button', { name: button }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('Bid template XB-AI-2026-017.xlsx');
  const file = path.join(ARTIFACTS, as);
  await d.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { file, wb };
}

/** A supplier's answers: 128 Ascend 910B at a price written the Chinese way, a quoted host, delivery in 周, validity as 年月日. */
async function fill(wb: ExcelJS.Workbook, out: string, vendor: string, price: string, deviation?: string): Promise<string> {
  const part = wb.getWorksheet('_procure')!.getColumn(4).values.find((v) => typeof v === 'string' && v.startsWith('Huawei Ascend 910B ('));
  const b = wb.getWorksheet('投标人信息 Bidder')!;
  b.getCell('B2').value = vendor;
  const p = wb.getWorksheet('报价 Prices')!;
  p.getCell('B2').value = part as string;
  p.getCell('D2').value = '128卡';
  p.getCell('E2').value = price;
  p.getCell('G2').value = 'Atlas 800I A2 host';
  p.getCell('H2').value = 8;
  p.getCell('I2').value = '2000W';
  p.getCell('J2').value = '¥395,000.00';
  p.getCell('K2').value = 6500;
  const t = wb.getWorksheet('交付与条款 Delivery and terms')!;
  t.getCell('B2').value = '8周';
  t.getCell('B3').value = '5年';
  t.getCell('B5').value = '2027年1月31日';
  t.getCell('B6').value = '是 / Yes';
  const tech = wb.getWorksheet('技术响应 Technical response')!;
  for (let r = 2; r <= tech.rowCount; r++) if (tech.getCell(r, 1).value) tech.getCell(r, 3).value = '满足 / Complies';
  if (deviation) {
    // row 3 answers the throughput requirement
    tech.getCell('C3').value = '偏离 / Deviates';
    tech.getCell('D3').value = deviation;
  }
  const file = path.join(ARTIFACTS, out);
  await wb.xlsx.writeFile(file);
  return file;
}

async function upload(button: string, file: string): Promise<void> {
  const chooser = h.page.waitForEvent('filechooser');
  await h.page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
}

/** The model's total score of the bids of the example plus the ones read from `files`, through the same handlers. */
async function modelScores(files: string[]): Promise<(number | null)[]> {
  const body = example();
  for (const f of files) {
    const r = await dispatch(h.ctx, 'bids:template-import', { fileName: path.basename(f), dataBase64: fs.readFileSync(f).toString('base64'), bidFile: body });
    if (!r.ok) throw new Error(r.error.message);
    body.bids.push((r.value as { bid: unknown }).bid);
  }
  const ev = await dispatch(h.ctx, 'bids:evaluate', { bidFile: body });
  if (!ev.ok) throw new Error(ev.error.message);
  return (ev.value as { bids: { totalScore: number | null }[] }).bids.map((b) => b.totalScore);
}

describe('bid template in the browser', () => {
  it('downloads the template, imports the filled one and scores the bid (English)', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: 'Bid comparison' }).waitFor();
    await openExample();
    await page.getByTestId('recommendation').waitFor();
    const { wb } = await downloadTemplate('Download bid template', 'bid-template-en.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toContain('报价 Prices');
    const filled = await fill(wb, 'bid-template-filled-en.xlsx', '华北智算 Huabei Compute', '12.9万');
    await upload('Import filled template…', filled);
    await page.getByRole('status').getByText('Imported the bid of 华北智算 Huabei Compute from bid-template-filled-en.xlsx as bid 5').waitFor();
    const scores = await modelScores([filled]);
    const row = page.locator('tr[data-bid-row="4"]');
    await expect(row.locator('.vendor').textContent()).resolves.toBe('华北智算 Huabei Compute');
    await expect(row.locator('.total').textContent()).resolves.toBe(scores[4]!.toFixed(2));
    await expect(page.getByTestId('responses-5').textContent()).resolves.toBe('Technical response: 8 complies, 0 deviates');
    await screenshot(page, 'bid-template-imported-en');
  });

  it('does the same in 中文 and shows a bad cell with its sheet, row and column', async () => {
    const { page } = h;
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '投标比选' }).waitFor();
    const { wb } = await downloadTemplate('下载投标模板', 'bid-template-zh.xlsx');
    // the requirement did not change: the same template, whatever the UI language
    const bad = await fill(wb, 'bid-template-bad-zh.xlsx', '东方算力 Dongfang Compute', '十二万');
    await upload('导入已填模板…', bad);
    await page.locator('.error-banner').getByText('bid-template-bad-zh.xlsx，工作表“报价 Prices”，第 2 行，E 列（每卡单价 Unit price per card）：“十二万”不是价格；请写 1250000、125万 或 ¥1,250,000.00').waitFor();
    // two bad cells: both listed, each in the UI's language
    const twice = new ExcelJS.Workbook();
    await twice.xlsx.readFile(bad);
    twice.getWorksheet('交付与条款 Delivery and terms')!.getCell('B2').value = '很快';
    await twice.xlsx.writeFile(bad);
    await upload('导入已填模板…', bad);
    const banner = page.locator('.error-banner');
    await banner.getByText(/^共 2 处问题：/).waitFor();
    await expect(banner.textContent()).resolves.toContain('工作表“交付与条款 Delivery and terms”，第 2 行，B 列（交货期（中标后周数） Delivery (weeks after award)）：“很快”不是交货期；请写 8、8周 或 2个月');
    await expect(page.locator('tr[data-bid-row="5"]').count()).resolves.toBe(0);

    const { wb: again } = await downloadTemplate('下载投标模板', 'bid-template-zh.xlsx');
    const good = await fill(again, 'bid-template-filled-zh.xlsx', '东方算力 Dongfang Compute', '¥126,000.00', '以实测为准');
    await upload('导入已填模板…', good);
    await page.getByRole('status').getByText('已从 bid-template-filled-zh.xlsx 导入 东方算力 Dongfang Compute 的投标（第 6 个）').waitFor();
    const scores = await modelScores([path.join(ARTIFACTS, 'bid-template-filled-en.xlsx'), good]);
    await expect(page.locator('tr[data-bid-row="5"] .total').textContent()).resolves.toBe(scores[5]!.toFixed(2));
    await expect(page.locator('tr[data-bid-row="4"] .total').textContent()).resolves.toBe(scores[4]!.toFixed(2));
    await expect(page.getByTestId('responses-6').textContent()).resolves.toBe('技术响应：7 项满足，1 项偏离 · 偏离：吞吐量 (以实测为准)');
    await screenshot(page, 'bid-template-imported-zh');
  });

  it('types and shows bid dates as YYYY-MM-DD, with a clear message for anything else', async () => {
    const { page } = h;
    const award = page.getByLabel('中标日期', { exact: false }).first();
    await expect(award.getAttribute('type')).resolves.not.toBe('date');
    await expect(award.inputValue()).resolves.toBe('2026-12-15');
    await award.fill('2026年12月1日');
    await award.blur();
    await expect(award.inputValue()).resolves.toBe('2026-12-01');
    await award.fill('12/15/2026');
    await page.getByText('请按 YYYY-MM-DD 填写日期，例如 2026-12-31。').waitFor();
    await expect(award.getAttribute('aria-invalid')).resolves.toBe('true');
    await award.fill('2026-12-15');
    await expect(page.getByText('请按 YYYY-MM-DD 填写日期，例如 2026-12-31。').count()).resolves.toBe(0);
    await page.getByLabel('语言').selectOption('en');
    const valid = page.getByLabel('Valid until 1', { exact: true });
    await expect(valid.inputValue()).resolves.toBe('2027-01-31');
    expect(h.errors).toEqual([]);
  });
});
