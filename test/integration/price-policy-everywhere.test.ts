/**
 * One home for the card price: the optimizer's candidates and costs, the bids' price lines and
 * the reports take a catalog card's price only from the price policy (through the catalog
 * look-up), pins included. The catalog here holds, for MLU590, the seed's ¥85,000 estimate and a
 * supplier who first quoted ¥80,000 ex VAT (2026-01-10) and then ¥98,000 incl. 13 % VAT
 * (2026-10-01): the policy takes that supplier's latest (¥86,725.66 ex VAT) over the estimate;
 * a part that picked "the lowest price" would take ¥80,000, one that took the estimate ¥85,000.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/bootstrap';
import { catalogSnapshot } from '../../electron/db/snapshot';
import { reportFromBids, reportFromScenario } from '../../electron/report/model';
import { renderReportHtml } from '../../electron/report/html';
import { resolveCandidates } from '../../shared/optimize/candidates';
import { defaultCandidates } from '../../shared/optimize/form';
import { optimizeProblemSchema } from '../../shared/optimize/schema';
import { evaluateBidFile } from '../../shared/bids/evaluate';
import { bidFileSchema } from '../../shared/bids/schema';
import { createCatalogLookup, type CatalogSnapshot, type SnapshotQuote } from '../../shared/scenario/catalog-lookup';
import { parseScenario } from '../../shared/scenario/schema';
import { bidPriceRows, buildPriceRows } from '../../shared/report/price-source';
import { tmpDbPath } from '../helpers/tmp';

const TODAY = '2026-12-01';
const SITE = { name: 'Test site', powerPricePerKWh: 0.3, pue: 1.2, jurisdiction: 'CN' as const };
const POLICY = 98_000 / 1.13; // ¥86,725.66
const src = (title: string) => ({ title, url: '', asOf: '', estimate: false, note: '' });
const quote = (id: number, supplier: string, price: number, vatIncluded: boolean, quoteDate: string): SnapshotQuote =>
  ({ id, item: 'mlu590', kind: 'purchase', supplier, price, currency: 'CNY', vatIncluded, vatRate: 0.13, quoteDate, status: 'current', supersedesId: null, source: src(supplier) }) as SnapshotQuote;

let snap: CatalogSnapshot;
beforeAll(() => {
  const seeded = catalogSnapshot(openApp(tmpDbPath()));
  snap = {
    ...seeded,
    quotes: [...seeded.quotes, quote(900001, '华东智算科技有限公司', 80_000, false, '2026-01-10'), quote(900002, '华东智算科技有限公司', 98_000, true, '2026-10-01'), quote(900003, '北方算力集成有限公司', 99_000, false, '2026-11-20')],
  };
});

describe('the price policy is the one home of a card price', () => {
  it('optimizer: candidates and their unit costs carry the policy\'s price and quote', () => {
    const lookup = createCatalogLookup(snap);
    const p = optimizeProblemSchema.parse({ asOf: TODAY, site: SITE, demand: [{ model: 'qwen3-235b-a22b', outputTokensPerSecond: 1000, roles: ['both'] }], candidates: { include: ['mlu590'] } });
    const c = resolveCandidates(p, lookup, snap.accelerators, TODAY);
    const part = c.parts.find((x) => x.slug === 'mlu590')!;
    expect(part.resolved.cardPrice).toBeCloseTo(POLICY, 2);
    expect(part.resolved.cardPriceOrigin.kind === 'quote' && part.resolved.cardPriceOrigin.choice.supplier).toBe('华东智算科技有限公司');
    // one card's capex in the optimizer's linear model is the card price plus what the models add per card, never another price
    const withoutCard = part.costs.perCard.capex - part.resolved.cardPrice;
    const other = resolveCandidates(p, createCatalogLookup({ ...snap, quotes: snap.quotes.filter((q) => q.item !== 'mlu590' || q.id === 900003) }), snap.accelerators, TODAY).parts[0]!;
    expect(other.resolved.cardPrice).toBe(99_000);
    expect(other.costs.perCard.capex - other.resolved.cardPrice).toBeCloseTo(withoutCard, 6);
    expect(defaultCandidates(snap, lookup, 'west-china', TODAY).find((x) => x.slug === 'mlu590')?.price).toBeCloseTo(POLICY, 2);
  });

  it('scenario report: the prices table shows the policy\'s price and names the supplier; a supplier pin is followed', () => {
    const scenario = (line: Record<string, unknown>) => {
      const r = parseScenario({ version: 1, name: 'Audit', currency: 'CNY', asOf: TODAY, site: SITE, workload: { model: 'qwen3-235b-a22b' }, builds: [{ name: 'MLU590 pod', lines: [{ accelerator: 'mlu590', count: 16, ...line }] }] });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.value;
    };
    const m = reportFromScenario(scenario({}), snap, { lang: 'en', today: TODAY, date: TODAY });
    const line = m.evaluation.builds[0]!.lines[0]!;
    expect(line.cardPrice).toBeCloseTo(POLICY, 2);
    expect(line.cardPriceQuote).toMatchObject({ id: 900002, supplier: '华东智算科技有限公司', quoteDate: '2026-10-01', estimate: false });
    expect(renderReportHtml(m)).toContain('华东智算科技有限公司');
    const pinned = reportFromScenario(scenario({ pinSupplier: '北方算力集成有限公司' }), snap, { lang: 'en', today: TODAY, date: TODAY }).evaluation.builds[0]!.lines[0]!;
    expect(pinned.cardPrice).toBe(99_000);
    expect(buildPriceRows([pinned])[0]!.source).toMatchObject({ kind: 'quote', supplier: '北方算力集成有限公司', quoteId: 900003, flags: ['pinned'], pin: 'supplier' });
  });

  it('bids: a bid\'s card lines are priced by the bid, not by the catalog, and say so', () => {
    const file = bidFileSchema.parse({
      kind: 'bids',
      currency: 'CNY',
      asOf: TODAY,
      requirement: { name: 'Audit', site: SITE, workload: { model: 'qwen3-235b-a22b' } },
      bids: [{ vendor: 'Gamma Ltd', vatIncluded: true, deliveryWeeks: 8, validUntil: '2026-11-30', lines: [{ accelerator: 'mlu590', count: 16, unitPrice: { amount: 113_000, currency: 'CNY' } }] }],
    });
    const r = evaluateBidFile(file, createCatalogLookup(snap), { today: TODAY });
    const cards = r.bids[0]!.priceLines.find((l) => l.kind === 'cards')!;
    expect(cards.unitExVat).toBeCloseTo(100_000, 6);
    const rows = bidPriceRows(r.bids[0]!, r.evaluation.assumptions.asOf);
    expect(rows[0]).toMatchObject({ accelerator: r.bids[0]!.build.lines[0]!.accelerator, count: 16, source: { kind: 'bid', supplier: 'Gamma Ltd', validUntil: '2026-11-30', flags: ['expired'] } });
    expect(rows[0]!.cardPrice).toBeCloseTo(100_000, 6);
    const report = reportFromBids(file, snap, { lang: 'en', today: TODAY, date: TODAY });
    expect(report.evaluation.builds[0]!.lines[0]!.cardPrice).toBeCloseTo(100_000, 6);
  });
});
