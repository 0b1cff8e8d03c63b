/** The one price schema (files, bids, saved builds) and the one "latest FX rate". */
import { describe, expect, it } from 'vitest';
import { priceSchema } from '../../shared/money';
import { latestFxRates, type FxRate } from '../../shared/domain/catalog';
import { buildLineSchema } from '../../shared/scenario/build';

describe('priceSchema', () => {
  it('takes a major-unit amount and a currency, nothing else', () => {
    expect(priceSchema.parse({ amount: 98_000, currency: 'CNY' })).toEqual({ amount: 98_000, currency: 'CNY' });
    expect(priceSchema.safeParse({ amount: 1, currency: 'CNY', vat: true }).success).toBe(false);
    expect(priceSchema.safeParse({ amount: Number.POSITIVE_INFINITY, currency: 'CNY' }).success).toBe(false);
    expect(priceSchema.safeParse({ amount: 1e12 + 1, currency: 'CNY' }).success).toBe(false);
  });

  it('says what was expected, the same in a saved build as in a scenario', () => {
    const line = buildLineSchema.safeParse({ accelerator: 'h20', count: 8, unitPrice: { amount: -1, currency: 'XYZ' } });
    expect(line.success).toBe(false);
    const messages = line.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('unitPrice.amount: expected a non-negative amount in major units (yuan, dollars)');
    expect(messages).toContain('unitPrice.currency: expected a currency: CNY, USD, EUR, HKD, JPY');
  });
});

describe('latestFxRates', () => {
  const rate = (currency: FxRate['currency'], cnyPer: number, asOf: string): FxRate => ({
    currency, cnyPer, asOf, source: { title: 't', url: '', asOf, estimate: false, note: '' },
  });

  it('keeps the newest date per currency, and the first listed of one date', () => {
    const latest = latestFxRates([
      rate('USD', 7.1, '2026-01-01'),
      rate('USD', 7.2, '2026-03-01'),
      rate('EUR', 7.8, '2026-02-01'),
      rate('USD', 7.3, '2026-03-01'),
    ]);
    expect(latest.get('USD')?.cnyPer).toBe(7.2);
    expect(latest.get('EUR')?.cnyPer).toBe(7.8);
    expect(latest.has('JPY')).toBe(false);
  });
});
