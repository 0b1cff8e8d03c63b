import { describe, it, expect } from 'vitest';
import { readQuoteForm, describeFormIssue, manualQuoteSchema } from '../../shared/domain/manual-quote';
import { CURRENCIES } from '../../shared/money';
import { tr } from '../../shared/i18n/translate';
import { parsePrice } from '../../shared/document/price-text';

const today = '2026-06-01';

describe('readQuoteForm', () => {
  it('reads prices as the importer does: 万, ¥, USD, 含税, full-width digits', () => {
    const cases: [string, number, string, boolean, boolean][] = [
      ['12.5万', 125000, 'CNY', true, true],
      ['¥125,000', 125000, 'CNY', true, true],
      ['USD 28,500', 28500, 'USD', false, true],
      ['不含税 9.8万', 98000, 'CNY', false, false],
      ['１２万', 120000, 'CNY', true, true],
    ];
    for (const [price, amount, currency, vatIncluded, vatAssumed] of cases) {
      const r = readQuoteForm({ supplier: 'A', price }, today);
      expect(r.ok, price).toBe(true);
      if (!r.ok) continue;
      expect(r.value, price).toMatchObject({ price: amount, currency, vatIncluded, vatRate: 0.13 });
      expect(r.vatAssumed, price).toBe(vatAssumed);
    }
  });

  it('reads dates, lead times, MOQ and validity periods', () => {
    const r = readQuoteForm({ supplier: ' 华东智算 ', price: '9万', vat: 'excluded', quoteDate: '2026年5月3日', validUntil: '30天', leadTime: '6-8 weeks', moq: '≥ 10 台', vatRate: '9%' }, today);
    expect(r.ok && r.value).toEqual({ supplier: '华东智算', price: 90000, currency: 'CNY', vatIncluded: false, vatRate: 0.09, quoteDate: '2026-05-03', validUntil: '2026-07-01', leadTimeWeeks: 8, moq: 10 });
  });

  it('a correction keeps what the form leaves empty', () => {
    const base = manualQuoteSchema.parse({ supplier: 'A', price: 98000, currency: 'CNY', vatIncluded: true, quoteDate: '2026-03-02', leadTimeWeeks: 6 });
    const r = readQuoteForm({ price: '9.5万' }, today, { base });
    expect(r.ok && r.value).toMatchObject({ supplier: 'A', price: 95000, quoteDate: '2026-03-02', leadTimeWeeks: 6, vatIncluded: true });
    const same = readQuoteForm({}, today, { base });
    expect(same.ok && same.value).toEqual(base);
  });

  it('names every field at fault, in both languages', () => {
    const r = readQuoteForm({ supplier: '@evil', price: '12%', leadTime: 'soon', quoteDate: '2026-06-02', moq: '1.5' }, today);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toEqual(['supplier', 'price', 'quoteDate', 'leadTime', 'moq']);
    const en = r.issues.map((i) => describeFormIssue(i, (k, v) => tr('en', k, v)));
    expect(en[0]).toBe('Supplier: "@evil" must not start with = + - @ (a spreadsheet would run it as a formula).');
    expect(en[1]).toMatch(/^Unit price: "12%" is not a price/);
    const zh = r.issues.map((i) => describeFormIssue(i, (k, v) => tr('zh-CN', k, v)));
    expect(zh[0]).toMatch(/^供应商："@evil" 不能以/);
    expect(zh[3]).toMatch(/^交货期："soon" 不是交货期/);
  });

  it('the document layer reads exactly the currencies money knows', () => {
    for (const c of CURRENCIES) {
      const p = parsePrice(`${c} 100`);
      expect(p.ok && p.value.currency).toBe(c);
    }
  });
});
