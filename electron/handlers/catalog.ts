/** Catalog handlers: list, get, save parts; list quotes. */
import type { AppContext } from '../context';
import type { ParsedInput } from '../../shared/contract/api';
import { AppError } from '../../shared/contract/result';
import type { AcceleratorView, CatalogData, QuoteView } from '../../shared/contract/views';
import type { QuoteRecord } from '../db/repos/prices';
import { exVat } from '../../shared/money';
import type { StoredAccelerator } from '../db/repos/accelerators';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Quotes still valid today (no valid-until, or not yet passed). */
function isValid(q: QuoteRecord, asOf: string): boolean {
  return !q.validUntil || q.validUntil >= asOf;
}

function toQuoteView(q: QuoteRecord): QuoteView {
  const view: QuoteView = { ...q };
  if (q.kind === 'server-purchase' && q.cardsPerServer) {
    view.perCardExVat = exVat(q.price, q.vatIncluded, q.vatRate) / q.cardsPerServer;
  }
  return view;
}

/** Lowest valid ex-VAT purchase quote per part, in the quote's own currency. */
function bestPrices(quotes: QuoteRecord[]): Map<string, AcceleratorView['bestPrice']> {
  const best = new Map<string, AcceleratorView['bestPrice'] & { exVat: number }>();
  const asOf = today();
  for (const q of quotes) {
    if (q.kind !== 'purchase' || !isValid(q, asOf)) continue;
    const ex = exVat(q.price, q.vatIncluded, q.vatRate);
    const cur = best.get(q.item);
    // Compare within one currency only; prefer CNY quotes when both exist (the buyer's currency).
    if (!cur || (cur.currency === q.currency && ex < cur.exVat) || (cur.currency !== 'CNY' && q.currency === 'CNY')) {
      best.set(q.item, {
        price: ex,
        exVat: ex,
        currency: q.currency,
        supplier: q.supplier,
        asOf: q.source.asOf,
        estimate: q.source.estimate,
      });
    }
  }
  const out = new Map<string, AcceleratorView['bestPrice']>();
  for (const [k, { exVat: _e, ...v }] of best) out.set(k, v);
  return out;
}

function withPrice(a: StoredAccelerator, prices: Map<string, AcceleratorView['bestPrice']>): AcceleratorView {
  const bp = prices.get(a.slug);
  return bp ? { ...a, bestPrice: bp } : { ...a };
}

export function listCatalog(ctx: AppContext): CatalogData {
  const prices = bestPrices(ctx.prices.quotes());
  return {
    accelerators: ctx.accelerators.list().map((a) => withPrice(a, prices)),
    vendors: ctx.accelerators.vendors(),
    servers: ctx.prices.servers(),
    sites: ctx.prices.sites(),
    fx: ctx.prices.fxRates(),
  };
}

export function getAccelerator(ctx: AppContext, input: ParsedInput<'catalog:get'>): AcceleratorView {
  const a = ctx.accelerators.get(input.slug);
  if (!a) throw new AppError('not-found', `no accelerator with slug "${input.slug}"`);
  return withPrice(a, bestPrices(ctx.prices.quotes({ item: a.slug })));
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
  ctx.db.transaction(() => {
    ctx.accelerators.upsert(accelerator, {
      origin: existing?.origin ?? 'user',
      userEdited: true,
    });
  })();
  return getAccelerator(ctx, { slug: accelerator.slug });
}

export function listQuotes(ctx: AppContext, input: ParsedInput<'quotes:list'>): QuoteView[] {
  return ctx.prices.quotes({ item: input?.item }).map(toQuoteView);
}
