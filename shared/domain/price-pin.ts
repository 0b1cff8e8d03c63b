/**
 * What a build line can be pinned to (the line editor's pin picker): the price policy's choice
 * (no pin), one supplier (its latest quote, shared/domain/price-policy), or one quote. Read off
 * the part's price history (quotes:history); only card purchase quotes that are still standing
 * (current, or expired — the policy uses an expired pin's quote) can be pinned.
 */
import type { Currency } from '../money';
import type { PriceHistoryRow } from './price-history';
import { staleQuoteDaysSchema } from './price-policy';

export interface PinQuote {
  id: number;
  supplier: string;
  quoteDate: string;
  /** Ex-VAT price of one card in `currency` (the history's chart currency); null without an FX rate. */
  cardExVat: number | null;
  currency: Currency;
  estimate: boolean;
  expired: boolean;
  stale: boolean;
  /** The quote the policy chooses today. */
  chosen: boolean;
}

export interface PinChoices {
  suppliers: string[];
  quotes: PinQuote[];
}

export function pinChoices(history: { currency: Currency; chosenId: number | null; rows: readonly PriceHistoryRow[] }): PinChoices {
  const rows = history.rows.filter((r) => r.form === 'card' && !r.rental && (r.state === 'current' || r.state === 'expired'));
  const quotes = rows
    .map((r) => ({
      id: r.id,
      supplier: r.supplier,
      quoteDate: r.quoteDate,
      cardExVat: r.cardExVat,
      currency: history.currency,
      estimate: r.estimate,
      expired: r.state === 'expired',
      stale: r.stale,
      chosen: r.id === history.chosenId,
    }))
    .sort((a, b) => a.supplier.localeCompare(b.supplier) || (a.quoteDate < b.quoteDate ? 1 : a.quoteDate > b.quoteDate ? -1 : b.id - a.id));
  const suppliers = [...new Set(quotes.map((q) => q.supplier))];
  return { suppliers, quotes };
}

export interface LinePin {
  pinQuoteId?: number;
  pinSupplier?: string;
}

/** The picker's value for a line: "" (the policy), "quote:ID" or "supplier:NAME". */
export function pinValue(l: LinePin): string {
  if (l.pinQuoteId !== undefined) return `quote:${l.pinQuoteId}`;
  if (l.pinSupplier) return `supplier:${l.pinSupplier}`;
  return '';
}

/** The line's pin fields for a picker value (both keys set, so a patch clears the other). */
export function pinOfValue(v: string): { pinQuoteId: number | undefined; pinSupplier: string | undefined } {
  const q = /^quote:(\d+)$/.exec(v);
  if (q) return { pinQuoteId: Number(q[1]), pinSupplier: undefined };
  if (v.startsWith('supplier:') && v.length > 'supplier:'.length) return { pinQuoteId: undefined, pinSupplier: v.slice('supplier:'.length) };
  return { pinQuoteId: undefined, pinSupplier: undefined };
}

/** The stale-quote age as typed in Settings ("180", "１８０", " 90 "): a whole number of days 1–3650, else null. */
export function readStaleDays(text: string): number | null {
  const s = text.normalize('NFKC').trim();
  if (!/^\d+$/.test(s)) return null;
  const r = staleQuoteDaysSchema.safeParse(Number(s));
  return r.success ? r.data : null;
}
