/**
 * The price policy (shared/domain/price-policy), rule by rule, with prices worked by hand:
 * ¥98,000 incl. 13 % VAT = 9,800,000 fen / 1.13 = 8,672,566.37 → ¥86,725.66 ex VAT.
 */
import { describe, expect, it } from 'vitest';
import { choosePrice, daysBetween, DEFAULT_STALE_QUOTE_DAYS, quoteState, staleQuoteDaysOf, type PolicyQuote } from '../../../shared/domain/price-policy';
import { createCatalogLookup } from '../../../shared/scenario/catalog-lookup';

const TODAY = '2026-03-01';
const fx = { USD: 7.2 };
let nextId = 1;
const q = (over: Partial<PolicyQuote> & { estimate?: boolean; asOf?: string } = {}): PolicyQuote => {
  const { estimate = false, asOf = '2026-02-01', ...rest } = over;
  return {
    id: nextId++, item: 'mlu590', kind: 'purchase', supplier: 'S', price: 100_000, currency: 'CNY', vatIncluded: false, vatRate: 0.13,
    source: { title: 'sheet', url: '', asOf, estimate, note: '' }, status: 'current', ...rest,
  };
};
const pick = (quotes: PolicyQuote[], extra: Partial<Parameters<typeof choosePrice>[2]> = {}) => choosePrice(quotes, 'mlu590', { today: TODAY, currency: 'CNY', fx, ...extra });

describe('the price policy', () => {
  it("the issue's case: a supplier's ¥98,000 incl. VAT (¥86,725.66 ex VAT) beats the seed's ¥85,000 estimate", () => {
    const estimate = q({ supplier: 'Estimate (no public price)', price: 85_000, estimate: true, asOf: '2025-06-01' });
    const real = q({ supplier: '华鲲振宇', price: 98_000, vatIncluded: true, quoteDate: '2026-02-10' });
    const c = pick([estimate, real])!;
    expect(c.quote).toBe(real);
    expect(c.price).toBe(86_725.66);
    expect(c).toMatchObject({ supplier: '华鲲振宇', quoteDate: '2026-02-10', ageDays: 19, flags: { estimate: false, expired: false, stale: false } });
  });

  it('uses an estimate only when no valid real quote exists, and flags it', () => {
    const estimate = q({ supplier: 'Estimate', price: 85_000, estimate: true, asOf: '2025-06-01' });
    const c = pick([estimate])!;
    expect(c.quote).toBe(estimate);
    // 2025-06-01 → 2026-03-01: 30+31+31+30+31+30+31+31+28 = 273 days, over 180: stale too
    expect(c).toMatchObject({ price: 85_000, ageDays: 273, flags: { estimate: true, expired: false, stale: true } });
  });

  it('uses an expired quote only when nothing else exists, flagged; an estimate goes first', () => {
    const expired = q({ supplier: 'A', price: 90_000, validUntil: '2026-02-28' });
    const estimate = q({ supplier: 'E', price: 120_000, estimate: true });
    expect(pick([expired, estimate])!.quote).toBe(estimate);
    const c = pick([expired])!;
    expect(c.quote).toBe(expired);
    expect(c.flags).toEqual({ estimate: false, expired: true, stale: false });
    // valid through its valid-until day
    expect(pick([expired], { today: '2026-02-28' })!.flags.expired).toBe(false);
    // of two expired quotes, a real one before an estimate, however cheap
    const oldEstimate = q({ supplier: 'E', price: 1, estimate: true, validUntil: '2026-01-01' });
    expect(pick([oldEstimate, expired])!.quote).toBe(expired);
  });

  it("counts each supplier's latest quote only, then takes the lowest ex-VAT price", () => {
    // A: ¥95,000 ex VAT in January, raised to ¥120,000 incl. VAT (¥106,194.69 ex VAT) in February
    const aOld = q({ supplier: 'A', price: 95_000, quoteDate: '2026-01-05' });
    const aNew = q({ supplier: 'a ', price: 120_000, vatIncluded: true, quoteDate: '2026-02-05' });
    // B: ¥107,000 ex VAT
    const b = q({ supplier: 'B', price: 107_000, quoteDate: '2026-01-20' });
    const c = pick([aOld, aNew, b])!;
    expect(c.quote).toBe(aNew); // A's old ¥95,000 no longer counts
    expect(c.price).toBe(106_194.69); // 12,000,000 fen / 1.13 = 10,619,469.03 fen
    // in another currency: USD 14,000 ex VAT × 7.2 = ¥100,800 beats both
    const usd = q({ supplier: 'C', price: 14_000, currency: 'USD' });
    expect(pick([aOld, aNew, b, usd])!).toMatchObject({ quote: usd, price: 100_800 });
    // a currency with no rate is skipped, not guessed
    expect(pick([q({ currency: 'EUR', price: 1 }), b])!.quote).toBe(b);
  });

  it('leaves out retired and superseded quotes, those dated after today, and other kinds', () => {
    const retired = q({ supplier: 'A', price: 1, status: 'retired' });
    const superseded = q({ supplier: 'B', price: 2, status: 'superseded' });
    const future = q({ supplier: 'C', price: 3, quoteDate: '2026-03-02' });
    const rental = q({ supplier: 'D', price: 4, kind: 'rental-card-hour' });
    const other = q({ supplier: 'E', price: 5, item: 'h20' });
    const ok = q({ supplier: 'F', price: 200_000 });
    expect(pick([retired, superseded, future, rental, other, ok])!.quote).toBe(ok);
    expect(pick([retired, superseded, future, rental, other])).toBeUndefined();
    expect(pick([rental], { kind: 'rental-card-hour' })!.quote).toBe(rental);
  });

  it('breaks a price tie by the newer quote', () => {
    const older = q({ supplier: 'A', price: 100_000, quoteDate: '2026-01-01' });
    const newer = q({ supplier: 'B', price: 100_000, quoteDate: '2026-02-01' });
    expect(pick([older, newer])!.quote).toBe(newer);
  });

  it('flags a quote older than the settable age as stale', () => {
    const x = q({ quoteDate: '2025-09-01' }); // 2025-09-01 → 2026-03-01: 30+31+30+31+31+28 = 181 days
    expect(pick([x])!).toMatchObject({ ageDays: 181, flags: { stale: true } });
    expect(pick([x], { staleDays: 181 })!.flags.stale).toBe(false);
    expect(DEFAULT_STALE_QUOTE_DAYS).toBe(180);
    expect([staleQuoteDaysOf(90), staleQuoteDaysOf(undefined), staleQuoteDaysOf(0), staleQuoteDaysOf('90'), staleQuoteDaysOf(1.5)]).toEqual([90, 180, 180, 180, 180]);
  });

  it('honours a pinned quote (following its correction) or supplier, and says when a pin finds nothing', () => {
    const cheap = q({ supplier: 'A', price: 90_000 });
    const dear = q({ supplier: 'B', price: 110_000, quoteDate: '2026-01-01' });
    const dearFixed = q({ supplier: 'B', price: 105_000, supersedesId: dear.id!, quoteDate: '2026-02-15' });
    const quotes = [cheap, { ...dear, status: 'superseded' as const }, dearFixed];
    expect(pick(quotes)!.quote).toBe(cheap);
    expect(pick(quotes, { pin: { quoteId: dearFixed.id } })!).toMatchObject({ quote: dearFixed, pin: 'quote' });
    expect(pick(quotes, { pin: { quoteId: dear.id } })!).toMatchObject({ quote: dearFixed, pin: 'quote' });
    expect(pick(quotes, { pin: { supplier: ' b' } })!).toMatchObject({ quote: dearFixed, pin: 'supplier', price: 105_000 });
    // an expired pinned quote is still the pinned one, flagged
    const gone = q({ supplier: 'C', price: 1, validUntil: '2026-01-01' });
    expect(pick([cheap, gone], { pin: { quoteId: gone.id } })!).toMatchObject({ quote: gone, flags: { expired: true } });
    expect(pick(quotes, { pin: { quoteId: 99_999 } })!).toMatchObject({ quote: cheap, pin: 'unavailable' });
    expect(pick(quotes, { pin: { supplier: 'Nobody' } })!).toMatchObject({ quote: cheap, pin: 'unavailable' });
  });

  it('dates a quote by its quote date, else its source, and tells its state today', () => {
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(pick([q({ asOf: '2026-02-20' })])!.quoteDate).toBe('2026-02-20');
    expect(quoteState(q({ validUntil: '2026-02-01' }), TODAY)).toBe('expired');
    expect(quoteState(q({ validUntil: '2026-03-01' }), TODAY)).toBe('current');
    expect(quoteState(q({ status: 'retired', validUntil: '2026-02-01' }), TODAY)).toBe('retired');
    expect(quoteState(q({ status: 'superseded' }), TODAY)).toBe('superseded');
  });

  it('is what the catalog look-up answers (one home)', () => {
    const estimate = q({ supplier: 'Estimate', price: 85_000, estimate: true });
    const real = q({ supplier: '华鲲振宇', price: 98_000, vatIncluded: true });
    const lookup = createCatalogLookup({ accelerators: [], servers: [], sites: [], fx: [], quotes: [estimate, real], staleQuoteDays: 10 });
    expect(lookup.bestCardPrice('mlu590', TODAY, 'CNY')!).toMatchObject({ quote: real, price: 86_725.66, ageDays: 28, flags: { stale: true } });
    expect(lookup.bestCardPrice('mlu590', TODAY, 'CNY', undefined, { supplier: 'Estimate' })!.quote).toBe(estimate);
  });
});
