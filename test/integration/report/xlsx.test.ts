/** The XLSX export read back with exceljs: sheets, numbers as numbers with formats, formula-looking text neutralised. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { dispatch } from '../../../electron/handlers';
import { neutralise, sheetName } from '../../../electron/report/xlsx';
import { tmpDbPath } from '../../helpers/tmp';

const EXAMPLE = path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json');
const HOSTILE = '=HYPERLINK("http://x","click")';

let ctx: AppContext;
beforeAll(() => {
  ctx = openApp(tmpDbPath());
});
afterAll(() => ctx?.db.close());

async function workbook(input: Record<string, unknown>): Promise<{ wb: ExcelJS.Workbook; fileName: string }> {
  const r = await dispatch(ctx, 'report:xlsx', input);
  if (!r.ok) throw new Error(r.error.message);
  const out = r.value as { fileName: string; dataBase64: string };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.dataBase64, 'base64') as unknown as ArrayBuffer);
  fs.mkdirSync(path.join(SOURCE_ROOT, 'test-artifacts', 'report'), { recursive: true });
  fs.writeFileSync(path.join(SOURCE_ROOT, 'test-artifacts', 'report', out.fileName.replace(/[^\w.-]+/g, '_')), Buffer.from(out.dataBase64, 'base64'));
  return { wb, fileName: out.fileName };
}

function allCells(wb: ExcelJS.Workbook): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(c))));
  return cells;
}

describe('report XLSX', () => {
  it('has a summary, one sheet per bid and the assumptions, with numbers stored as numbers', async () => {
    const f = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { bids: { vendor: string }[] };
    const { wb, fileName } = await workbook({ bidFile: f, lang: 'en' });
    expect(fileName).toMatch(/XB-AI-2026-017\.xlsx$/);
    expect(wb.worksheets.map((w) => w.name)).toHaveLength(f.bids.length + 2);
    expect(wb.worksheets[0]!.name).toBe('Executive summary');
    expect(wb.worksheets.at(-1)!.name).toBe('Assumptions and data sources');
    const summary = wb.worksheets[0]!;
    const header = summary.getRow(7).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    expect(col('Total score')).toBeGreaterThan(0);
    // rows follow the evaluation: the ranked bids first, best first, then the failing ones with their reasons
    const ev = await dispatch(ctx, 'bids:evaluate', { bidFile: f });
    if (!ev.ok) throw new Error(ev.error.message);
    const evaluation = ev.value as { ranking: number[]; bids: { vendor: string; pass: boolean; totalScore: number | null; domesticShare: number }[] };
    const winner = evaluation.bids[evaluation.ranking[0]!]!;
    // Xibu 97.07 over Jinghua 96.80 since the expert-GEMM curve from DeepGEMM's table (docs/model.md § 3)
    expect(winner.vendor).toBe('西部数智 Xibu Shuzhi Systems');
    const first = summary.getRow(8);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe(winner.vendor);
    const total = first.getCell(col('Total score'));
    expect(total.value).toBe(winner.totalScore);
    expect(total.numFmt).toBe('#,##0.00');
    const price = first.getCell(col('Evaluated price'));
    expect(typeof price.value).toBe('number');
    expect(price.numFmt).toBe('"¥"#,##0');
    const share = first.getCell(col('Domestic share'));
    expect(share.value as number).toBeCloseTo(winner.domesticShare, 4);
    expect(share.numFmt).toBe('0.0%');
    // the failing bids are listed last, unranked, with their reasons
    const failing = evaluation.bids.filter((b) => !b.pass);
    expect(failing.map((b) => b.vendor)).toEqual(['太平洋算力贸易 Pacific Compute Trading', '昆仑智算 Kunlun Compute Partners']);
    const firstFailing = 8 + evaluation.ranking.length;
    failing.forEach((b, k) => {
      const row = summary.getRow(firstFailing + k);
      expect(row.getCell(1).value).toBeNull();
      expect(row.getCell(2).value).toBe(b.vendor);
    });
    expect(String(summary.getRow(firstFailing).getCell(col('Reasons')).value)).toMatch(/deadline 2027-03-31/);
    expect(String(summary.getRow(firstFailing + 1).getCell(col('Reasons')).value)).toMatch(/^serves [\d,]+ tok\/s; 20,000 tok\/s required$/);
    expect(summary.getRow(firstFailing + failing.length).getCell(2).value).toBeNull();
    // a bid sheet: its lines with prices as numbers
    const bidSheet = wb.getWorksheet('昆仑智算 Kunlun Compute Partners')!;
    const cardRow = bidSheet.getRow(5);
    expect(cardRow.getCell(3).value).toBe(128);
    expect(cardRow.getCell(4).value).toBeCloseTo(98_000, 6);
    expect(cardRow.getCell(5).value).toBeCloseTo(110_740, 6);
    expect(allCells(wb).some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
  });

  it('stores a hostile vendor name as text, never a formula, in both languages', async () => {
    const f = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { bids: { vendor: string; paymentTerms: string; notes?: string }[] };
    f.bids[0]!.vendor = HOSTILE;
    f.bids[0]!.paymentTerms = '+1 on delivery';
    f.bids[0]!.notes = '@SUM(A1:A9)\tx';
    for (const lang of ['en', 'zh-CN']) {
      const { wb } = await workbook({ bidFile: f, lang });
      const cells = allCells(wb);
      expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula || c.type === ExcelJS.ValueType.Hyperlink)).toBe(false);
      const texts = cells.filter((c) => typeof c.value === 'string').map((c) => c.value as string);
      expect(texts).toContain(`'${HOSTILE}`);
      expect(texts).toContain("'+1 on delivery");
      expect(texts).toContain("'@SUM(A1:A9)\tx");
      expect(texts.every((t) => !/^[=+\-@\t\r]/.test(t))).toBe(true);
    }
  });

  it('neutralises every formula trigger and makes valid, unique sheet names', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    expect(neutralise('Huawei')).toBe('Huawei');
    const used = new Set<string>();
    expect(sheetName('a/b:c*?[d]', used)).toBe('a b c   d');
    expect(sheetName('x'.repeat(40), used)).toHaveLength(28);
    expect(sheetName('x'.repeat(40), used)).toMatch(/\(2\)$/);
  });

  it('exports a scenario (the Compare page) too', async () => {
    const scenario = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'deepseek-v3-mixed.procure.json'), 'utf8')) as unknown;
    const { wb } = await workbook({ scenario, lang: 'zh-CN' });
    expect(wb.worksheets).toHaveLength(5);
    expect(wb.worksheets[0]!.name).toBe('摘要');
    expect(wb.worksheets[0]!.getRow(8).getCell(2).value).toBe('H20 x128');
  });

  it('stores money to its minor unit and names the unit of every power, energy and money column', async () => {
    const scenario = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'deepseek-v3-mixed.procure.json'), 'utf8')) as unknown;
    const { wb } = await workbook({ scenario, lang: 'en' });
    const summary = wb.worksheets[0]!;
    const header = (summary.getRow(7).values as unknown[]).map(String);
    for (const h of ['Capex (CNY)', 'Peak IT power (kW)', 'Facility power (kW)', 'Energy per year (kWh)', 'Output tokens/s (tok/s)', 'Cost per M output tokens (CNY/M tok)']) expect(header).toContain(h);
    for (const c of allCells(wb)) {
      if (typeof c.value !== 'number') continue;
      if (String(c.numFmt).startsWith('"')) expect(Math.round(c.value * 100) / 100, `${c.address} ${c.value}`).toBe(c.value);
      expect(String(c.value), c.address).not.toMatch(/\.\d*(0000000|9999999)\d$/);
    }
    const detail = wb.worksheets[1]!;
    const heads = (detail.getRow(3).values as unknown[]).map(String);
    expect(heads).toContain('Unit ex VAT (CNY)');
  });
});
