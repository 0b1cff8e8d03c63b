/** Catalog handlers: list (the table's lean rows, or every part in full), get, save parts; list quotes. */
import type { AppContext } from '../context';
import type { ParsedInput } from '../../shared/contract/api';
import { translatedError } from '../../shared/contract/result';
import { said } from '../../shared/i18n/translate';
import type { AcceleratorView, CatalogData, QuoteView } from '../../shared/contract/views';
import { perCardExVat, type QuoteRecord } from '../../shared/domain/catalog';
import { changedFields } from '../../shared/domain/catalog-fields';
import { teamRepo } from './team';
import type Database from 'better-sqlite3';
import type { CatalogListing, CatalogRow } from '../../shared/contract/catalog';
import { choosePricePerItem } from '../../shared/domain/price-policy';
import { fxTableOf } from '../../shared/scenario/catalog-lookup';
import { staleQuoteDays } from '../db/snapshot';
import { changeStamp } from '../db/change-stamp';

function toQuoteView(q: QuoteRecord): QuoteView {
  const view: QuoteView = { ...q };
  if (q.kind === 'server-purchase' && q.cardsPerServer) {
    view.perCardExVat = perCardExVat(q.price, q.vatIncluded, q.vatRate, q.currency, q.cardsPerServer);
  }
  return view;
}

/**
 * The price a build would use for each part, in CNY ex VAT: the price policy's choice
 * (shared/domain/price-policy choosePrice, with the options the catalog look-up gives it, so
 * the catalog and the evaluations agree), made over the purchase quotes that can still decide
 * (QuoteRepo.purchaseCandidates), grouped by part in one pass: asking the look-up part by part
 * scanned every quote for every part, 600 million comparisons at 10,000 parts and 60,000 quotes.
 * `slug`: of this part only.
 */
function bestPrices(ctx: AppContext, slug?: string): Map<string, AcceleratorView['bestPrice']> {
  const today = ctx.today();
  const opts = { kind: 'purchase', today, currency: 'CNY', fx: fxTableOf(ctx.fx.latest()), staleDays: staleQuoteDays(ctx) } as const;
  const out = new Map<string, AcceleratorView['bestPrice']>();
  for (const [item, p] of choosePricePerItem(ctx.quotes.purchaseCandidates(today, slug), opts)) {
    out.set(item, { price: p.price, currency: p.currency, supplier: p.supplier, asOf: p.quoteDate, ageDays: p.ageDays, ...p.flags, ...(p.quote.id !== undefined ? { quoteId: p.quote.id } : {}) });
  }
  return out;
}

function withPrice<T extends { slug: string }>(a: T, prices: Map<string, AcceleratorView['bestPrice']>): T & Pick<AcceleratorView, 'bestPrice'> {
  const bp = prices.get(a.slug);
  return bp ? { ...a, bestPrice: bp } : { ...a };
}

/** Every part with all its figures, sources and price (the CLI's `catalog list`). */
export function listCatalog(ctx: AppContext): CatalogData {
  const parts = ctx.accelerators.list();
  const prices = bestPrices(ctx);
  return {
    accelerators: parts.map((a) => withPrice(a, prices)),
    vendors: ctx.accelerators.vendors(),
    servers: ctx.servers.list(),
    sites: ctx.sites.list(),
    fx: ctx.fx.latest(),
  };
}

export function getAccelerator(ctx: AppContext, input: ParsedInput<'catalog:get'>): AcceleratorView {
  const a = ctx.accelerators.get(input.slug);
  if (!a) throw translatedError('not-found', 'errors.catalog.notFound', { slug: input.slug });
  return withPrice(a, bestPrices(ctx, a.slug));
}

// The last listing per open database, with the database's change stamp and the day it was
// priced on: the page asks again on every visit and after every write, and most visits change
// nothing. Any write (this connection's or a worker's) or a new day makes it stale.
const listings = new WeakMap<Database.Database, { stamp: string; today: string; listing: CatalogListing }>();

/**
 * The catalog table's rows (shared/contract/catalog): the columns it shows and the same price
 * as `listCatalog`, the table's price cell only (the rest is fetched for the row opened). Kept
 * until the database changes; callers must not modify it.
 */
export function listCatalogRows(ctx: AppContext): CatalogListing {
  const stamp = changeStamp(ctx.db);
  const today = ctx.today();
  const kept = listings.get(ctx.db);
  if (kept && kept.stamp === stamp && kept.today === today) return kept.listing;
  const prices = bestPrices(ctx);
  const rows = ctx.accelerators.rows().map((r): CatalogRow => {
    const p = prices.get(r.slug);
    return p ? { ...r, bestPrice: { price: p.price, currency: p.currency, estimate: p.estimate } } : r;
  });
  const listing = { rows, vendors: ctx.accelerators.vendors() };
  listings.set(ctx.db, { stamp, today, listing });
  return listing;
}

export function saveAccelerator(ctx: AppContext, input: ParsedInput<'catalog:save'>): AcceleratorView {
  const { accelerator, create } = input;
  const existing = ctx.accelerators.get(accelerator.slug);
  if (create && existing) {
    throw translatedError('conflict', 'errors.catalog.exists', { slug: accelerator.slug }, [{ path: 'accelerator.slug', ...said('errors.catalog.slugInUse') }]);
  }
  if (!create && !existing) throw translatedError('not-found', 'errors.catalog.notFound', { slug: accelerator.slug });
  ctx.transaction(() => {
    ctx.accelerators.upsert(accelerator, { origin: existing?.origin ?? 'user', userEdited: true });
    // an edited figure is shared with the team field by field at the next sync (catalog merges)
    if (existing) teamRepo(ctx).catalog.recordEdits(accelerator.slug, changedFields(existing, accelerator), ctx.clock().toISOString());
  });
  return getAccelerator(ctx, { slug: accelerator.slug });
}

export function listQuotes(ctx: AppContext, input: ParsedInput<'quotes:list'>): QuoteView[] {
  return ctx.quotes.list({ item: input?.item }).map(toQuoteView);
}
