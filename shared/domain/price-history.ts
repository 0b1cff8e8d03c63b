/**
 * A part's price history as a buyer reads it: every quote with its ex-VAT and incl-VAT price
 * (whichever way it was quoted), its supplier, dates, lead time, state and source; and the
 * latest quote of each supplier side by side. One function per view, used by the history
 * table, its chart (shared/charts/price-history), the CLI's `quote list` and the exports.
 */
import { convertMajor, exVat, inclVat, type Currency, type FxTable } from '../money';
import { perCardExVat, type QuoteRecord } from './catalog';
import { DEFAULT_STALE_QUOTE_DAYS, priceFlags, quoteState, type QuoteState } from './price-policy';

export type { QuoteState };

/** Where a quote came from, for showing: entered by hand, a file's sheet and row, or a source (seed). */
export type QuoteSourceRef =
  | { kind: 'hand' }
  | { kind: 'file'; file: string; sheet: string; row: number | null }
  | { kind: 'source'; title: string; url: string };

export interface PriceHistoryRow {
  id: number;
  supplier: string;
  /** A card quote (purchase, or rental per card-hour) or a whole-server quote holding this part. */
  form: 'card' | 'server';
  rental: boolean;
  quoteNumber: string;
  quoteDate: string;
  validUntil: string | null;
  leadTimeWeeks: number | null;
  moq: number | null;
  currency: Currency;
  /** As quoted, ex VAT and incl VAT, in the quote's currency (a server quote: the whole server). */
  priceExVat: number;
  priceInclVat: number;
  vatIncluded: boolean;
  vatRate: number;
  cardsPerServer: number | null;
  /** Ex-VAT price of one card in `chartCurrency` (a server quote: per card), null without an FX rate. */
  cardExVat: number | null;
  /** The price policy's state: current, superseded, retired, or expired (current but past valid-until). */
  state: QuoteState;
  /** Days from the quote date to today. */
  ageDays: number;
  /** Older than the stale-quote age (the `staleQuoteDays` setting, default 180 days). */
  stale: boolean;
  estimate: boolean;
  source: QuoteSourceRef;
  supersedesId: number | null;
  retired: { at: string; by: string; reason: string } | null;
}

function sourceRef(q: QuoteRecord): QuoteSourceRef {
  if (q.origin === 'user' && !q.sourceFile) return { kind: 'hand' };
  if (q.sourceFile) return { kind: 'file', file: q.sourceFile, sheet: q.sourceSheet, row: q.sourceRow };
  return { kind: 'source', title: q.source.title, url: q.source.url };
}

/**
 * The rows of a part's history (`quotes`: as the repository lists them, newest first), prices
 * converted to `chartCurrency` with `fx` for the per-card column. Quotes of other parts (a
 * server quote of another card) are left out.
 */
export function priceHistoryRows(
  part: string,
  quotes: readonly QuoteRecord[],
  today: string,
  fx: FxTable,
  chartCurrency: Currency = 'CNY',
  staleDays = DEFAULT_STALE_QUOTE_DAYS,
): PriceHistoryRow[] {
  const out: PriceHistoryRow[] = [];
  for (const q of quotes) {
    const server = q.kind === 'server-purchase';
    if (server ? q.cardSlug !== part && q.item !== part : q.item !== part) continue;
    const priceExVat = exVat(q.price, q.vatIncluded, q.vatRate, q.currency);
    const perCard = server ? (q.cardsPerServer ? perCardExVat(q.price, q.vatIncluded, q.vatRate, q.currency, q.cardsPerServer) : null) : priceExVat;
    let cardExVat: number | null = null;
    if (perCard !== null) {
      try {
        cardExVat = convertMajor(perCard, q.currency, chartCurrency, fx);
      } catch {
        cardExVat = null; // no rate for this currency: shown as quoted, left off the chart
      }
    }
    const { ageDays, flags } = priceFlags(q, today, staleDays);
    out.push({
      id: q.id,
      supplier: q.supplier,
      form: server ? 'server' : 'card',
      rental: q.kind === 'rental-card-hour',
      quoteNumber: q.quoteNumber,
      quoteDate: q.quoteDate,
      validUntil: q.validUntil ?? null,
      leadTimeWeeks: q.leadTimeWeeks ?? null,
      moq: q.moq ?? null,
      currency: q.currency,
      priceExVat,
      priceInclVat: q.vatIncluded ? q.price : inclVat(priceExVat, q.vatRate, q.currency),
      vatIncluded: q.vatIncluded,
      vatRate: q.vatRate,
      cardsPerServer: q.cardsPerServer ?? null,
      cardExVat,
      state: quoteState(q, today),
      ageDays,
      stale: flags.stale,
      estimate: q.source.estimate,
      source: sourceRef(q),
      supersedesId: q.supersedesId,
      retired: q.retired ?? null,
    });
  }
  return out;
}

/** Whether a row is a purchase price of the part still standing (not corrected, not retired). */
export function isStandingPurchase(r: PriceHistoryRow): boolean {
  return !r.rental && (r.state === 'current' || r.state === 'expired');
}

/**
 * The per-supplier comparison: each supplier's latest standing purchase quote (by quote date,
 * then entry); real quotes before estimates, each cheapest ex-VAT per card first; quotes
 * without an FX rate last.
 */
export function latestPerSupplier(rows: readonly PriceHistoryRow[]): PriceHistoryRow[] {
  const latest = new Map<string, PriceHistoryRow>();
  for (const r of rows) {
    if (!isStandingPurchase(r)) continue;
    const key = r.supplier.trim().toLowerCase();
    const cur = latest.get(key);
    if (!cur || r.quoteDate > cur.quoteDate || (r.quoteDate === cur.quoteDate && r.id > cur.id)) latest.set(key, r);
  }
  // real quotes before estimates (as the price policy ranks them), then the cheapest
  return [...latest.values()].sort(
    (a, b) => Number(a.estimate) - Number(b.estimate) || (a.cardExVat ?? Infinity) - (b.cardExVat ?? Infinity) || a.supplier.localeCompare(b.supplier),
  );
}
