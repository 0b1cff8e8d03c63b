/**
 * The catalog table's lean listing (`catalog:rows`) against the full one and the models: every
 * part's row carries the same figures as its full record, and the same price as the catalog
 * look-up the builds use (shared/scenario/catalog-lookup over the whole snapshot), on a catalog
 * whose quotes give the price policy every kind of choice: a supplier's newer quote replacing
 * its cheaper older one, corrections, retired quotes, future-dated quotes, expired quotes,
 * estimates, USD and VAT-inclusive prices, rental and server quotes, and an undone import.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/bootstrap';
import type { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/handlers';
import { catalogSnapshot } from '../../electron/db/snapshot';
import type { SeedQuote } from '../../shared/domain/catalog';
import { createCatalogLookup } from '../../shared/scenario/catalog-lookup';
import type { CatalogListing } from '../../shared/contract/catalog';
import type { CatalogData } from '../../shared/contract/views';
import { addDays } from '../../shared/calendar';
import { rng } from '../helpers/rng';
import { tmpDbPath } from '../helpers/tmp';

const TODAY = '2026-12-01';
let ctx: AppContext;
let rows: CatalogListing;
let full: CatalogData;

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

beforeAll(async () => {
  ctx = openApp(tmpDbPath(), { clock: () => new Date(`${TODAY}T04:00:00Z`) });
  const parts = ctx.accelerators.list();
  const rand = rng(7);
  const suppliers = ['华东智算', 'Inspur', 'inspur ', 'Lenovo'];
  const undone = ctx.imports.createBatch({ fileName: 'undone.xlsx', sheet: 'S', supplier: 'Undone Co', rowCount: 1, importedAt: `${TODAY}T00:00:00Z` });
  ctx.db.transaction(() => {
    parts.forEach((p, i) => {
      if (i % 5 === 4) return; // some parts keep only their seed quotes (or none)
      const ids: number[] = [];
      for (let k = 0; k < 8; k++) {
        const date = addDays(TODAY, Math.floor(rand() * 420) - 20); // a few in the future
        const q: SeedQuote = {
          item: p.slug,
          kind: k === 7 ? 'rental-card-hour' : 'purchase',
          supplier: suppliers[(i + k) % suppliers.length]!,
          price: k === 7 ? 2 + rand() * 5 : Math.round((k % 3 === 0 ? 14_000 : 95_000) * (0.6 + rand())),
          currency: k % 3 === 0 ? 'USD' : 'CNY',
          vatIncluded: k % 2 === 0,
          vatRate: k % 4 === 1 ? 0.06 : 0.13,
          validUntil: k % 3 === 2 ? addDays(date, 20) : undefined,
          source: { title: `Sheet ${i}-${k}`, url: '', asOf: date, estimate: k === 5, note: '' },
          quoteDate: date,
        } as SeedQuote;
        ids.push(ctx.quotes.add(q, { origin: 'import' }));
      }
      if (i % 3 === 0) ctx.quotes.retire(ids[1]!, { by: 'test', reason: 'withdrawn' });
      if (i % 4 === 0) {
        const old = ctx.quotes.get(ids[2]!)!;
        ctx.quotes.supersede(ids[2]!, { ...old, price: old.price * 1.5 } as SeedQuote, { origin: 'user' });
      }
      // a cheap quote of an import that was undone: never a price
      ctx.quotes.add(
        { item: p.slug, kind: 'purchase', supplier: 'Undone Co', price: 1, currency: 'CNY', vatIncluded: false, vatRate: 0.13, source: { title: 'undone', url: '', asOf: TODAY, estimate: false, note: '' }, quoteDate: TODAY } as SeedQuote,
        { origin: 'import', importId: undone },
      );
    });
  })();
  ctx.imports.markUndone(undone, `${TODAY}T01:00:00Z`);
  rows = ok(await dispatch(ctx, 'catalog:rows', undefined)) as CatalogListing;
  full = ok(await dispatch(ctx, 'catalog:list', undefined)) as CatalogData;
});

describe('catalog:rows', () => {
  it('lists every part once, in the full listing\'s order, with its figures', () => {
    expect(rows.rows.map((r) => r.slug)).toEqual(full.accelerators.map((a) => a.slug));
    for (const [i, r] of rows.rows.entries()) {
      const a = full.accelerators[i]!;
      expect(r).toEqual({
        slug: a.slug,
        vendor: a.vendor,
        model: a.model,
        generation: a.generation,
        aliases: a.aliases,
        domestic: a.domestic,
        memoryGB: a.memoryGB,
        memoryType: a.memoryType,
        memoryBandwidthTBps: a.memoryBandwidthTBps,
        tflops: Object.fromEntries(Object.entries({ fp16: a.tflops.fp16, bf16: a.tflops.bf16, fp8: a.tflops.fp8, int8: a.tflops.int8 }).filter(([, v]) => v !== undefined)),
        tdpW: a.tdpW,
        scaleUpGBps: a.scaleUpGBps,
        formFactor: a.formFactor,
        softwareStack: a.softwareStack,
        releaseYear: a.releaseYear,
        exportCN: a.exportControl.CN,
        userEdited: a.userEdited,
        ...(a.bestPrice ? { bestPrice: { price: a.bestPrice.price, currency: a.bestPrice.currency, estimate: a.bestPrice.estimate } } : {}),
      });
    }
    expect(rows.vendors).toEqual(full.vendors);
  });

  it('gives each part the price the builds use (the look-up over every quote)', () => {
    const lookup = createCatalogLookup(catalogSnapshot(ctx));
    let priced = 0;
    let flagged = 0;
    for (const r of rows.rows) {
      const p = lookup.bestCardPrice(r.slug, TODAY, 'CNY');
      if (!p) {
        expect(r.bestPrice).toBeUndefined();
        continue;
      }
      priced++;
      if (p.flags.estimate || p.flags.expired || p.flags.stale) flagged++;
      expect(r.bestPrice).toEqual({ price: p.price, currency: 'CNY', estimate: p.flags.estimate });
      const a = full.accelerators.find((x) => x.slug === r.slug)!;
      expect(a.bestPrice).toEqual({ price: p.price, currency: 'CNY', supplier: p.supplier, asOf: p.quoteDate, ageDays: p.ageDays, ...p.flags, quoteId: p.quote.id });
      expect(a.bestPrice!.supplier).not.toBe('Undone Co');
    }
    expect(priced).toBeGreaterThan(rows.rows.length / 2);
    expect(flagged).toBeGreaterThan(0);
  });

  it('prices one opened part (catalog:get) as the listing does', async () => {
    for (const [i, r] of rows.rows.slice(0, 12).entries()) {
      const a = ok(await dispatch(ctx, 'catalog:get', { slug: r.slug })) as CatalogData['accelerators'][number];
      expect(a.bestPrice).toEqual(full.accelerators[i]!.bestPrice);
      expect(Object.keys(a.sources).length).toBeGreaterThan(0);
    }
  });

  it('is kept until the database changes, then read again (a new quote, a new FX rate)', async () => {
    const again = ok(await dispatch(ctx, 'catalog:rows', undefined)) as CatalogListing;
    expect(again).toBe(rows);
    const part = rows.rows.find((r) => r.bestPrice && !r.bestPrice.estimate)!;
    ctx.quotes.add(
      { item: part.slug, kind: 'purchase', supplier: 'Cheaper Co', price: 1000, currency: 'CNY', vatIncluded: false, vatRate: 0.13, source: { title: 'call', url: '', asOf: TODAY, estimate: false, note: '' }, quoteDate: TODAY } as SeedQuote,
      { origin: 'user' },
    );
    const after = ok(await dispatch(ctx, 'catalog:rows', undefined)) as CatalogListing;
    expect(after).not.toBe(rows);
    expect(after.rows.find((r) => r.slug === part.slug)!.bestPrice).toEqual({ price: 1000, currency: 'CNY', estimate: false });
    // a USD-priced part's price follows a new dollar rate
    ctx.fx.add({ currency: 'USD', cnyPer: 100, asOf: TODAY, source: { title: 'test rate', url: '', asOf: TODAY, estimate: false, note: '' } }, 'user');
    const fx = ok(await dispatch(ctx, 'catalog:rows', undefined)) as CatalogListing;
    const lookup = createCatalogLookup(catalogSnapshot(ctx));
    for (const r of fx.rows) expect(r.bestPrice?.price).toBe(lookup.bestCardPrice(r.slug, TODAY, 'CNY')?.price);
    expect(fx.rows.some((r, i) => r.bestPrice?.price !== after.rows[i]!.bestPrice?.price)).toBe(true);
  });

  it('refuses arguments it does not take', async () => {
    const r = await dispatch(ctx, 'catalog:rows', { slug: 'x' } as never);
    expect(r.ok).toBe(false);
  });
});
