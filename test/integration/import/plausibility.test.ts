/**
 * The import's plausibility check compares a row with the price a build would use (the price
 * policy's choice), not with the lowest latest quote: an estimate must not make a real quote
 * look implausible while real quotes exist. A hand-built catalog: Ascend 910B's stored quotes
 * retired, then an estimate at half the real price and two real quotes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, preview, row, tempApp, type TempApp } from './fixtures';
import type { SeedQuote } from '../../../shared/domain/catalog';

const PART = 'ascend-910b';
let app: TempApp;

function quote(supplier: string, price: number, quoteDate: string, opts: { estimate?: boolean; validUntil?: string } = {}): SeedQuote {
  return {
    item: PART,
    kind: 'purchase',
    supplier,
    quoteDate,
    price,
    currency: 'CNY',
    vatIncluded: false,
    vatRate: 0.13,
    ...(opts.validUntil ? { validUntil: opts.validUntil } : {}),
    source: { title: `${supplier} quote`, url: '', asOf: quoteDate, estimate: opts.estimate ?? false, note: '' },
  };
}

/** Only the quotes given stand for the part. */
function catalog(quotes: SeedQuote[]): void {
  const { ctx } = app;
  ctx.transaction(() => {
    for (const q of ctx.quotes.history(PART)) {
      if (q.kind === 'purchase' && q.item === PART && q.status === 'current') ctx.quotes.retire(q.id, { by: 'test', reason: 'hand-built catalog' });
    }
    for (const q of quotes) ctx.quotes.add(q, { origin: 'user' });
  });
}

const sheet = (...prices: number[]) => csv([['型号', '单价', '供应商'], ...prices.map((p) => ['昇腾910B', String(p), '新供应商有限公司'])]);

beforeEach(() => {
  app = tempApp();
});
afterEach(() => app.close());

describe('plausibility against the price policy', () => {
  it('an estimate at half the real price does not flag a real quote within range of the real quotes', async () => {
    catalog([quote('估算', 50_000, '2026-11-01', { estimate: true }), quote('华东智算科技有限公司', 100_000, '2026-11-10'), quote('北方算力集成有限公司', 110_000, '2026-11-12')]);
    const p = await preview(app.ctx, sheet(260_000, 600_000, 15_000), 'quote.csv', { vatIncluded: false });
    // 2.6× the policy's ¥100,000 (5.2× the estimate): plausible
    expect(row(p, 2)).toMatchObject({ match: { slug: PART }, priceExVat: 260_000, needsConfirmation: false, accepted: true });
    // still flagged when out of range of the real quotes, and the reason names the policy's price
    const high = row(p, 3);
    expect(high).toMatchObject({ needsConfirmation: true, accepted: false });
    expect(high.confirmReason).toMatch(/6×/);
    expect(high.confirmReason).toContain('100,000');
    expect(high.confirmReason).not.toContain('50,000');
    // 0.15× of ¥100,000 (0.3× the estimate): too low
    expect(row(p, 4)).toMatchObject({ needsConfirmation: true, accepted: false });
    expect(p.counts.needsConfirmation).toBe(2);
  });

  it('with only an estimate, the estimate is the reference', async () => {
    catalog([quote('估算', 50_000, '2026-11-01', { estimate: true })]);
    const p = await preview(app.ctx, sheet(260_000, 240_000), 'quote.csv', { vatIncluded: false });
    expect(row(p, 2)).toMatchObject({ needsConfirmation: true });
    expect(row(p, 2).confirmReason).toContain('50,000');
    expect(row(p, 3)).toMatchObject({ needsConfirmation: false });
  });

  it('an expired real quote gives way to a valid estimate, as in the policy', async () => {
    catalog([quote('估算', 200_000, '2026-11-01', { estimate: true }), quote('华东智算科技有限公司', 30_000, '2026-01-10', { validUntil: '2026-03-31' })]);
    const p = await preview(app.ctx, sheet(180_000), 'quote.csv', { vatIncluded: false });
    // 0.9× the valid estimate; 6× the expired quote the "lowest latest" rule took
    expect(row(p, 2)).toMatchObject({ needsConfirmation: false, accepted: true });
  });
});
