/** The quote channels against hostile input: a typed error naming the field, and the quote table unchanged. */
import { describe, it, expect, beforeAll } from 'vitest';
import ExcelJS from 'exceljs';
import { openApp } from '../../../electron/bootstrap';
import { dispatch } from '../../../electron/handlers';
import type { AppContext } from '../../../electron/context';
import type { Result } from '../../../shared/contract/result';
import type { PriceHistory, QuoteWritten } from '../../../shared/contract/quotes';
import type { ReportFileOut } from '../../../shared/contract/bids';
import { tmpDbPath } from '../../helpers/tmp';

let ctx: AppContext;
const quotesTable = () => JSON.stringify(ctx.db.prepare('SELECT * FROM quote ORDER BY id').all());
const good = { supplier: 'Acme', price: 90000, currency: 'CNY', vatIncluded: true, vatRate: 0.13 };

beforeAll(() => {
  ctx = openApp(tmpDbPath(), { clock: () => new Date('2026-06-01T08:00:00Z') });
});

async function call<T>(channel: string, input: unknown): Promise<Result<T>> {
  return (await dispatch(ctx, channel, input)) as Result<T>;
}

const huge = 'x'.repeat(100_000);
const hostile: [string, string, unknown, string, RegExp?][] = [
  ['add without a part', 'quotes:add', { quote: good }, 'invalid-input', /item/],
  ['add to an unknown part (SQL in the slug)', 'quotes:add', { item: "x'); DROP TABLE quote;--", quote: good }, 'not-found', /no part/],
  ['add with a price as text', 'quotes:add', { item: 'ascend-910b', quote: { ...good, price: '12万' } }, 'invalid-input', /quote\.price/],
  ['add with a negative price', 'quotes:add', { item: 'ascend-910b', quote: { ...good, price: -1 } }, 'invalid-input', /quote\.price/],
  ['add with a zero price', 'quotes:add', { item: 'ascend-910b', quote: { ...good, price: 0 } }, 'invalid-input', /quote\.price/],
  ['add with an absurd price', 'quotes:add', { item: 'ascend-910b', quote: { ...good, price: 1e16 } }, 'invalid-input', /quote\.price/],
  ['add with an unknown currency', 'quotes:add', { item: 'ascend-910b', quote: { ...good, currency: 'BTC' } }, 'invalid-input', /quote\.currency/],
  ['add with a formula supplier', 'quotes:add', { item: 'ascend-910b', quote: { ...good, supplier: '=HYPERLINK("http://evil")' } }, 'invalid-input', /quote\.supplier.*formula/],
  ['add with a blank supplier', 'quotes:add', { item: 'ascend-910b', quote: { ...good, supplier: '   ' } }, 'invalid-input', /quote\.supplier/],
  ['add with a huge supplier', 'quotes:add', { item: 'ascend-910b', quote: { ...good, supplier: huge } }, 'invalid-input', /quote\.supplier/],
  ['add with a bad date', 'quotes:add', { item: 'ascend-910b', quote: { ...good, quoteDate: '2026-13-45; DROP' } }, 'invalid-input', /quote\.quoteDate/],
  ['add with a future date', 'quotes:add', { item: 'ascend-910b', quote: { ...good, quoteDate: '2030-01-01' } }, 'invalid-input', /in the future/],
  ['add valid-until before the date', 'quotes:add', { item: 'ascend-910b', quote: { ...good, quoteDate: '2026-05-01', validUntil: '2026-04-01' } }, 'invalid-input', /quote\.validUntil/],
  ['add with a VAT rate of 130 %', 'quotes:add', { item: 'ascend-910b', quote: { ...good, vatRate: 1.3 } }, 'invalid-input', /quote\.vatRate/],
  ['add with 10,000 weeks of lead time', 'quotes:add', { item: 'ascend-910b', quote: { ...good, leadTimeWeeks: 10_000 } }, 'invalid-input', /quote\.leadTimeWeeks/],
  ['add with a fractional MOQ', 'quotes:add', { item: 'ascend-910b', quote: { ...good, moq: 1.5 } }, 'invalid-input', /quote\.moq/],
  ['add with an extra field (status)', 'quotes:add', { item: 'ascend-910b', quote: { ...good, status: 'retired' } }, 'invalid-input', /unknown key/],
  ['add with a prototype key', 'quotes:add', JSON.parse('{"item":"ascend-910b","quote":{"supplier":"A","price":1,"currency":"CNY","vatIncluded":true},"__proto__":{"x":1}}'), 'invalid-input'],
  ['correct a quote that does not exist', 'quotes:correct', { id: 987654, quote: good }, 'not-found', /no quote #987654/],
  ['correct with a string id', 'quotes:correct', { id: '1 OR 1=1', quote: good }, 'invalid-input', /id/],
  ['correct with a negative id', 'quotes:correct', { id: -3, quote: good }, 'invalid-input', /id/],
  ['retire without a reason', 'quotes:retire', { id: 1 }, 'invalid-input', /reason/],
  ['retire with a blank reason', 'quotes:retire', { id: 1, reason: '   ' }, 'invalid-input', /reason/],
  ['retire an unknown quote', 'quotes:retire', { id: 987654, reason: 'x' }, 'not-found'],
  ['history of an unknown part', 'quotes:history', { item: 'voodoo-5' }, 'not-found'],
  ['export in an unknown format', 'quotes:export', { item: 'ascend-910b', format: 'xls; rm -rf /' }, 'invalid-input', /format/],
  ['catalog export in an unknown language', 'catalog:export', { format: 'csv', lang: 'fr' }, 'invalid-input', /lang/],
];

describe('quote channels refuse hostile input', () => {
  it.each(hostile)('%s', async (_what, channel, input, code, message) => {
    const before = quotesTable();
    const r = await call(channel, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    if (message) expect(`${r.error.message} ${(r.error.issues ?? []).map((i) => `${i.path}: ${i.message}`).join('; ')}`).toMatch(message);
    expect(quotesTable()).toBe(before);
  });
});

describe('quote channels', () => {
  it('add, correct and retire: one new row each time, the old rows kept, status and retirement recorded', async () => {
    const n0 = (ctx.db.prepare('SELECT count(*) AS n FROM quote').get() as { n: number }).n;
    const a = await call<QuoteWritten>('quotes:add', { item: 'ascend-910b', quote: { ...good, quoteDate: '2026-05-20', leadTimeWeeks: 8 } });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    const c = await call<QuoteWritten>('quotes:correct', { id: a.value.id, quote: { ...good, price: 88000, quoteDate: '2026-05-20' } });
    expect(c.ok && c.value.supersededId).toBe(a.value.id);
    if (!c.ok) return;
    // a superseded quote cannot be corrected again: conflict, nothing written
    const before = quotesTable();
    const again = await call('quotes:correct', { id: a.value.id, quote: good });
    expect(!again.ok && again.error.code).toBe('conflict');
    expect(quotesTable()).toBe(before);
    const r = await call<PriceHistory>('quotes:retire', { id: c.value.id, reason: 'price withdrawn', by: 'wang' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((ctx.db.prepare('SELECT count(*) AS n FROM quote').get() as { n: number }).n).toBe(n0 + 2);
    const rows = r.value.rows.filter((x) => x.supplier === 'Acme');
    expect(rows.map((x) => [x.id, x.state])).toEqual([
      [c.value.id, 'retired'],
      [a.value.id, 'superseded'],
    ]);
    expect(rows[0]!.retired).toEqual({ at: '2026-06-01T08:00:00.000Z', by: 'wang', reason: 'price withdrawn' });
    expect(rows[0]!.priceExVat).toBe(77876.11); // 88,000 / 1.13
    expect(rows[1]).toMatchObject({ priceInclVat: 90000, priceExVat: 79646.02, leadTimeWeeks: 8 });
  });

  it('exports the history and the catalog with formula-looking text neutralised (CSV and XLSX)', async () => {
    const a = await call<QuoteWritten>('quotes:add', { item: 'ascend-910b', quote: { ...good, supplier: 'Acme, "Quoted" Ltd', note: 'ok' } });
    expect(a.ok).toBe(true);
    // the channels refuse such names, but an older database or a repository caller may hold one
    ctx.quotes.add(
      { item: 'ascend-910b', kind: 'purchase', supplier: '=cmd|"/c calc"!A1', price: 1000, currency: 'CNY', vatIncluded: false, vatRate: 0.13, source: { title: '@SUM(1+1)', url: '', asOf: '2026-05-01', estimate: false, note: '' } },
      { origin: 'seed' },
    );
    const csv = await call<ReportFileOut>('quotes:export', { item: 'ascend-910b', format: 'csv', lang: 'zh-CN' });
    expect(csv.ok).toBe(true);
    if (!csv.ok) return;
    const text = Buffer.from(csv.value.dataBase64, 'base64').toString('utf8');
    expect(text.startsWith('\ufeff编号,供应商,类型,报价日期')).toBe(true);
    expect(text).toContain('"Acme, ""Quoted"" Ltd"');
    expect(text).toMatch(/不含税单价,含税单价/);
    expect(text).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(text).toContain(`,'@SUM(1+1),`);
    expect(text).not.toMatch(/(^|,)[=@]/m);
    expect(csv.value.fileName).toMatch(/^价格历史 Huawei Ascend 910B.* 2026-06-01\.csv$/);
    const xlsx = await call<ReportFileOut>('quotes:export', { item: 'ascend-910b', format: 'xlsx', lang: 'en' });
    expect(xlsx.ok).toBe(true);
    if (!xlsx.ok) return;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.value.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('Price ex VAT');
    const acme = ws.getColumn(2).values.indexOf('Acme, "Quoted" Ltd');
    expect(acme).toBeGreaterThan(1);
    expect(typeof ws.getRow(acme).getCell(9).value).toBe('number');
    expect(ws.getColumn(2).values).toContain(`'=cmd|"/c calc"!A1`);
    const cat = await call<ReportFileOut>('catalog:export', { format: 'csv', lang: 'en' });
    expect(cat.ok).toBe(true);
    if (!cat.ok) return;
    const catText = Buffer.from(cat.value.dataBase64, 'base64').toString('utf8');
    expect(catText.split('\r\n')[0]).toMatch(/^\ufeffVendor,Model,slug,Memory/);
    expect(catText).toMatch(/\r\nHuawei,"?Ascend 910B[^\r\n]*,ascend-910b,/);
  });
});
