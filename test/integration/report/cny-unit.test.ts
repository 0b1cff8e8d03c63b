/**
 * The 万元 / 元 display setting (Settings → CNY amounts, saved as `cnyUnit`) reaches the reports:
 * the PDF's HTML writes totals in 万元 or 元 as set, and the XLSX money columns say their unit in
 * the header and hold the amount in that unit.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { dispatch } from '../../../electron/handlers';
import { buildReportModel } from '../../../electron/report';
import { renderReportHtml } from '../../../electron/report/html';
import { tmpDbPath } from '../../helpers/tmp';

const SCENARIO = JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'deepseek-v3-mixed.procure.json'), 'utf8')) as Record<string, unknown>;

let ctx: AppContext;
beforeAll(() => {
  ctx = openApp(tmpDbPath());
});
afterAll(() => ctx?.db.close());

async function setUnit(value: unknown) {
  return dispatch(ctx, 'settings:set', { key: 'cnyUnit', value });
}

async function summary(lang: 'en' | 'zh-CN'): Promise<ExcelJS.Worksheet> {
  const r = await dispatch(ctx, 'report:xlsx', { scenario: SCENARIO, lang });
  if (!r.ok) throw new Error(r.error.message);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from((r.value as { dataBase64: string }).dataBase64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** The header row (the one naming the rank column) and the first data row under it. */
function tcoCell(ws: ExcelJS.Worksheet, header: RegExp): { header: string; cell: ExcelJS.Cell } {
  for (let r = 1; r <= 20; r++) {
    const values = ws.getRow(r).values as unknown[];
    const col = values.findIndex((v) => typeof v === 'string' && header.test(v));
    if (col > 0) return { header: values[col] as string, cell: ws.getRow(r + 1).getCell(col) };
  }
  throw new Error('no TCO column');
}

describe('the 万元 / 元 setting in reports', () => {
  it('is validated when saved', async () => {
    expect((await setUnit('lakh')).ok).toBe(false);
    expect(await setUnit('wan')).toEqual({ ok: true, value: 'wan' });
  });

  it('PDF: 万元 in either language when set, 元 throughout when set, 万元 in Chinese only by default', async () => {
    const html = (lang: 'en' | 'zh-CN') => renderReportHtml(buildReportModel(ctx, { scenario: SCENARIO, lang }));
    await setUnit('wan');
    expect(html('en')).toMatch(/\d[\d,]*\.\d\d 万元/);
    await setUnit('yuan');
    expect(html('zh-CN')).not.toMatch(/\d 万元/);
    await setUnit('auto');
    expect(html('zh-CN')).toMatch(/\d[\d,]*\.\d\d 万元/);
    expect(html('en')).not.toMatch(/\d 万元/);
  });

  it('XLSX: with 万元 the TCO column says (万元) and holds yuan ÷ 10,000 to the fen; otherwise (CNY) and yuan', async () => {
    await setUnit('auto');
    const yuan = tcoCell(await summary('en'), /^TCO/);
    expect(yuan.header).toBe('TCO (present value) (CNY)');
    const tco = yuan.cell.value as number;
    expect(tco).toBeGreaterThan(1_000_000);
    await setUnit('wan');
    const wan = tcoCell(await summary('zh-CN'), /^总拥有成本/);
    expect(wan.header).toMatch(/（?\(?万元\)?）?$/);
    expect(wan.cell.value).toBeCloseTo(tco / 10_000, 6);
    expect(wan.cell.numFmt).toBe('#,##0.00" 万元"');
    await setUnit('auto');
  });
});
