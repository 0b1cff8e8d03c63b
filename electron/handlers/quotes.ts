/**
 * Quotes by hand and price history: add, correct (a new quote superseding the old, in one
 * transaction), retire (kept with who, when and why), a part's history with the per-supplier
 * comparison, and the catalog and history exports. Nothing is overwritten or deleted.
 */
import os from 'node:os';
import type { AppContext } from '../context';
import type { ParsedInput } from '../../shared/contract/api';
import { translatedError } from '../../shared/contract/result';
import type { PriceHistory, QuoteWritten } from '../../shared/contract/quotes';
import type { ReportFileOut } from '../../shared/contract/bids';
import type { QuoteRecord, SeedQuote } from '../../shared/domain/catalog';
import type { ManualQuote } from '../../shared/domain/manual-quote';
import { latestPerSupplier, priceHistoryRows } from '../../shared/domain/price-history';
import { choosePrice } from '../../shared/domain/price-policy';
import { staleQuoteDays } from '../db/snapshot';
import { fxTableOf } from '../../shared/scenario/catalog-lookup';
import { catalogTable, priceHistoryTable } from '../../shared/report/price-tables';
import { tableCsv, tableXlsx } from '../report/table-file';
import { listCatalog } from './catalog';

/** The title a hand-entered quote's source carries (its origin is `user`, with no source file). */
export const ENTERED_BY_HAND = 'Entered by hand';

function partOrThrow(ctx: AppContext, slug: string) {
  const a = ctx.accelerators.get(slug);
  if (!a) throw translatedError('not-found', 'quotes.errors.noPart', { slug });
  return a;
}

function quoteOrThrow(ctx: AppContext, id: number): QuoteRecord {
  const q = ctx.quotes.get(id);
  if (!q) throw translatedError('not-found', 'quotes.errors.noQuote', { id });
  return q;
}

export function priceHistory(ctx: AppContext, item: string): PriceHistory {
  const part = partOrThrow(ctx, item);
  const today = ctx.today();
  const quotes = ctx.quotes.history(item);
  const fx = fxTableOf(ctx.fx.latest());
  const staleDays = staleQuoteDays(ctx);
  const rows = priceHistoryRows(item, quotes, today, fx, 'CNY', staleDays);
  const chosen = choosePrice(quotes, item, { today, currency: 'CNY', fx, staleDays });
  return { item, name: `${part.vendor} ${part.model}`, today, currency: 'CNY', staleDays, chosenId: chosen?.quote.id ?? null, rows, latestPerSupplier: latestPerSupplier(rows) };
}

/** The stored form of a hand-entered card quote (the quote date defaults to today). */
function seedQuote(item: string, v: ManualQuote, today: string): SeedQuote {
  const quoteDate = v.quoteDate ?? today;
  const q: SeedQuote = {
    item,
    kind: 'purchase',
    supplier: v.supplier,
    quoteDate,
    price: v.price,
    currency: v.currency,
    vatIncluded: v.vatIncluded,
    vatRate: v.vatRate,
    source: { title: ENTERED_BY_HAND, url: '', asOf: quoteDate, estimate: false, note: v.note ?? '' },
  };
  if (v.quoteNumber) q.quoteNumber = v.quoteNumber;
  if (v.validUntil) q.validUntil = v.validUntil;
  if (v.leadTimeWeeks !== undefined) q.leadTimeWeeks = v.leadTimeWeeks;
  if (v.moq !== undefined) q.moq = v.moq;
  return q;
}

function refuseFuture(v: ManualQuote, today: string): void {
  if (v.quoteDate && v.quoteDate > today) throw translatedError('invalid-input', 'quotes.invalid.future', { value: v.quoteDate });
}

export function addQuote(ctx: AppContext, input: ParsedInput<'quotes:add'>): QuoteWritten {
  partOrThrow(ctx, input.item);
  const today = ctx.today();
  refuseFuture(input.quote, today);
  const id = ctx.transaction(() => ctx.quotes.add(seedQuote(input.item, input.quote, today), { origin: 'user' }));
  return { id, vatAssumed: input.vatAssumed, history: priceHistory(ctx, input.item) };
}

/**
 * The stored form of a correction of `old`: a card quote as typed; a whole-server quote keeps
 * its server (or platform), card and card count, so its price per card is recomputed from the
 * corrected price by the one rule that computes it (shared/domain/catalog perCardExVat).
 */
function correctionOf(old: QuoteRecord, v: ManualQuote, today: string): SeedQuote {
  const q = seedQuote(old.item, v, today);
  if (old.kind !== 'server-purchase') return q;
  q.kind = 'server-purchase';
  if (old.cardsPerServer !== undefined) q.cardsPerServer = old.cardsPerServer;
  if (old.cardSlug !== undefined) q.cardSlug = old.cardSlug;
  if (old.platform) q.platform = old.platform;
  return q;
}

/** The part whose price history a quote belongs to (a server quote: its card's). */
const partOf = (q: QuoteRecord) => (q.kind === 'server-purchase' ? (q.cardSlug ?? q.item) : q.item);

/** A correction of a current hand-entered or imported quote, a card's or a whole server's (rental quotes are re-imported). */
export function correctQuote(ctx: AppContext, input: ParsedInput<'quotes:correct'>): QuoteWritten {
  const old = quoteOrThrow(ctx, input.id);
  if (old.kind === 'rental-card-hour') throw translatedError('invalid-input', 'quotes.errors.notCardQuote', { id: old.id });
  const today = ctx.today();
  if (old.status !== 'current') throw translatedError('conflict', 'quotes.errors.notCurrent', { id: old.id, state: old.status });
  refuseFuture(input.quote, today);
  const id = ctx.transaction(() => ctx.quotes.supersede(old.id, correctionOf(old, input.quote, today), { origin: 'user' }));
  return { id, supersededId: old.id, vatAssumed: input.vatAssumed, history: priceHistory(ctx, partOf(old)) };
}

/** Who retires a quote when the caller does not say: the operating system's user. */
function currentUser(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function retireQuote(ctx: AppContext, input: ParsedInput<'quotes:retire'>): PriceHistory {
  const old = quoteOrThrow(ctx, input.id);
  if (old.status !== 'current') throw translatedError('conflict', 'quotes.errors.notCurrent', { id: old.id, state: old.status });
  ctx.transaction(() => ctx.quotes.retire(old.id, { by: input.by ?? currentUser(), reason: input.reason, at: ctx.clock().toISOString() }));
  return priceHistory(ctx, partOf(old));
}

export function getQuote(ctx: AppContext, input: ParsedInput<'quotes:get'>): QuoteRecord {
  return quoteOrThrow(ctx, input.id);
}

function fileName(base: string, today: string, format: 'xlsx' | 'csv'): string {
  return `${base.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 100)} ${today}.${format}`;
}

export async function exportQuotes(ctx: AppContext, input: ParsedInput<'quotes:export'>): Promise<ReportFileOut> {
  const h = priceHistory(ctx, input.item);
  const table = priceHistoryTable(h.name, h.rows, h.currency, input.lang);
  const data = input.format === 'xlsx' ? await tableXlsx([table]) : tableCsv(table);
  return { fileName: fileName(table.name, h.today, input.format), dataBase64: data.toString('base64') };
}

export async function exportCatalog(ctx: AppContext, input: ParsedInput<'catalog:export'>): Promise<ReportFileOut> {
  const table = catalogTable(listCatalog(ctx).accelerators, input.lang);
  const data = input.format === 'xlsx' ? await tableXlsx([table]) : tableCsv(table);
  return { fileName: fileName(table.name, ctx.today(), input.format), dataBase64: data.toString('base64') };
}
