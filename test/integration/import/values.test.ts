/** Cell values as vendors type them, and headers with their units: pure parsing, no database. */
import { describe, expect, it } from 'vitest';
import { parsePrice } from '../../../shared/document/price-text';
import { parseCount, parseDate, parseLeadTime, parseMemoryGB, parseVatCell, excelSerialToIso } from '../../../shared/document/value-text';
import { readHeader } from '../../../electron/import/fields';
import { readServerText } from '../../../electron/import/server-row';

const TODAY = '2026-03-01';

describe('prices', () => {
  const ok: [string | number, number, number, string | undefined, boolean | undefined][] = [
    // cell, header multiplier, amount, currency, vatIncluded
    ['¥1,250,000.00', 1, 1_250_000, 'CNY', undefined],
    ['￥1,250,000.00', 1, 1_250_000, 'CNY', undefined],
    ['125万', 1, 1_250_000, undefined, undefined],
    ['125万元', 1, 1_250_000, 'CNY', undefined],
    ['12.5w', 1, 125_000, undefined, undefined],
    ['1.2亿', 1, 120_000_000, undefined, undefined],
    ['$28,500', 1, 28_500, 'USD', undefined],
    ['USD 28500', 1, 28_500, 'USD', undefined],
    ['28,500 美元', 1, 28_500, 'USD', undefined],
    ['US$ 28.5k', 1, 28_500, 'USD', undefined],
    ['HK$ 9,800', 1, 9_800, 'HKD', undefined],
    ['€ 13,000', 1, 13_000, 'EUR', undefined],
    ['１２５，０００', 1, 125_000, undefined, undefined],
    ['　12.5　', 10_000, 125_000, undefined, undefined],
    [12.5, 10_000, 125_000, undefined, undefined],
    [28.5, 1000, 28_500, undefined, undefined],
    ['含税 ¥9.8万', 1, 98_000, 'CNY', true],
    ['98000（不含税）', 1, 98_000, undefined, false],
    ["1'250'000", 1, 1_250_000, undefined, undefined],
    ['RMB 110,000/台', 1, 110_000, 'CNY', undefined],
  ];
  it.each(ok)('%s (×%d) → %d %s', (cell, mult, amount, currency, vat) => {
    const r = parsePrice(cell, mult);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.value.amount).toBeCloseTo(amount, 6);
    expect(r.value.currency).toBe(currency);
    expect(r.value.vatIncluded).toBe(vat);
  });

  const pending = ['待定', 'TBD', 'N/A', '-', '—', '询价', '面议', ' tba '];
  it.each(pending)('%s is a pending price, not an error', (cell) => {
    const r = parsePrice(cell);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.pending).toBe(true);
  });

  const bad: [string | number | Date | boolean, RegExp][] = [
    ['-100', /negative/],
    ['(1,000)', /negative/],
    [-3, /negative/],
    ['0', /zero/],
    [1e15, /implausibly large/],
    ['10000000万', /implausibly large/],
    [Number.NaN, /finite/],
    [Number.POSITIVE_INFINITY, /finite/],
    ['=A1*1.13', /formula/],
    ['@SUM(A1)', /formula/],
    ['13%', /percentage/],
    ['26,000-28,000', /range/],
    ['abc', /not a price/],
    ['1e400', /not a price/],
    ['12.3.4', /not a price/],
    [new Date(Date.UTC(2026, 0, 1)), /date/],
    [true, /not a price/],
  ];
  it.each(bad)('%s is refused (%s)', (cell, why) => {
    const r = parsePrice(cell);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.pending).toBeFalsy();
      expect(r.message).toMatch(why);
    }
  });
});

describe('lead times (weeks; a range counts as its upper end)', () => {
  const cases: [string | number, number, ('week' | 'day' | 'month')?][] = [
    ['8周', 8],
    ['8 weeks', 8],
    ['6-8 weeks', 8],
    ['6~8周', 8],
    ['6 to 8 wks', 8],
    ['4-6周（预付款后）', 6],
    ['１２周', 12],
    ['30天', 4.3],
    ['45 days', 6.4],
    ['3个月', 13],
    ['现货', 0],
    ['in stock', 0],
    [8, 8],
    [30, 4.3, 'day'],
    ['10', 10],
  ];
  it.each(cases)('%s → %d weeks', (cell, weeks, unit) => {
    const r = parseLeadTime(cell, unit);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(r.value).toBeCloseTo(weeks, 1);
  });
  it('refuses nonsense and implausible values, and treats TBD as pending', () => {
    expect(parseLeadTime('soon')).toMatchObject({ ok: false });
    expect(parseLeadTime('999 weeks')).toMatchObject({ ok: false, message: expect.stringMatching(/implausible/) });
    expect(parseLeadTime('TBD')).toMatchObject({ ok: false, pending: true });
    expect(parseLeadTime('8 fortnights')).toMatchObject({ ok: false, message: expect.stringMatching(/unknown unit/) });
  });
});

describe('dates', () => {
  const serial = (Date.UTC(2026, 11, 31) - Date.UTC(1899, 11, 30)) / 86_400_000;
  const cases: [string | number | Date, string][] = [
    ['2026/12/31', '2026-12-31'],
    ['2026-12-31', '2026-12-31'],
    ['2026.12.31', '2026-12-31'],
    ['2026年12月31日', '2026-12-31'],
    ['２０２６年１２月３１日', '2026-12-31'],
    ['2026-12-31 00:00:00', '2026-12-31'],
    ['2026年12月', '2026-12-31'],
    ['2026-02', '2026-02-28'],
    [serial, '2026-12-31'],
    [String(serial), '2026-12-31'],
    [new Date(Date.UTC(2026, 11, 31)), '2026-12-31'],
    ['Dec 31, 2026', '2026-12-31'],
    ['31 December 2026', '2026-12-31'],
    ['31/12/2026', '2026-12-31'],
    ['12/31/2026', '2026-12-31'],
    ['30天', '2026-03-31'],
    ['90 days', '2026-05-30'],
    ['报价后30天内', '2026-03-31'],
  ];
  it.each(cases)('%s → %s', (cell, iso) => {
    const r = parseDate(cell, TODAY);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(r.value).toBe(iso);
  });
  it('refuses ambiguous and impossible dates; 长期有效 is pending', () => {
    expect(parseDate('05/06/2026', TODAY)).toMatchObject({ ok: false, message: expect.stringMatching(/ambiguous/) });
    expect(parseDate('2026-02-30', TODAY)).toMatchObject({ ok: false });
    expect(parseDate('1899-01-01', TODAY)).toMatchObject({ ok: false });
    expect(parseDate(12, TODAY)).toMatchObject({ ok: false });
    expect(parseDate('长期有效', TODAY)).toMatchObject({ ok: false, pending: true });
    expect(excelSerialToIso(1)).toBeUndefined();
  });
});

describe('counts, memory, VAT cells', () => {
  it('reads counts with units', () => {
    expect(parseCount('8卡', 'x')).toEqual({ ok: true, value: 8 });
    expect(parseCount('1,000 pcs', 'x')).toEqual({ ok: true, value: 1000 });
    expect(parseCount('≥10台', 'x')).toEqual({ ok: true, value: 10 });
    expect(parseCount('2.5', 'x')).toMatchObject({ ok: false, message: expect.stringMatching(/whole/) });
    expect(parseCount(-1, 'x')).toMatchObject({ ok: false });
  });
  it('reads memory in GB', () => {
    expect(parseMemoryGB('64GB')).toEqual({ ok: true, value: 64 });
    expect(parseMemoryGB('96 GB HBM3')).toEqual({ ok: true, value: 96 });
    expect(parseMemoryGB('141G')).toEqual({ ok: true, value: 141 });
    expect(parseMemoryGB('1.5 TB')).toEqual({ ok: true, value: 1536 });
    expect(parseMemoryGB(80)).toEqual({ ok: true, value: 80 });
    expect(parseMemoryGB('lots')).toMatchObject({ ok: false });
  });
  it('reads VAT markers and rates', () => {
    expect(parseVatCell('含税')).toEqual({ ok: true, value: { included: true } });
    expect(parseVatCell('不含税')).toEqual({ ok: true, value: { included: false } });
    expect(parseVatCell('13%')).toEqual({ ok: true, value: { rate: 0.13 } });
    expect(parseVatCell('含税13%')).toEqual({ ok: true, value: { rate: 0.13, included: true } });
    expect(parseVatCell(0.06)).toEqual({ ok: true, value: { rate: 0.06 } });
    expect(parseVatCell('130%')).toMatchObject({ ok: false });
  });
});

describe('headers and their units', () => {
  const cases: [string, string | null, Partial<{ multiplier: number; currency: string; vatIncluded: boolean; timeUnit: string; perHour: boolean }>][] = [
    ['单价（万元）', 'unitPrice', { multiplier: 10_000, currency: 'CNY' }],
    ['含税单价（万元）', 'unitPrice', { multiplier: 10_000, vatIncluded: true }],
    ['不含税单价（元）', 'unitPrice', { multiplier: 1, currency: 'CNY', vatIncluded: false }],
    ['单价/元', 'unitPrice', { currency: 'CNY' }],
    ['Price (USD k)', 'unitPrice', { multiplier: 1000, currency: 'USD' }],
    ['Unit Price (RMB, incl. VAT)', 'unitPrice', { currency: 'CNY', vatIncluded: true }],
    ['Unit Price', 'unitPrice', {}],
    ['租赁单价（元/卡/小时）', 'unitPrice', { perHour: true }],
    ['显存(GB)', 'memory', {}],
    ['交货期（天）', 'leadTime', { timeUnit: 'day' }],
    ['货期', 'leadTime', {}],
    ['Lead time', 'leadTime', {}],
    ['型号', 'item', {}],
    ['产品型号', 'item', {}],
    ['SKU', 'item', {}],
    ['Model', 'item', {}],
    ['厂商', 'vendor', {}],
    ['品牌', 'vendor', {}],
    ['Vendor name', 'vendor', {}],
    ['币种', 'currency', {}],
    ['数量', 'qty', {}],
    ['Qty', 'qty', {}],
    ['报价有效期', 'validUntil', {}],
    ['Valid until', 'validUntil', {}],
    ['最小起订量', 'moq', {}],
    ['MOQ', 'moq', {}],
    ['备注', 'notes', {}],
    ['总价（万元）', 'totalPrice', { multiplier: 10_000 }],
    ['税率', 'vat', {}],
    ['序号', null, {}],
  ];
  it.each(cases)('%s → %s', (header, field, unit) => {
    const r = readHeader(header);
    expect(r.field).toBe(field);
    if (field) expect(r.confidence).toBeGreaterThanOrEqual(0.6);
    expect(r.unit).toMatchObject(unit);
  });
});

describe('whole-server rows', () => {
  const cases: [string, number | undefined, string][] = [
    ['推理服务器 昇腾910B×8', 8, '昇腾910B'],
    ['HGX H20 8-GPU server', 8, 'H20'],
    ['8卡 H100 整机', 8, 'H100'],
    ['Atlas 800I A2 推理服务器 8*910B4', 8, 'Atlas 800I A2 910B4'],
    ['DGX 8x H200 system', 8, 'H200'],
    ['GPU server with 4 x L40S', undefined, ''],
  ];
  it.each(cases)('%s', (text, cards, cardText) => {
    const r = readServerText(text);
    if (cards === undefined) return;
    expect(r?.cards).toBe(cards);
    expect(r?.cardText).toBe(cardText);
  });
  it('a part name with X8 in it, or a 卡数 column without a server word or unit, is a card; a count in the text is a server', () => {
    expect(readServerText('MLU370-X8')).toBeUndefined();
    expect(readServerText('昇腾910B×8')).toEqual({ cards: 8, cardText: '昇腾910B' });
    expect(readServerText('昇腾910B', 8)).toBeUndefined();
    expect(readServerText('昇腾910B', 8, true)).toEqual({ cards: 8, cardText: '昇腾910B' });
    expect(readServerText('昇腾910B 整机', 8)).toEqual({ cards: 8, cardText: '昇腾910B' });
  });
});
