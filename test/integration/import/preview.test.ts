/** Previewing real sheets against a real catalog database: mapping, values, matching, statuses. Nothing is written. */
import { translate } from '../../../shared/i18n/translate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chineseWorkbook, counts, csv, preview, row, tempApp, xlsx, type TempApp } from './fixtures';

let app: TempApp;
beforeEach(() => {
  app = tempApp();
});
afterEach(() => app.close());

describe('a Chinese vendor workbook (title rows, merged cells, 万元 含税, server rows, subtotal)', () => {
  it('picks the price sheet, finds the header and maps every column', async () => {
    const p = await preview(app.ctx, await chineseWorkbook(), '华东报价.xlsx');
    expect(p.sheet).toBe('报价明细');
    expect(p.sheets.map((s) => s.name)).toEqual(['说明', '报价明细']);
    expect(p.headerRow).toBe(4);
    expect(p.format).toBe('xlsx');
    const fields = Object.fromEntries(p.columns.filter((c) => c.field).map((c) => [c.letter, c.field]));
    expect(fields).toEqual({ B: 'vendor', C: 'item', D: 'memory', E: 'unitPrice', F: 'qty', G: 'leadTime', H: 'validUntil', I: 'notes' });
    const price = p.columns[4]!;
    expect(price).toMatchObject({ multiplier: 10_000, currency: 'CNY', vatIncluded: true, confidence: 1 });
  });

  it('reads each row as typed and gives it a status', async () => {
    const p = await preview(app.ctx, await chineseWorkbook(), '华东报价.xlsx');
    expect(row(p, 5)).toMatchObject({
      status: 'new',
      accepted: true,
      kind: 'purchase',
      match: { slug: 'ascend-910b' },
      price: 125_000,
      currency: 'CNY',
      vatIncluded: true,
      vatRate: 0.13,
      priceExVat: 110_619.47,
      qty: 16,
      leadTimeWeeks: 8,
      validUntil: '2026-12-31',
      memoryGB: 64,
      vendor: '华为',
    });
    // B5:B6 is merged: row 6 is Huawei too; "4-6周" counts as 6 weeks.
    expect(row(p, 6)).toMatchObject({ match: { slug: 'ascend-310p' }, vendor: '华为', leadTimeWeeks: 6, price: 12_000 });
    // "11万" in a 万元 column is 110,000 (the cell's own 万 wins); an Excel date serial is a date.
    expect(row(p, 7)).toMatchObject({ match: { slug: 'nvidia-h20' }, price: 110_000, leadTimeWeeks: 0, validUntil: '2026-12-31' });
    expect(row(p, 9)).toMatchObject({ status: 'skipped', skipReason: expect.stringContaining('待定') });
    expect(row(p, 11)).toMatchObject({ status: 'skipped', skipReason: expect.stringContaining('unknown part') });
    expect(row(p, 12)).toMatchObject({ status: 'skipped', skipReason: 'subtotal row' });
    expect(row(p, 13)).toMatchObject({ status: 'skipped', skipReason: 'note row' });
    expect(p.counts).toEqual({ total: 9, new: 4, unchanged: 0, priceChange: 0, error: 1, skipped: 4, needsConfirmation: 0 });
  });

  it('names the file, sheet, row, column and problem of a bad cell', async () => {
    const p = await preview(app.ctx, await chineseWorkbook(), '华东报价.xlsx');
    expect(row(p, 10).status).toBe('error');
    expect(row(p, 10).issues).toEqual([
      { file: '华东报价.xlsx', sheet: '报价明细', row: 10, column: 'E', header: '含税单价（万元）', message: 'negative price -3', i18n: { key: 'errors.value.negativePrice', vars: { text: '-3' } } },
    ]);
    // the UI says the same problem in Chinese from its key
    expect(translate('zh-CN', row(p, 10).issues[0]!.i18n!)).toBe('价格为负数 -3');
  });

  it('records "推理服务器 昇腾910B×8" as a whole-server quote on the Atlas platform with the implied card price', async () => {
    const p = await preview(app.ctx, await chineseWorkbook(), '华东报价.xlsx');
    const r = row(p, 8);
    expect(r.kind).toBe('server-purchase');
    expect(r.server).toMatchObject({ slug: 'atlas-800t-a2-host', cards: 8, cardSlug: 'ascend-910b', create: false });
    expect(r.server!.perCardExVat).toBeCloseTo(1_180_000 / 1.13 / 8, 1);
  });

  it('writes nothing', async () => {
    const before = counts(app.ctx);
    await preview(app.ctx, await chineseWorkbook(), '华东报价.xlsx', { createUnknown: true });
    expect(counts(app.ctx)).toEqual(before);
  });
});

describe('CSV files as they arrive', () => {
  const zh = [
    ['型号', '厂商', '不含税单价（元）', '币种', '货期', '报价有效期', '最小起订量'],
    ['昇腾910B', '华为', '￥108,000.00', '人民币', '8周', '2026-06-30', '8'],
    ['昆仑芯P800', '昆仑芯', '96,500', 'RMB', '6~8周', '2026年6月30日', '8'],
    ['BR104', '壁仞', '待定', '', '', '', ''],
    ['小计', '', '204,500', '', '', '', ''],
  ];
  it.each(['gbk', 'gb18030', 'utf-8-bom', 'utf-8'] as const)('a Chinese CSV in %s', async (encoding) => {
    const p = await preview(app.ctx, csv(zh, { encoding }), '深圳报价.csv');
    expect(p.format).toBe('csv');
    expect(row(p, 2)).toMatchObject({ status: 'new', match: { slug: 'ascend-910b' }, price: 108_000, vatIncluded: false, priceExVat: 108_000, moq: 8 });
    expect(row(p, 3)).toMatchObject({ match: { slug: 'kunlunxin-p800' }, leadTimeWeeks: 8, validUntil: '2026-06-30' });
    expect(row(p, 4).status).toBe('skipped');
    expect(row(p, 5).skipReason).toBe('subtotal row');
  });

  it('an English CSV with prices as typed', async () => {
    const rows = [
      ['Model', 'Vendor', 'Unit Price', 'Lead time', 'Valid until', 'MOQ'],
      ['H100 SXM5 80GB', 'NVIDIA', '$28,500', '6-8 weeks', 'Dec 31, 2026', '8'],
      ['H200 141GB', 'NVIDIA', 'USD 33500', '10 weeks', '2026-12-31', '8'],
      ['MI300X', 'AMD', 'USD 14.9k', 'in stock', '2026/12/31', '1'],
      ['HGX H20 8-GPU server', 'NVIDIA', '$118,000', '4 weeks', '2026-12-31', '1'],
      ['L40S', 'NVIDIA', 'TBD', 'TBD', '', ''],
      ['Total', '', '$194,900', '', '', ''],
    ];
    const p = await preview(app.ctx, csv(rows), 'reseller.csv');
    expect(row(p, 2)).toMatchObject({ match: { slug: 'nvidia-h100-sxm' }, price: 28_500, currency: 'USD', vatIncluded: false, leadTimeWeeks: 8, validUntil: '2026-12-31' });
    expect(row(p, 3)).toMatchObject({ match: { slug: 'nvidia-h200' }, price: 33_500, currency: 'USD' });
    expect(row(p, 4)).toMatchObject({ match: { slug: 'amd-mi300x' }, price: 14_900, leadTimeWeeks: 0 });
    // "HGX H20 8-GPU" is a catalogued OEM server (assets/seed/servers.json)
    expect(row(p, 5)).toMatchObject({ kind: 'server-purchase', server: { slug: 'nvidia-hgx-h20-8gpu', cards: 8, cardSlug: 'nvidia-h20', perCardExVat: 14_750 } });
    expect(row(p, 6)).toMatchObject({ status: 'skipped', skipReason: expect.stringContaining('TBD') });
    expect(row(p, 7).skipReason).toBe('subtotal row');
  });

  it('a UTF-16 tab-separated "Unicode text" export', async () => {
    const p = await preview(app.ctx, csv([['产品型号', '单价'], ['昇腾910B', '12.5万']], { encoding: 'utf-16le', delimiter: '\t' }), 'export.txt');
    expect(p.encoding).toBe('utf-16le');
    expect(row(p, 2)).toMatchObject({ match: { slug: 'ascend-910b' }, price: 125_000 });
  });
});

describe('units, VAT and currency', () => {
  it('takes 单位：万元 and 含税 from a title row when the header says nothing', async () => {
    const file = await xlsx([
      {
        name: 'Sheet1',
        rows: [['加速卡报价'], ['单位：万元（含税）'], ['型号', '单价', '交货期（天）'], ['昇腾910B', 12.5, 56]],
        merges: ['A1:C1', 'A2:C2'],
      },
    ]);
    const p = await preview(app.ctx, file, 't.xlsx');
    expect(p.columns[1]).toMatchObject({ multiplier: 10_000, vatIncluded: true });
    expect(p.warnings.join(' ')).toMatch(/title in row 2/);
    expect(row(p, 4)).toMatchObject({ price: 125_000, vatIncluded: true, leadTimeWeeks: 8 });
  });

  it('reads Price (USD k), a VAT column and a per-run VAT rate', async () => {
    const rows = [
      ['SKU', 'Price (USD k)', 'VAT'],
      ['H20', '13.5', '不含税'],
      ['H200', '33', '6%'],
    ];
    const p = await preview(app.ctx, csv(rows), 'k.csv', { vatRate: 0.09, vatIncluded: true });
    expect(row(p, 2)).toMatchObject({ price: 13_500, currency: 'USD', vatIncluded: false, priceExVat: 13_500 });
    expect(row(p, 3)).toMatchObject({ price: 33_000, vatIncluded: true, vatRate: 0.06, priceExVat: 31_132.08 });
    expect(p.vatRate).toBe(0.09);
  });

  it('assumes CNY 含税 13 % when the sheet does not say, and says so', async () => {
    const p = await preview(app.ctx, csv([['型号', '单价'], ['昇腾910B', '113000']]), 'bare.csv');
    expect(row(p, 2)).toMatchObject({ currency: 'CNY', vatIncluded: true, vatRate: 0.13, priceExVat: 100_000 });
    expect(p.warnings.join(' ')).toMatch(/CNY was assumed/);
    expect(p.warnings.join(' ')).toMatch(/including 13 % VAT/);
  });

  it('refuses a currency that contradicts the currency column', async () => {
    const p = await preview(app.ctx, csv([['型号', '单价', '币种'], ['H20', '$13,500', '人民币']]), 'c.csv');
    expect(row(p, 2).status).toBe('error');
    expect(row(p, 2).issues[0]).toMatchObject({ column: 'C', message: expect.stringMatching(/USD.*CNY/) });
  });

  it('divides a total by the quantity when there is no unit price', async () => {
    const p = await preview(app.ctx, csv([['型号', '数量', '总价（万元）'], ['昇腾910B', '8', '100']]), 't.csv');
    expect(row(p, 2)).toMatchObject({ price: 125_000, qty: 8 });
  });

  it('prices per card-hour are rental quotes', async () => {
    const p = await preview(app.ctx, csv([['型号', '租赁单价（元/卡/小时）'], ['H100', '17.5']]), 'rent.csv');
    expect(row(p, 2)).toMatchObject({ kind: 'rental-card-hour', match: { slug: 'nvidia-h100-sxm' }, price: 17.5 });
  });
});

describe('sheets, mappings and rows', () => {
  it('takes a named sheet, and names the sheets when the name is wrong', async () => {
    const file = await xlsx([
      { name: 'Cards', rows: [['Model', 'Price (USD)'], ['H20', 13_500]] },
      { name: 'Servers', rows: [['Model', 'Price (USD)'], ['HGX H20 8-GPU server', 118_000]] },
      { name: 'Hidden', rows: [['Model', 'Price', 'Vendor', 'MOQ'], ['H200', 1, 'x', 1]], state: 'hidden' },
    ]);
    expect((await preview(app.ctx, file, 'm.xlsx')).sheet).toBe('Cards');
    expect((await preview(app.ctx, file, 'm.xlsx', { sheet: 'Servers' })).rows[0]!.kind).toBe('server-purchase');
    const { failure } = await import('./fixtures');
    const err = await failure(app.ctx, 'import:preview', { fileName: 'm.xlsx', dataBase64: file.toString('base64'), sheet: 'Nope' });
    expect(err).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('Cards, Servers, Hidden') });
  });

  it('applies user overrides: a column re-mapped, a unit set, a column ignored', async () => {
    const rows = [
      ['名目', '报价', '说明'],
      ['昇腾910B', '12.5', '含税'],
    ];
    // No item column recognised: the header is not found until the user maps one.
    const { failure } = await import('./fixtures');
    expect((await failure(app.ctx, 'import:preview', { fileName: 'o.csv', dataBase64: csv(rows).toString('base64') })).message).toMatch(/no header row/);
    const p = await preview(app.ctx, csv(rows), 'o.csv', {
      mapping: [
        { column: 0, field: 'item' },
        { column: 1, field: 'unitPrice', multiplier: 10_000, currency: 'CNY' },
        { column: 2, field: 'vat' },
      ],
    });
    expect(p.mappingSource).toBe('user');
    expect(row(p, 2)).toMatchObject({ price: 125_000, vatIncluded: true, status: 'new' });
    expect(p.columns.map((c) => c.field)).toEqual(['item', 'unitPrice', 'vat']);
    const ignored = await preview(app.ctx, csv(rows), 'o.csv', { mapping: [{ column: 0, field: 'item' }, { column: 1, field: null }] });
    expect(row(ignored, 2).status).toBe('error');
    expect(ignored.warnings.join(' ')).toMatch(/no column was recognised as the price/);
  });

  it('skips duplicate rows, repeated headers and section headings', async () => {
    const rows = [
      ['型号', '单价'],
      ['一、国产卡', ''],
      ['昇腾910B', '120000'],
      ['型号', '单价'],
      ['昇腾910B', '120000'],
    ];
    const p = await preview(app.ctx, csv(rows), 'd.csv');
    expect(row(p, 2).skipReason).toMatch(/section|note/);
    expect(row(p, 3).status).toBe('new');
    expect(row(p, 4).skipReason).toBe('repeated header row');
    expect(row(p, 5)).toMatchObject({ status: 'skipped', skipReason: 'duplicate of row 3' });
  });

  it('plans unknown parts and missing server platforms when asked to create them', async () => {
    const rows = [
      ['型号', '厂商', '单价', '显存'],
      ['神秘加速卡 X1', '某芯', '50000', '48GB'],
      ['推理服务器 神秘加速卡 X1×8', '某芯', '500000', ''],
      ['推理服务器 MLU370-X8×4', '寒武纪', '260000', ''],
    ];
    const skipped = await preview(app.ctx, csv(rows), 'u.csv');
    expect(skipped.rows.map((r) => r.status)).toEqual(['skipped', 'skipped', 'new']);
    expect(row(skipped, 4).server).toMatchObject({ slug: 'mlu370-x8-x4-server', create: true, cards: 4, cardSlug: 'mlu370-x8' });
    const p = await preview(app.ctx, csv(rows), 'u.csv', { createUnknown: true });
    expect(row(p, 2)).toMatchObject({ status: 'new', createPart: { vendor: '某芯', model: '神秘加速卡 X1' } });
    const slug = row(p, 2).createPart!.slug;
    expect(row(p, 3)).toMatchObject({ status: 'new', kind: 'server-purchase', createPart: { slug }, server: { cards: 8, cardSlug: slug, create: true } });
  });

  it('keeps formula results, refuses formula text and names it', async () => {
    const file = await xlsx([
      {
        name: 'S',
        rows: [
          ['Model', 'Unit Price (CNY)'],
          ['H20', { formula: '100000+10000', result: 110_000 }],
          ['H200', { formula: 'B2*2' }],
          ['=HYPERLINK("http://x","H100")', 1000],
        ],
      },
    ]);
    const p = await preview(app.ctx, file, 'f.xlsx');
    expect(row(p, 2)).toMatchObject({ status: 'new', price: 110_000 });
    expect(row(p, 3).issues[0]!.message).toMatch(/formula text, not a price/);
    expect(row(p, 4).issues[0]!.message).toMatch(/formula text, not a part name/);
  });
});
