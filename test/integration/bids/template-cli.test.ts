/** `procure bids template` and `procure bids import-template`: real files, a real database, the same handlers as the UI. */
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { runProcure } from '../../helpers/cli';
import { SOURCE_ROOT } from '../../../electron/bootstrap';
import { openApp } from '../../../electron/bootstrap';
import { tmpDbPath, tmpDir } from '../../helpers/tmp';

const EXAMPLE = path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json');
const db = tmpDbPath();
const dir = tmpDir();
const cli = (args: string[]) => runProcure([...args, '--db', db]);

/** A supplier's answers: one line of Kunlunxin P800 at "9.8万", delivery "12周". */
async function fill(template: string, out: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const part = wb.getWorksheet('_procure')!.getColumn(4).values.find((v) => typeof v === 'string' && v.includes('P800'));
  const set = (sheet: string, cell: string, v: unknown) => (wb.getWorksheet(sheet)!.getCell(cell).value = (overrides[`${sheet}!${cell}`] ?? v) as ExcelJS.CellValue);
  set('投标人信息 Bidder', 'B2', '昆仑智算 Kunlun Compute Partners');
  set('报价 Prices', 'B2', part);
  set('报价 Prices', 'D2', 128);
  set('报价 Prices', 'E2', '9.8万');
  set('报价 Prices', 'G2', 'P800 8-card OAM host');
  set('报价 Prices', 'H2', 8);
  set('报价 Prices', 'I2', 2500);
  set('报价 Prices', 'J2', 300000);
  set('交付与条款 Delivery and terms', 'B2', '12周');
  set('交付与条款 Delivery and terms', 'B3', 3);
  set('交付与条款 Delivery and terms', 'B6', '否 / No');
  const tech = wb.getWorksheet('技术响应 Technical response')!;
  for (let r = 2; r <= tech.rowCount; r++) if (tech.getCell(r, 1).value) tech.getCell(r, 3).value = '满足 / Complies';
  await wb.xlsx.writeFile(out);
}

describe('procure bids template / import-template', () => {
  const template = path.join(dir, 'template.xlsx');

  it('writes the template of a bid file', async () => {
    const r = await cli(['bids', 'template', EXAMPLE, '--out', template]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote .*template\.xlsx \(\d+ kB\)/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    expect(wb.worksheets.map((w) => w.name)).toContain('报价 Prices');
  });

  it('adds a filled template to a bid file, and prints the bid with --json', async () => {
    const filled = path.join(dir, 'kunlun.xlsx');
    await fill(template, filled);
    const target = path.join(dir, 'bids.json');
    const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { bids: unknown[] };
    fs.writeFileSync(target, JSON.stringify({ ...example, bids: example.bids.slice(0, 3) }));
    const r = await cli(['bids', 'import-template', filled, '--into', target, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { index: number; bid: { vendor: string; lines: { unitPrice: { amount: number } }[]; deliveryWeeks: number; vatIncluded: boolean } };
    expect(out.index).toBe(3);
    expect(out.bid).toMatchObject({ vendor: '昆仑智算 Kunlun Compute Partners', deliveryWeeks: 12, vatIncluded: false });
    expect(out.bid.lines[0]!.unitPrice.amount).toBe(98_000);
    const written = JSON.parse(fs.readFileSync(target, 'utf8')) as { bids: { vendor: string }[] };
    expect(written.bids.map((b) => b.vendor)).toHaveLength(4);
    // the file with the imported bid scores as the example does: Kunlun fails on throughput alone
    const scored = await cli(['bids', target, '--json']);
    const ev = JSON.parse(scored.out) as { bids: { pass: boolean; failures: { code: string }[] }[] };
    expect(ev.bids[3]!.failures.map((f) => f.code)).toEqual(['throughput']);
  });

  it('adds it to a saved set by name, and words a bad cell in the language asked for', async () => {
    const ctx = openApp(db);
    const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { bids: unknown[] };
    ctx.bidSets.save('Tender 17', { ...example, bids: example.bids.slice(0, 3) });
    ctx.db.close();
    const bad = path.join(dir, 'bad.xlsx');
    await fill(template, bad, { '报价 Prices!E2': '九万八' });
    const refused = await cli(['bids', 'import-template', bad, '--into', 'Tender 17', '--lang', 'zh-CN']);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('procure: bad.xlsx，工作表“报价 Prices”，第 2 行，E 列（每卡单价 Unit price per card）：“九万八”不是价格；请写 1250000、125万 或 ¥1,250,000.00\n');
    const good = path.join(dir, 'good.xlsx');
    await fill(template, good);
    const r = await cli(['bids', 'import-template', good, '--into', 'Tender 17']);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Added the bid of 昆仑智算 Kunlun Compute Partners as bid 4 to saved bid set \d+ "Tender 17":\n {2}- kunlunxin-p800 × 128 at 98,000 CNY/);
    const check = openApp(db);
    const body = check.bidSets.get(check.bidSets.list()[0]!.id).body as { bids: unknown[] };
    check.db.close();
    expect(body.bids).toHaveLength(4);
  });
});
