import { describe, it, expect } from 'vitest';
import { priceHistoryOption } from '../../../shared/charts/price-history';
import { chartTable } from '../../../shared/charts/table';
import type { PriceHistoryRow } from '../../../shared/domain/price-history';

let next = 1;
function row(p: Partial<PriceHistoryRow>): PriceHistoryRow {
  return {
    id: next++, supplier: 'A', form: 'card', rental: false, quoteNumber: '', quoteDate: '2026-01-01', validUntil: null, leadTimeWeeks: null, moq: null,
    currency: 'CNY', priceExVat: 100, priceInclVat: 113, vatIncluded: false, vatRate: 0.13, cardsPerServer: null, cardExVat: 100,
    state: 'current', ageDays: 0, stale: false, estimate: false, source: { kind: 'hand' }, supersedesId: null, retired: null, ...p,
  };
}

describe('priceHistoryOption', () => {
  const rows = [
    row({ supplier: 'Beta', quoteDate: '2026-03-01', cardExVat: 86725.66 }),
    row({ supplier: 'Alpha', quoteDate: '2026-01-10', cardExVat: 90000 }),
    row({ supplier: 'Alpha', quoteDate: '2026-02-01', cardExVat: 88000, state: 'expired' }),
    // a later entry the same day is that supplier's price that day
    row({ supplier: 'Alpha', quoteDate: '2026-02-01', cardExVat: 87000, state: 'expired' }),
    // not drawn: withdrawn, corrected, per hour, or without an FX rate
    row({ supplier: 'Alpha', quoteDate: '2026-02-15', cardExVat: 1, state: 'retired' }),
    row({ supplier: 'Gamma', quoteDate: '2026-02-20', cardExVat: 2, state: 'superseded' }),
    row({ supplier: 'Delta', quoteDate: '2026-02-21', cardExVat: 3, rental: true }),
    row({ supplier: 'Epsilon', quoteDate: '2026-02-22', cardExVat: null }),
  ];

  it('one line per supplier over the sorted quote dates, nulls where a supplier did not quote, joined', () => {
    const o = priceHistoryOption(rows, { lang: 'en', dark: false, currency: 'CNY' }, 'Cambricon MLU590');
    expect((o.xAxis as { data: string[] }).data).toEqual(['2026-01-10', '2026-02-01', '2026-03-01']);
    const series = o.series as { name: string; type: string; connectNulls: boolean; data: (number | null)[] }[];
    expect(series.map((s) => s.name)).toEqual(['Alpha', 'Beta']);
    expect(series[0]).toMatchObject({ type: 'line', connectNulls: true, data: [90000, 87000, null] });
    expect(series[1]!.data).toEqual([null, null, 86725.66]);
    expect((o.title as { text: string }).text).toBe('Cambricon MLU590: price ex VAT per card over time');
    expect((o.yAxis as { name: string }).name).toBe('Price ex VAT (¥)');
  });

  it('labels follow the language, and the chart reads back as a table of dates by supplier', () => {
    const o = priceHistoryOption(rows, { lang: 'zh-CN', dark: true, currency: 'CNY' }, '思元590');
    expect((o.title as { text: string }).text).toBe('思元590：单卡不含税价格走势');
    const t = chartTable(o);
    expect(t.header).toEqual(['报价日期', 'Alpha', 'Beta']);
    expect(t.rows).toEqual([
      ['2026-01-10', 90000, null],
      ['2026-02-01', 87000, null],
      ['2026-03-01', null, 86725.66],
    ]);
    const fmt = (o.yAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect(fmt(86725.66)).toBe('¥86,726');
    expect(fmt(86600)).not.toBe(fmt(86700));
  });

  it('nothing to draw: no dates, no series', () => {
    const o = priceHistoryOption([row({ state: 'retired' })], { lang: 'en', dark: false, currency: 'CNY' }, 'X');
    expect(o.series).toEqual([]);
    expect((o.xAxis as { data: string[] }).data).toEqual([]);
  });
});
