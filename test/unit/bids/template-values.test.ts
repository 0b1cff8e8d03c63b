/** A filled bid template's cells as suppliers type them, good and hostile, through the importer's parsers. */
import { describe, it, expect } from 'vitest';
import { readCell } from '../../../electron/bids/template-values';
import type { ValueKind } from '../../../electron/bids/template-layout';
import type { Cell } from '../../../shared/document/cell-text';

const ctx = { today: '2026-11-20' };
const read = (kind: ValueKind, c: Cell, key = 'x') => readCell(kind, key, c, ctx);

describe('bid template cells', () => {
  const good: [ValueKind, Cell, unknown][] = [
    ['price', '125万', { amount: 1_250_000 }],
    ['price', '¥1,250,000.00', { amount: 1_250_000, currency: 'CNY' }],
    ['price', '１２５万', { amount: 1_250_000 }],
    ['price', 'USD 28,500', { amount: 28_500, currency: 'USD' }],
    ['price', '含税 ¥9.8万', { amount: 98_000, currency: 'CNY', vatIncluded: true }],
    ['price', 135600, { amount: 135_600 }],
    ['count', '128卡', 128],
    ['count', '１２８', 128],
    ['weeks', '8周', 8],
    ['weeks', '2个月', 8.7],
    ['weeks', '现货', 0],
    ['weeks', '6-8 weeks', 8],
    ['years', '3年', 3],
    ['years', 5, 5],
    ['date', '2026年12月31日', '2026-12-31'],
    ['date', '2026/12/31', '2026-12-31'],
    ['date', 46387, '2026-12-31'],
    ['date', new Date(Date.UTC(2026, 11, 31)), '2026-12-31'],
    ['yesNo', '是 / Yes', true],
    ['yesNo', '否', false],
    ['yesNo', 'no', false],
    ['yesNo', '含税', true],
    ['rate', '13%', 0.13],
    ['rate', 0.13, 0.13],
    ['rate', 13, 0.13],
    ['role', '预填充（Prefill） / Prefill', 'prefill'],
    ['role', 'decode', 'decode'],
    ['role', '推理', 'both'],
    ['currency', '人民币', 'CNY'],
    ['currency', 'USD', 'USD'],
    ['response', '满足 / Complies', true],
    ['response', '偏离', false],
    ['watts', '2,000 W', 2000],
    ['watts', '2.5kW', 2500],
    ['cardsPerServer', 8, 8],
  ];
  it.each(good)('%s %j reads as %j', (kind, cell, value) => {
    expect(read(kind, cell)).toEqual({ ok: true, value });
  });

  const bad: [ValueKind, Cell, string][] = [
    ['price', '-5', 'price'],
    ['price', '0', 'price'],
    ['price', '1e15', 'price'],
    ['price', '10-12万', 'price'],
    ['price', '=1+1', 'price'],
    ['price', '13%', 'price'],
    ['price', true, 'price'],
    ['price', new Date(Date.UTC(2026, 0, 1)), 'price'],
    ['count', '0', 'count'],
    ['count', '1.5', 'count'],
    ['count', '2000000', 'count'],
    ['count', 'many', 'count'],
    ['weeks', 'forever', 'weeks'],
    ['weeks', '1000周', 'weeks'],
    ['years', '-1', 'years'],
    ['years', '三年', 'years'],
    ['years', 51, 'years'],
    ['date', '31/13/2027', 'date'],
    ['date', '2027-02-30', 'date'],
    ['date', '03/04/2027', 'date'],
    ['yesNo', 'maybe', 'yesNo'],
    ['yesNo', '13%', 'yesNo'],
    ['rate', '60%', 'rate'],
    ['rate', '含税', 'rate'],
    ['role', 'training', 'role'],
    ['currency', 'GBP', 'currency'],
    ['response', 'perhaps', 'response'],
    ['watts', '-5', 'watts'],
    ['watts', '1e9', 'watts'],
    ['cardsPerServer', 2048, 'cardsPerServer'],
    ['text', '=HYPERLINK("http://x","y")', 'formulaText'],
    ['text', '@SUM(A1)', 'formulaText'],
    ['text', 'x'.repeat(201), 'tooLong'],
  ];
  it.each(bad)('%s %j is refused (%s)', (kind, cell, reason) => {
    const r = read(kind, cell, 'vendor');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(`bidTemplate.error.${reason}`);
  });

  it('keeps the limit of each text field', () => {
    expect(read('longText', 'x'.repeat(5000), 'notes').ok).toBe(true);
    expect(read('longText', 'x'.repeat(501), 'paymentTerms')).toEqual({ ok: false, reason: 'bidTemplate.error.tooLong', vars: { max: 500 } });
  });
});
