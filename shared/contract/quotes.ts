/**
 * API channels of quotes entered by hand and of price history: add, correct (a new quote that
 * supersedes), retire (kept, with who, when and why), a part's history with the per-supplier
 * comparison, and the catalog and price-history exports (XLSX, CSV).
 */
import { z } from 'zod';
import { manualQuoteSchema, type ManualQuote } from '../domain/manual-quote';
import type { PriceHistoryRow } from '../domain/price-history';
import type { QuoteRecord } from '../domain/catalog';
import type { Currency } from '../money';
import type { ReportFileOut } from './bids';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const slug = z.string().min(1).max(80);
const lang = z.enum(['en', 'zh-CN']).default('en');
const format = z.enum(['xlsx', 'csv']);
const reason = z.string().trim().min(1, { error: 'say why the quote is retired' }).max(500);
const by = z.string().trim().min(1).max(160);

/** A part's price history: every quote (all states) and each supplier's latest standing quote. */
export interface PriceHistory {
  item: string;
  /** The part's name as the catalog shows it. */
  name: string;
  today: string;
  /** The currency of `cardExVat` (the chart's axis). */
  currency: Currency;
  /** Quotes older than this many days are flagged stale. */
  staleDays: number;
  /** The quote builds use today, by the price policy (shared/domain/price-policy choosePrice); null if none. */
  chosenId: number | null;
  rows: PriceHistoryRow[];
  latestPerSupplier: PriceHistoryRow[];
}

/** What an add or a correction wrote. */
export interface QuoteWritten {
  id: number;
  /** The quote a correction superseded. */
  supersededId?: number;
  /** VAT was not stated and was taken from the currency's custom (incl. 13 % for yuan). */
  vatAssumed: boolean;
  history: PriceHistory;
}

/** The form's values once read (shared/domain/manual-quote readQuoteForm), checked again here. */
const quoteValues = manualQuoteSchema;
export type QuoteValues = ManualQuote;

export const quoteChannels = {
  /** A quote entered by hand for a catalog part (one card, bought). */
  'quotes:add': {
    input: z.object({ item: slug, quote: quoteValues, vatAssumed: z.boolean().default(false) }).strict(),
    output: {} as QuoteWritten,
  },
  /** A correction: a new quote (the old one's fields, overridden by `quote`) that supersedes quote `id`. */
  'quotes:correct': {
    input: z.object({ id, quote: quoteValues, vatAssumed: z.boolean().default(false) }).strict(),
    output: {} as QuoteWritten,
  },
  /** Retire a quote: never used for a price again, kept with who, when and why. */
  'quotes:retire': {
    input: z.object({ id, reason, by: by.optional() }).strict(),
    output: {} as PriceHistory,
  },
  /** One stored quote (a correction's form starts from it). */
  'quotes:get': { input: z.object({ id }).strict(), output: {} as QuoteRecord },
  'quotes:history': { input: z.object({ item: slug }).strict(), output: {} as PriceHistory },
  /** A part's price history as a file (labels in `lang`, texts neutralised against formula injection). */
  'quotes:export': { input: z.object({ item: slug, format, lang }).strict(), output: {} as ReportFileOut },
  /** The catalog (every part, its figures and the price builds use) as a file. */
  'catalog:export': { input: z.object({ format, lang }).strict(), output: {} as ReportFileOut },
} as const;
