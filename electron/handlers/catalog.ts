/** Catalog handlers: list, get, save parts; list quotes. */
import type { AppContext } from '../context';
import type { ParsedInput } from '../../shared/contract/api';
import { AppError } from '../../shared/contract/result';
import type { AcceleratorView, CatalogData, QuoteView } from '../../shared/contract/views';
import { perCardExVat, type QuoteRecord } from '../../shared/domain/catalog';
import { changedFields } from '../../shared/domain/catalog-fields';
import { teamRepo } from './team';
import { createCatalogLookup } from '../../shared/scenario/catalog-lookup';
import { catalogSnapshot } from '../db/snapshot';
import type { StoredAccelerator } from '../db/repos/accelerators';

function toQuoteView(q: QuoteRecord): QuoteView {
  const view: QuoteView = { ...q };
  if (q.kind === 'server-purchase' && q.cardsPerServer) {
    view.perCardExVat = perCardExVat(q.price, q.vatIncluded, q.vatRate, q.currency, q.cardsPerServer);
  }
  return view;
}

/**
 * The price a build would use for each part, in CNY ex VAT: the price policy's choice, found by
 * the same look-up the models use (so the catalog and the evaluations agree).
 */
function bestPrices(ctx: AppContext, parts: StoredAccelerator[]): Map<string, AcceleratorView['bestPrice']> {
  const lookup = createCatalogLookup(catalogSnapshot(ctx, parts));
  const out = new Map<string, AcceleratorView['bestPrice']>();
  const today = ctx.today();
  for (const { slug } of parts) {
    const p = lookup.bestCardPrice(slug, today, 'CNY');
    if (p) out.set(slug, { price: p.price, currency: p.currency, supplier: p.supplier, asOf: p.quoteDate, ageDays: p.ageDays, ...p.flags, ...(p.quote.id !== undefined ? { quoteId: p.quote.id } : {}) });
  }
  return out;
}

function withPrice(a: StoredAccelerator, prices: Map<string, AcceleratorView['bestPrice']>): AcceleratorView {
  const bp = prices.get(a.slug);
  return bp ? { ...a, bestPrice: bp } : { ...a };
}

export function listCatalog(ctx: AppContext): CatalogData {
  const parts = ctx.accelerators.list();
  const prices = bestPrices(ctx, parts);
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
  if (!a) throw new AppError('not-found', `no accelerator with slug "${input.slug}"`);
  return withPrice(a, bestPrices(ctx, [a]));
}

export function saveAccelerator(ctx: AppContext, input: ParsedInput<'catalog:save'>): AcceleratorView {
  const { accelerator, create } = input;
  const existing = ctx.accelerators.get(accelerator.slug);
  if (create && existing) {
    throw new AppError('conflict', `an accelerator with slug "${accelerator.slug}" already exists`, [
      { path: 'accelerator.slug', message: 'already in use' },
    ]);
  }
  if (!create && !existing) throw new AppError('not-found', `no accelerator with slug "${accelerator.slug}"`);
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
