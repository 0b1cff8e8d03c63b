/**
 * The bid template round trip on a real database and real XLSX files: bids:template writes the
 * workbook, the test fills it with exceljs as a supplier would (Chinese values: 13.56万, 10周,
 * 2027年1月31日, 是 / Yes, 13%), bids:template-import reads it back; the bid and its score must
 * equal the same bid entered directly. Then the faults: a missing sheet, a bad value (the exact
 * file/sheet/row/column message, in both languages), a tampered header, another requirement.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, SOURCE_ROOT } from '../../../electron/bootstrap';
import type { AppContext } from '../../../electron/context';
import { dispatch } from '../../../electron/handlers';
import { tr } from '../../../shared/i18n/translate';
import { tmpDbPath } from '../../helpers/tmp';

type Json = Record<string, unknown>;
type BidJson = { vendor: string; name: string; lines: Json[]; responses?: unknown[] } & Json;
const example = () => JSON.parse(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'bids-deepseek-v3-cluster.json'), 'utf8')) as Json & { bids: BidJson[]; requirement: Json };
const FILE = 'Bid template XB-AI-2026-017.xlsx';
let ctx: AppContext;
beforeAll(() => {
  ctx = openApp(tmpDbPath());
});
afterAll(() => ctx?.db.close());

async function call<T>(channel: string, arg?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; i18n?: { key: string; vars?: Record<string, string | number> } } }> {
  return (await dispatch(ctx, channel, arg)) as never;
}
async function ok<T>(channel: string, arg?: unknown): Promise<T> {
  const r = await call<T>(channel, arg);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function template(bidFile: unknown = example()): Promise<ExcelJS.Workbook> {
  const out = await ok<{ fileName: string; dataBase64: string }>('bids:template', { bidFile });
  expect(out.fileName).toBe(FILE);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.dataBase64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** The accelerator list's entry that starts with `prefix`. */
function listEntry(wb: ExcelJS.Workbook, prefix: string): string {
  const hit = sheet(wb, '_procure').getColumn(4).values.find((v) => typeof v === 'string' && v.startsWith(prefix));
  if (typeof hit !== 'string') throw new Error(`no list entry ${prefix}`);
  return hit;
}

/** What the supplier of the example's first bid types, the way people type it in a Chinese tender. */
function fillAsXibu(wb: ExcelJS.Workbook): void {
  const bidder = sheet(wb, '投标人信息 Bidder');
  bidder.getCell('B2').value = '西部数智 Xibu Shuzhi Systems';
  bidder.getCell('B3').value = '16 × Atlas 800I A2 (128 × Ascend 910B)';
  const p = sheet(wb, '报价 Prices');
  // chosen from the list, as the drop-down writes it
  p.getCell('B2').value = listEntry(wb, 'Huawei Ascend 910B (');
  p.getCell('D2').value = '１２８卡'; // full-width digits and a unit, as typed on a Chinese keyboard
  p.getCell('E2').value = '13.56万';
  p.getCell('F2').value = 'CNY';
  p.getCell('G2').value = 'Atlas 800I A2 host';
  p.getCell('H2').value = 8;
  p.getCell('I2').value = '2000W';
  p.getCell('J2').value = '¥395,500.00';
  p.getCell('K2').value = 6780;
  const t = sheet(wb, '交付与条款 Delivery and terms');
  t.getCell('B2').value = '10周';
  t.getCell('B3').value = '3年';
  t.getCell('B4').value = '30 % on signing, 60 % on delivery, 10 % after acceptance';
  t.getCell('B5').value = '2027年1月31日';
  t.getCell('B6').value = '是 / Yes';
  t.getCell('B7').value = '13%';
  const tech = sheet(wb, '技术响应 Technical response');
  for (let r = 2; r <= tech.rowCount; r++) if (tech.getCell(r, 1).value) tech.getCell(r, 3).value = r === 3 ? '偏离 / Deviates' : '满足 / Complies';
  tech.getCell('D3').value = '以实测为准';
}

async function bytes(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function importInto(bidFile: unknown, wb: ExcelJS.Workbook) {
  return call<{ bid: BidJson; index: number }>('bids:template-import', { fileName: FILE, dataBase64: await bytes(wb), bidFile });
}

function withoutFirstBid() {
  const f = example();
  return { ...f, bids: f.bids.slice(1) };
}

describe('bid template', () => {
  it('is a protected workbook with a sheet per section, lists for choices and locked formula totals', async () => {
    const wb = await template();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明 Instructions', '投标人信息 Bidder', '报价 Prices', '交付与条款 Delivery and terms', '技术响应 Technical response', '_procure']);
    expect(sheet(wb, '_procure').state).toBe('veryHidden');
    for (const ws of wb.worksheets) {
      // protected, without a password
      const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string } }).sheetProtection;
      expect(protection).toMatchObject({ sheet: true });
      expect(protection?.hashValue).toBeUndefined();
    }
    const p = sheet(wb, '报价 Prices');
    expect(String(p.getCell('E1').value)).toBe('每卡单价\nUnit price per card *');
    expect(p.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'_procure'!\$D\$1:\$D\$\d+$/)] });
    expect(p.getCell('F2').dataValidation).toMatchObject({ type: 'list' });
    expect(p.getCell('B2').protection).toMatchObject({ locked: false });
    const total = p.getCell('L2');
    expect((total.value as { formula: string }).formula).toMatch(/^IF\(COUNT\(D2,E2\)<2,"",D2\*E2\+/);
    expect(total.protection?.locked).not.toBe(false);
    expect((p.getCell('L22').value as { formula: string }).formula).toBe('SUM(L2:L21)');
    const lists = sheet(wb, '_procure');
    const parts = lists.getColumn(4).values.filter(Boolean);
    expect(parts.some((v) => String(v).startsWith('Huawei Ascend 910B ('))).toBe(true);
    expect(lists.getColumn(7).values.filter(Boolean)).toEqual(['是 / Yes', '否 / No']);
    // the host column suggests the catalog's hosts but takes any name (a quoted host)
    expect(lists.getColumn(9).values).toContain('Kunlunxin P800 8-card OAM host');
    expect(p.getCell('G2').dataValidation).toMatchObject({ type: 'list' });
    expect(p.getCell('G2').dataValidation.showErrorMessage).not.toBe(true);
    expect(p.getCell('B2').dataValidation).toMatchObject({ showErrorMessage: true, errorStyle: 'stop' });
    // the technical response lists the requirement's items with what it asks, in both languages
    const tech = sheet(wb, '技术响应 Technical response');
    const items = [2, 3, 4, 5, 6, 7, 8, 9].map((r) => String(tech.getCell(r, 1).value ?? ''));
    expect(items[0]).toBe('模型与负载\nModel and workload');
    expect(String(tech.getCell('B7').value)).toBe('2027-03-31 前交货（中标日 2026-12-15）\nDelivered by 2027-03-31 (award on 2026-12-15)');
    expect(items).toHaveLength(8);
  });

  it('is made for a set that has no bids yet, and its bid reads back into it', async () => {
    const empty = { ...example(), bids: [] };
    const wb = await template(empty);
    fillAsXibu(wb);
    const r = await importInto(empty, wb);
    expect(r.ok && r.value.index).toBe(0);
    // a bid file with no bids is still refused where a complete one is needed
    const ev = await call('bids:evaluate', { bidFile: empty });
    expect(!ev.ok && ev.error.message).toContain('expected at least one bid');
  });

  it('round-trips: the filled template gives the same bid and the same scores as the bid entered directly', async () => {
    const wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    const r = await importInto(withoutFirstBid(), wb);
    if (!r.ok) throw new Error(r.error.message);
    const { bid, index } = r.value;
    expect(index).toBe(3);
    const direct = example().bids[0]!;
    const { responses, lines, ...rest } = bid;
    // every field of the bid as entered in the example file (which has no notes: the schema's default)
    const { lines: directLines, ...directRest } = direct;
    expect(rest).toEqual({ ...directRest, notes: '' });
    expect(lines).toEqual([{ ...directLines[0], accelerator: 'ascend-910b', role: 'both' }]);
    expect(responses).toHaveLength(8);
    expect(responses![1]).toEqual({ item: 'throughput', complies: false, remarks: '以实测为准' });

    const f = example();
    const directEval = await ok<{ bids: { totalScore: number; rank: number; bidTotalInclVat: number; priceScore: number }[] }>('bids:evaluate', { bidFile: f });
    const imported = await ok<typeof directEval>('bids:evaluate', { bidFile: { ...f, bids: [bid, ...f.bids.slice(1)] } });
    const pick = (e: typeof directEval) => e.bids.map((b) => ({ total: b.totalScore, rank: b.rank, price: b.priceScore, bidTotal: b.bidTotalInclVat }));
    expect(pick(imported)).toEqual(pick(directEval));
    expect(directEval.bids[0]!.totalScore).toBeGreaterThan(0);
  });

  it('adds the bid to a saved set in one transaction, and refuses the same bid twice', async () => {
    const saved = await ok<{ id: number }>('bids:save', { name: 'Tender 17', body: withoutFirstBid() });
    const wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    const dataBase64 = await bytes(wb);
    const r = await ok<{ index: number; record: { body: { bids: BidJson[] } } }>('bids:template-import', { fileName: FILE, dataBase64, id: saved.id });
    expect(r.index).toBe(3);
    const stored = JSON.parse((ctx.db.prepare('SELECT body FROM bid_set WHERE id = ?').get(saved.id) as { body: string }).body) as { bids: BidJson[] };
    expect(stored.bids.map((b) => b.vendor)).toEqual([...withoutFirstBid().bids.map((b) => b.vendor), '西部数智 Xibu Shuzhi Systems']);
    expect(r.record.body.bids).toHaveLength(4);
    const again = await call('bids:template-import', { fileName: FILE, dataBase64, id: saved.id });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('conflict');
      expect(again.error.i18n?.key).toBe('bidTemplate.error.duplicate');
    }
    const after = JSON.parse((ctx.db.prepare('SELECT body FROM bid_set WHERE id = ?').get(saved.id) as { body: string }).body) as { bids: unknown[] };
    expect(after.bids).toHaveLength(4);
  });

  it('names file, sheet, row and column of a bad value, in English and in Chinese', async () => {
    const wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    sheet(wb, '报价 Prices').getCell('E2').value = 'about 13万';
    const r = await importInto(withoutFirstBid(), wb);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe(`${FILE}, sheet "报价 Prices", row 2, column E (每卡单价 Unit price per card): "about 13万" is not a price; write 1250000, 125万 or ¥1,250,000.00`);
    expect(tr('zh-CN', r.error.i18n!.key, r.error.i18n!.vars)).toBe(
      `${FILE}，工作表“报价 Prices”，第 2 行，E 列（每卡单价 Unit price per card）：“about 13万”不是价格；请写 1250000、125万 或 ¥1,250,000.00`,
    );
  });

  it('lists every problem of a file, each as its own UI string', async () => {
    const wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    sheet(wb, '报价 Prices').getCell('D2').value = 'many';
    sheet(wb, '交付与条款 Delivery and terms').getCell('B5').value = '31/13/2027';
    sheet(wb, '交付与条款 Delivery and terms').getCell('B2').value = null;
    const r = await importInto(withoutFirstBid(), wb);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.i18n?.key).toBe('bidTemplate.error.list');
    expect(r.error.i18n?.vars?.count).toBe(3);
    expect(r.error.i18n?.vars?.list).toHaveLength(3);
    const list = tr('zh-CN', r.error.i18n!.key, r.error.i18n!.vars);
    expect(list).toMatch(/^共 3 处问题：/);
    expect(list).toContain('工作表“交付与条款 Delivery and terms”，第 2 行，B 列（交货期（中标后周数） Delivery (weeks after award)）：必填，但为空');
    expect(list).toContain('第 5 行，B 列（投标有效期至 Bid valid until）：“31/13/2027”不是日期');
    expect(list).toContain('工作表“报价 Prices”，第 2 行，D 列（卡数 Cards）：“many”不是整数卡数');
    expect(r.error.message).toMatch(/^3 problems: /);
  });

  it('refuses a missing sheet, a tampered header, another requirement and a workbook that is no template', async () => {
    let wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    wb.removeWorksheet(sheet(wb, '技术响应 Technical response').id);
    let r = await importInto(withoutFirstBid(), wb);
    expect(!r.ok && r.error.message).toBe(`${FILE}: the sheet "技术响应 Technical response" is missing; the template was changed, download a new one`);

    wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    sheet(wb, '报价 Prices').getCell('E1').value = '含税单价 (万元)';
    r = await importInto(withoutFirstBid(), wb);
    expect(!r.ok && r.error.message).toBe(
      `${FILE}, sheet "报价 Prices", row 1, column E: reads "含税单价 (万元)", expected "每卡单价 Unit price per card *"; the template was changed, download a new one`,
    );

    wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    const other = withoutFirstBid();
    other.requirement = { ...other.requirement, name: 'Another tender', minOutputTokensPerSecond: 30000 };
    r = await importInto(other, wb);
    expect(!r.ok && r.error.i18n?.key).toBe('bidTemplate.error.otherRequirement');
    expect(!r.ok && r.error.message).toContain('is the bid template for "DeepSeek-V3 inference cluster, Ningxia hub (tender XB-AI-2026-017)", not for this bid set\'s requirement "Another tender"');

    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('报价').addRow(['型号', '单价']);
    r = await importInto(withoutFirstBid(), plain);
    expect(!r.ok && r.error.message).toBe(`${FILE} is not a bid template of this app (its hidden template sheet is missing); download the template from the Bids page`);

    r = (await call('bids:template-import', { fileName: FILE, dataBase64: Buffer.from('not a zip').toString('base64'), bidFile: withoutFirstBid() })) as typeof r;
    expect(!r.ok && r.error.i18n?.key).toBe('bidTemplate.error.unreadable');
  });

  it('refuses a template whose hidden sheet was tampered with, and a newer version', async () => {
    const cases: [string, (ws: ExcelJS.Worksheet) => void, string][] = [
      ['fingerprint', (ws) => (ws.getCell('B2').value = '0123456789abcdef'), 'bidTemplate.error.otherRequirement'],
      ['mark', (ws) => (ws.getCell('A1').value = 'something else'), 'bidTemplate.error.notTemplate'],
      ['version', (ws) => (ws.getCell('B1').value = 99), 'bidTemplate.error.version'],
    ];
    for (const [, change, key] of cases) {
      const wb = await template(withoutFirstBid());
      fillAsXibu(wb);
      change(sheet(wb, '_procure'));
      const r = await importInto(withoutFirstBid(), wb);
      expect(!r.ok && r.error.i18n?.key).toBe(key);
    }
  });

  it('refuses a template of a changed requirement, even for the same set', async () => {
    const wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    const changed = withoutFirstBid();
    changed.requirement = { ...changed.requirement, awardDate: '2026-12-20' };
    const r = await importInto(changed, wb);
    expect(!r.ok && r.error.i18n?.key).toBe('bidTemplate.error.otherRequirement');
    // key order and defaults written out do not count as a change
    const reordered = withoutFirstBid();
    const { name, ...rest } = reordered.requirement;
    reordered.requirement = { ...rest, risk: {}, name } as Json;
    const same = await importInto(reordered, wb);
    expect(same.ok).toBe(true);
  });

  it('asks a quoted host for its cards per server and power, once per cell', async () => {
    const wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    const p = sheet(wb, '报价 Prices');
    p.getCell('H2').value = 'eight';
    p.getCell('I2').value = null;
    const r = await importInto(withoutFirstBid(), wb);
    expect(!r.ok && r.error.message).toBe(
      `2 problems: ${FILE}, sheet "报价 Prices", row 2, column H (每台卡数 Cards per server): "eight" is not a whole number of cards per server (1–1,024); ` +
        `${FILE}, sheet "报价 Prices", row 2, column I (主机功耗（W） Host power (W)): required, but empty`,
    );
  });

  it('validates the channel\'s arguments before reading anything', async () => {
    const wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    const dataBase64 = await bytes(wb);
    const hostile: [string, unknown, string][] = [
      ['neither a set nor a file', { fileName: FILE, dataBase64 }, 'invalid-input'],
      ['both a set and a file', { fileName: FILE, dataBase64, id: 1, bidFile: withoutFirstBid() }, 'invalid-input'],
      ['not base64', { fileName: FILE, dataBase64: 'not base64!', bidFile: withoutFirstBid() }, 'invalid-input'],
      ['an empty file', { fileName: FILE, dataBase64: '', bidFile: withoutFirstBid() }, 'invalid-input'],
      ['a language (the UI words the problems itself)', { fileName: FILE, dataBase64, bidFile: withoutFirstBid(), lang: 'zh-CN' }, 'invalid-input'],
      ['an unknown field', { fileName: FILE, dataBase64, bidFile: withoutFirstBid(), replace: true }, 'invalid-input'],
      ['a set that does not exist', { fileName: FILE, dataBase64, id: 999_999 }, 'not-found'],
      ['a bid file that is not one', { fileName: FILE, dataBase64, bidFile: { kind: 'scenario' } }, 'invalid-input'],
      ['a file name of 300 characters', { fileName: 'x'.repeat(300), dataBase64, bidFile: withoutFirstBid() }, 'invalid-input'],
    ];
    for (const [what, input, code] of hostile) {
      const r = await call('bids:template-import', input);
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.error.code, what).toBe(code);
    }
    const t = await call('bids:template', { bidFile: { kind: 'bids', requirement: {} } });
    expect(!t.ok && t.error.code).toBe('invalid-input');
  });

  it('checks values against the catalog: an unknown part or host is refused at its cell', async () => {
    const wb = await template(withoutFirstBid());
    fillAsXibu(wb);
    const p = sheet(wb, '报价 Prices');
    p.getCell('B3').value = 'Imaginary X9';
    p.getCell('D3').value = 8;
    p.getCell('E3').value = 'USD 28,500';
    p.getCell('G3').value = 'No such host';
    const r = await importInto(withoutFirstBid(), wb);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('row 3, column B (加速卡 Accelerator): no accelerator in the catalog matches "Imaginary X9"');
    expect(r.error.message).toContain('row 3, column E (每卡单价 Unit price per card): "USD 28,500" is in USD, but the line\'s currency is CNY');
    expect(r.error.message).toContain('row 3, column G (主机型号 Host server): no host server "No such host" in the catalog');
  });
});
