/**
 * The price policy: which of a part's quotes a build uses. The one home of this choice; the
 * catalog look-up (builds, compare, optimizer, bids, CLI, PDF) asks only this.
 *
 *  1. Quotes out of the running: retired and superseded ones, those of another kind (a card's
 *     purchase price is chosen from purchase quotes, its rental from rental quotes), those
 *     dated after `today` (not yet known then), and those in a currency with no FX rate.
 *  2. Each supplier counts with its latest quote only (newest quote date, then newest id): a
 *     supplier's new price replaces its old one, cheaper or not.
 *  3. Of those, in this order, the first group that is not empty:
 *       a. valid real quotes (not an estimate, not past valid-until),
 *       b. valid estimates — flagged `estimate`,
 *       c. expired quotes (real ones first) — flagged `expired`.
 *     Within the group, the lowest ex-VAT price in the caller's currency (shared/money's VAT
 *     rule); a tie goes to the newer quote, then the lower id.
 *  4. A line may pin a quote (its id; a pin on a quote since corrected follows the correction)
 *     or a supplier (that supplier's latest quote, by 2 and 3). A pin that finds nothing falls
 *     back to the policy and says so (`pin: 'unavailable'`).
 *  Age counts in days from the quote date to `today`; older than `staleDays` is flagged `stale`.
 */
import { z } from 'zod';
import { daysBetween } from '../calendar';
import { convertMajor, exVat, type Currency, type FxTable } from '../money';
import type { QuoteStatus, SeedQuote } from './catalog';
import { supplierKey, supplierNameOf } from './supplier';

// quote age is counted in calendar days; its callers and tests take it from here with the policy
export { daysBetween };

/** The settable age (days) after which a quote is stale; the `staleQuoteDays` setting's default. */
export const DEFAULT_STALE_QUOTE_DAYS = 180;
export const staleQuoteDaysSchema = z
  .number({ error: 'expected a whole number of days, 1 to 3650' })
  .int({ error: 'expected a whole number of days, 1 to 3650' })
  .min(1, { error: 'expected a whole number of days, 1 to 3650' })
  .max(3650, { error: 'expected a whole number of days, 1 to 3650' });

/** The `staleQuoteDays` setting as stored (anything but a valid number of days reads as the default). */
export function staleQuoteDaysOf(saved: unknown): number {
  const r = staleQuoteDaysSchema.safeParse(saved);
  return r.success ? r.data : DEFAULT_STALE_QUOTE_DAYS;
}

/** A quote as the policy reads it: a stored quote, or a bare one from a scenario or a test. */
export type PolicyQuote = SeedQuote & {
  id?: number;
  quoteDate?: string;
  status?: QuoteStatus;
  supersedesId?: number | null;
  /** When it entered the database (ISO instant), the date of last resort. */
  importedAt?: string;
};

export interface PricePin {
  quoteId?: number;
  supplier?: string;
}

export interface PriceFlags {
  estimate: boolean;
  expired: boolean;
  stale: boolean;
}

export interface PriceChoice<Q extends PolicyQuote = PolicyQuote> {
  quote: Q;
  /** Ex-VAT unit price in `currency`, major units. */
  price: number;
  currency: Currency;
  supplier: string;
  quoteDate: string;
  /** Days from the quote date to today (0 at the earliest). */
  ageDays: number;
  flags: PriceFlags;
  /** Set when the line pinned a quote or supplier: whether the pin was honoured. */
  pin?: 'quote' | 'supplier' | 'unavailable';
}

export interface PolicyOptions {
  /** Today's calendar date (YYYY-MM-DD), the caller's (ctx.today(), or a scenario's as-of date). */
  today: string;
  currency: Currency;
  fx: FxTable;
  kind?: SeedQuote['kind'];
  staleDays?: number;
  pin?: PricePin;
}

/** The date a quote was made: its quote date, else its source's as-of date, else the day it was stored. */
export function quoteDateOf(q: PolicyQuote): string {
  return q.quoteDate || q.source.asOf || q.importedAt?.slice(0, 10) || '';
}

export function isExpired(q: Pick<PolicyQuote, 'validUntil'>, today: string): boolean {
  return q.validUntil !== undefined && q.validUntil < today;
}

/** What a buyer is told about a stored quote today: its stored status, or `expired` when current but past valid-until. */
export type QuoteState = QuoteStatus | 'expired';
export function quoteState(q: PolicyQuote, today: string): QuoteState {
  const s = q.status ?? 'current';
  return s === 'current' && isExpired(q, today) ? 'expired' : s;
}

/** Age and flags of a quote on `today`. */
export function priceFlags(q: PolicyQuote, today: string, staleDays = DEFAULT_STALE_QUOTE_DAYS): { ageDays: number; flags: PriceFlags } {
  const ageDays = Math.max(0, daysBetween(quoteDateOf(q), today));
  return { ageDays, flags: { estimate: q.source.estimate, expired: isExpired(q, today), stale: ageDays > staleDays } };
}

interface Priced<Q> {
  q: Q;
  price: number;
  date: string;
}

/** Newer first: quote date, then id. */
const newer = <Q extends PolicyQuote>(a: Priced<Q>, b: Priced<Q>) => (a.date !== b.date ? (a.date > b.date ? -1 : 1) : (b.q.id ?? 0) - (a.q.id ?? 0));

/**
 * The quote a line of `item` uses, by the policy above; undefined when no quote of that kind
 * can be used (none, all retired, all in the future, or no FX rate for any).
 */
export function choosePrice<Q extends PolicyQuote>(quotes: readonly Q[], item: string, opts: PolicyOptions): PriceChoice<Q> | undefined {
  const kind = opts.kind ?? 'purchase';
  const staleDays = opts.staleDays ?? DEFAULT_STALE_QUOTE_DAYS;
  const all = quotes.filter((q) => q.item === item && q.kind === kind);
  const live: Priced<Q>[] = [];
  for (const q of all) {
    const status = q.status ?? 'current';
    if (status !== 'current') continue;
    const date = quoteDateOf(q);
    if (date > opts.today) continue; // not yet known on that day
    let price: number;
    try {
      price = convertMajor(exVat(q.price, q.vatIncluded, q.vatRate, q.currency), q.currency, opts.currency, opts.fx);
    } catch {
      continue; // no rate for this quote's currency: skip it rather than guess
    }
    live.push({ q, price, date });
  }

  const choose = (pool: Priced<Q>[]): Priced<Q> | undefined => {
    // 2. each supplier's latest quote
    const latest = new Map<string, Priced<Q>>();
    for (const p of pool) {
      const k = supplierKey(supplierNameOf(p.q));
      const cur = latest.get(k);
      if (!cur || newer(p, cur) < 0) latest.set(k, p);
    }
    const offers = [...latest.values()];
    // 3. the first non-empty group, then the lowest ex-VAT price
    const groups = [
      offers.filter((p) => !p.q.source.estimate && !isExpired(p.q, opts.today)),
      offers.filter((p) => p.q.source.estimate && !isExpired(p.q, opts.today)),
      offers.filter((p) => !p.q.source.estimate && isExpired(p.q, opts.today)),
      offers.filter((p) => p.q.source.estimate && isExpired(p.q, opts.today)),
    ];
    const group = groups.find((g) => g.length > 0);
    return group?.sort((a, b) => a.price - b.price || newer(a, b))[0];
  };

  let chosen: Priced<Q> | undefined;
  let pin: PriceChoice['pin'];
  if (opts.pin?.quoteId !== undefined) {
    // follow corrections: the quote that supersedes the pinned one, and so on
    let id: number | undefined = opts.pin.quoteId;
    const seen = new Set<number>();
    while (id !== undefined && !seen.has(id)) {
      seen.add(id);
      const p = live.find((x) => x.q.id === id);
      if (p) {
        chosen = p;
        break;
      }
      id = all.find((q) => q.supersedesId === id)?.id;
    }
    pin = chosen ? 'quote' : 'unavailable';
  } else if (opts.pin?.supplier?.trim()) {
    const k = supplierKey(opts.pin.supplier);
    chosen = choose(live.filter((p) => supplierKey(supplierNameOf(p.q)) === k));
    pin = chosen ? 'supplier' : 'unavailable';
  }
  chosen ??= choose(live);
  if (!chosen) return undefined;
  const { ageDays, flags } = priceFlags(chosen.q, opts.today, staleDays);
  const out: PriceChoice<Q> = { quote: chosen.q, price: chosen.price, currency: opts.currency, supplier: supplierNameOf(chosen.q), quoteDate: chosen.date, ageDays, flags };
  if (pin) out.pin = pin;
  return out;
}

/**
 * `choosePrice` for every item the quotes name, grouped in one pass (asking part by part would
 * scan every quote for every part): the catalog listing's prices and the importer's
 * plausibility reference. No pin: a pin belongs to a build line, not to a part.
 */
export function choosePricePerItem<Q extends PolicyQuote>(quotes: readonly Q[], opts: Omit<PolicyOptions, 'pin'>): Map<string, PriceChoice<Q>> {
  const byItem = new Map<string, Q[]>();
  for (const q of quotes) {
    const list = byItem.get(q.item);
    if (list) list.push(q);
    else byItem.set(q.item, [q]);
  }
  const out = new Map<string, PriceChoice<Q>>();
  for (const [item, list] of byItem) {
    const p = choosePrice(list, item, opts);
    if (p) out.set(item, p);
  }
  return out;
}

/** One quote of a part's history as `procure catalog show --json` lists it (the CLI contract). */
export interface QuoteEntry {
  id: number;
  supplier: string;
  quoteDate: string;
  validUntil: string | null;
  /** As quoted (a server quote: the whole server), in `currency`. */
  unitPrice: number;
  currency: Currency;
  vatIncluded: boolean;
  unitPriceExVat: number;
  kind: 'card' | 'server';
  server?: { cards: number | null; platform: string };
  /** "entered by hand", "FILE, sheet SHEET, row N", or the source's title. */
  source: string;
  status: QuoteState;
  estimate: boolean;
}

type StoredQuote = PolicyQuote & {
  id: number;
  quoteDate: string;
  platform: string;
  origin: 'seed' | 'user' | 'import';
  sourceFile: string;
  sourceSheet: string;
  sourceRow: number | null;
};

export function quoteEntry(q: StoredQuote, today: string): QuoteEntry {
  const isServer = q.kind === 'server-purchase';
  const file = q.sourceFile ? [q.sourceFile, q.sourceSheet && `sheet ${q.sourceSheet}`, q.sourceRow !== null && `row ${q.sourceRow}`].filter(Boolean).join(', ') : '';
  const e: QuoteEntry = {
    id: q.id,
    supplier: supplierNameOf(q),
    quoteDate: quoteDateOf(q),
    validUntil: q.validUntil ?? null,
    unitPrice: q.price,
    currency: q.currency,
    vatIncluded: q.vatIncluded,
    unitPriceExVat: exVat(q.price, q.vatIncluded, q.vatRate, q.currency),
    kind: isServer ? 'server' : 'card',
    source: file || (q.origin === 'user' ? 'entered by hand' : q.source.title),
    status: quoteState(q, today),
    estimate: q.source.estimate,
  };
  if (isServer) e.server = { cards: q.cardsPerServer ?? null, platform: q.platform || q.item };
  return e;
}
