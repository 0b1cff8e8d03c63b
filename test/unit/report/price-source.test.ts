/** Where a shown price came from (shared/report/price-source) and what a line can be pinned to (shared/domain/price-pin). */
import { describe, expect, it } from 'vitest';
import { bidPriceRows, bidPriceSource, buildPriceRows, linePriceSource } from '../../../shared/report/price-source';
import { pinChoices, pinOfValue, pinValue, readStaleDays } from '../../../shared/domain/price-pin';
import type { PriceHistoryRow } from '../../../shared/domain/price-history';
import type { PriceQuoteRef } from '../../../shared/scenario/evaluate';

const ref = (over: Partial<PriceQuoteRef>): PriceQuoteRef => ({ id: 7, supplier: 'Acme Ltd', quoteDate: '2026-01-02', ageDays: 333, estimate: false, expired: false, stale: false, ...over });

describe('linePriceSource', () => {
  it('names the quote and lists its flags in a fixed order', () => {
    expect(linePriceSource({ cardPriceSource: 'quote: …', cardPriceQuote: ref({ estimate: true, expired: true, stale: true, validUntil: '2026-06-30' }) }, 90)).toEqual({
      kind: 'quote',
      supplier: 'Acme Ltd',
      quoteId: 7,
      quoteDate: '2026-01-02',
      ageDays: 333,
      validUntil: '2026-06-30',
      flags: ['estimate', 'expired', 'stale'],
      staleDays: 90,
      pin: null,
    });
  });

  it('says when a pin was honoured, and when it could not be', () => {
    expect(linePriceSource({ cardPriceSource: 'x', cardPriceQuote: ref({ pin: 'supplier' }) })).toMatchObject({ flags: ['pinned'], pin: 'supplier', staleDays: 180 });
    expect(linePriceSource({ cardPriceSource: 'x', cardPriceQuote: ref({ pin: 'quote' }) })).toMatchObject({ flags: ['pinned'], pin: 'quote' });
    expect(linePriceSource({ cardPriceSource: 'x', cardPriceQuote: ref({ pin: 'unavailable', stale: true }) })).toMatchObject({ flags: ['stale', 'pinUnavailable'], pin: null });
  });

  it('a price typed on the line, or none, has no supplier', () => {
    expect(linePriceSource({ cardPriceSource: 'scenario' })).toMatchObject({ kind: 'line', supplier: null, flags: [] });
    expect(linePriceSource({ cardPriceSource: 'none' })).toMatchObject({ kind: 'none', supplier: null });
    expect(buildPriceRows([{ accelerator: 'A', count: 8, cardPrice: 100, cardPriceSource: 'q', cardPriceQuote: ref({}) }])).toEqual([{ accelerator: 'A', count: 8, cardPrice: 100, source: linePriceSource({ cardPriceSource: 'q', cardPriceQuote: ref({}) }) }]);
  });
});

describe('bidPriceSource', () => {
  it('names the bidder, and flags a bid whose validity ended before the evaluation date', () => {
    expect(bidPriceSource({ vendor: 'Gamma', validUntil: '2026-11-30' }, '2026-12-01')).toMatchObject({ kind: 'bid', supplier: 'Gamma', validUntil: '2026-11-30', flags: ['expired'] });
    expect(bidPriceSource({ vendor: 'Gamma', validUntil: '2026-12-01' }, '2026-12-01').flags).toEqual([]);
    expect(bidPriceSource({ vendor: 'Gamma' }, '2026-12-01')).toMatchObject({ validUntil: null, flags: [] });
    const rows = bidPriceRows({ vendor: 'Gamma', build: { lines: [{ accelerator: 'A', count: 2, cardPrice: 5 }, { accelerator: 'B', count: 3, cardPrice: 6 }] } }, '2026-12-01');
    expect(rows.map((r) => [r.accelerator, r.count, r.cardPrice, r.source.supplier])).toEqual([
      ['A', 2, 5, 'Gamma'],
      ['B', 3, 6, 'Gamma'],
    ]);
  });
});

const row = (over: Partial<PriceHistoryRow>): PriceHistoryRow =>
  ({ id: 1, supplier: 'S', form: 'card', rental: false, quoteNumber: '', quoteDate: '2026-01-01', validUntil: null, leadTimeWeeks: null, moq: null, currency: 'CNY', priceExVat: 1, priceInclVat: 1.13, vatIncluded: false, vatRate: 0.13, cardsPerServer: null, cardExVat: 1, state: 'current', ageDays: 1, stale: false, estimate: false, source: { kind: 'hand' }, supersedesId: null, retired: null, ...over }) as PriceHistoryRow;

describe('pinChoices', () => {
  it('offers the standing card purchase quotes, by supplier then newest, and each supplier once', () => {
    const c = pinChoices({
      currency: 'CNY',
      chosenId: 3,
      rows: [
        row({ id: 1, supplier: 'Beta', quoteDate: '2026-01-01' }),
        row({ id: 2, supplier: 'Alpha', state: 'superseded' }),
        row({ id: 3, supplier: 'Alpha', quoteDate: '2026-02-01' }),
        row({ id: 4, supplier: 'Beta', quoteDate: '2026-03-01', state: 'expired', stale: true }),
        row({ id: 5, supplier: 'Gamma', state: 'retired' }),
        row({ id: 6, supplier: 'Delta', form: 'server' }),
        row({ id: 7, supplier: 'Epsilon', rental: true }),
        row({ id: 8, supplier: 'Estimate', estimate: true, cardExVat: null }),
      ],
    });
    expect(c.suppliers).toEqual(['Alpha', 'Beta', 'Estimate']);
    expect(c.quotes.map((q) => [q.id, q.chosen, q.expired, q.stale, q.estimate])).toEqual([
      [3, true, false, false, false],
      [4, false, true, true, false],
      [1, false, false, false, false],
      [8, false, false, false, true],
    ]);
  });

  it('round-trips the picker value, and clears the other field', () => {
    expect(pinValue({})).toBe('');
    expect(pinValue({ pinQuoteId: 12 })).toBe('quote:12');
    expect(pinValue({ pinSupplier: '华东智算' })).toBe('supplier:华东智算');
    expect(pinOfValue('quote:12')).toEqual({ pinQuoteId: 12, pinSupplier: undefined });
    expect(pinOfValue('supplier:华东智算')).toEqual({ pinQuoteId: undefined, pinSupplier: '华东智算' });
    expect(pinOfValue('')).toEqual({ pinQuoteId: undefined, pinSupplier: undefined });
    expect(pinOfValue('supplier:')).toEqual({ pinQuoteId: undefined, pinSupplier: undefined });
  });

  it('reads the stale age as typed: whole days 1–3650, full-width digits too', () => {
    expect(['180', ' 90 ', '１８０', '1', '3650'].map(readStaleDays)).toEqual([180, 90, 180, 1, 3650]);
    expect(['0', '3651', '12.5', '-3', 'abc', '', '1e3'].map(readStaleDays)).toEqual([null, null, null, null, null, null, null]);
  });
});
