/**
 * Where a price came from, as every page shows it next to the price (the renderer's
 * PriceSource, on Builds, Compare and Bids): whose quote it is, its date and age, and what to
 * watch for — an estimate, an expired quote, a stale one (older than the `staleQuoteDays`
 * setting), a pin. Read off the evaluation's lines (the price policy, shared/domain/price-policy,
 * chose the quote); nothing is chosen here.
 */
import { DEFAULT_STALE_QUOTE_DAYS } from '../domain/price-policy';
import type { LineResult } from '../scenario/evaluate';

/** What a bid's price source reads of a bid's result (shared/bids/evaluate BidResult). */
interface BidLike {
  vendor: string;
  validUntil?: string;
  build: { lines: readonly Pick<LineResult, 'accelerator' | 'count' | 'cardPrice'>[] };
}

export type PriceFlag = 'estimate' | 'expired' | 'stale' | 'pinned' | 'pinUnavailable';

export interface PriceSourceView {
  /** quote: a catalog quote the price policy chose; bid: the bidder's own price; line: a price typed on the line; none: no price. */
  kind: 'quote' | 'bid' | 'line' | 'none';
  /** The supplier (a bid: its vendor). */
  supplier: string | null;
  quoteId: number | null;
  quoteDate: string | null;
  /** Days from the quote date to the evaluation's date. */
  ageDays: number | null;
  validUntil: string | null;
  /** In the order they are shown. */
  flags: PriceFlag[];
  /** The stale-quote age the flags were read against (days). */
  staleDays: number;
  /** What the line is pinned to, when the pin was honoured (`pinned`). */
  pin: 'quote' | 'supplier' | null;
}

const none = (kind: PriceSourceView['kind'], staleDays: number): PriceSourceView => ({
  kind,
  supplier: null,
  quoteId: null,
  quoteDate: null,
  ageDays: null,
  validUntil: null,
  flags: [],
  staleDays,
  pin: null,
});

/** The source of a line's card price. */
export function linePriceSource(line: Pick<LineResult, 'cardPriceSource' | 'cardPriceQuote'>, staleDays = DEFAULT_STALE_QUOTE_DAYS): PriceSourceView {
  const q = line.cardPriceQuote;
  if (!q) return none(line.cardPriceSource === 'scenario' ? 'line' : 'none', staleDays);
  const flags: PriceFlag[] = [];
  if (q.estimate) flags.push('estimate');
  if (q.expired) flags.push('expired');
  if (q.stale) flags.push('stale');
  if (q.pin === 'quote' || q.pin === 'supplier') flags.push('pinned');
  if (q.pin === 'unavailable') flags.push('pinUnavailable');
  const pin = q.pin === 'quote' || q.pin === 'supplier' ? q.pin : null;
  return {
    kind: 'quote',
    supplier: q.supplier,
    quoteId: q.id ?? null,
    quoteDate: q.quoteDate,
    ageDays: q.ageDays,
    validUntil: q.validUntil ?? null,
    flags,
    staleDays,
    pin,
  };
}

/** The source of a bid's card prices: the bid itself, named by its vendor, expired when its validity ended before `asOf`. */
export function bidPriceSource(bid: Pick<BidLike, 'vendor' | 'validUntil'>, asOf: string, staleDays = DEFAULT_STALE_QUOTE_DAYS): PriceSourceView {
  const v = none('bid', staleDays);
  v.supplier = bid.vendor;
  v.validUntil = bid.validUntil ?? null;
  if (bid.validUntil !== undefined && bid.validUntil < asOf) v.flags.push('expired');
  return v;
}

/** A build's card prices, one per line: the part, its count, the ex-VAT unit price and where it came from. */
export interface LinePriceRow {
  accelerator: string;
  count: number;
  cardPrice: number;
  source: PriceSourceView;
}

export function buildPriceRows(lines: readonly Pick<LineResult, 'accelerator' | 'count' | 'cardPrice' | 'cardPriceSource' | 'cardPriceQuote'>[], staleDays = DEFAULT_STALE_QUOTE_DAYS): LinePriceRow[] {
  return lines.map((l) => ({ accelerator: l.accelerator, count: l.count, cardPrice: l.cardPrice, source: linePriceSource(l, staleDays) }));
}

/** A bid's card prices: each line's, all from the bid. */
export function bidPriceRows(bid: BidLike, asOf: string, staleDays = DEFAULT_STALE_QUOTE_DAYS): LinePriceRow[] {
  const source = bidPriceSource(bid, asOf, staleDays);
  return bid.build.lines.map((l) => ({ accelerator: l.accelerator, count: l.count, cardPrice: l.cardPrice, source }));
}
