/** Seed-catalog and price shapes shared by the seed file, the database and the API. */
import { z } from 'zod';
import { currencySchema, exVat, money, toMajor, type Currency } from '../money';
import { acceleratorSchema } from './accelerator';
import { isoDateSchema, sourceSchema } from './source';

export const vendorSchema = z.object({
  name: z.string().min(1).max(80),
  nameZh: z.string().max(80).default(''),
  country: z.string().min(2).max(2), // ISO 3166 alpha-2
  notes: z.string().max(2000).default(''),
});
export type Vendor = z.infer<typeof vendorSchema>;

export const serverSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(80),
  name: z.string().min(1).max(160),
  cardsPerServer: z.number().int().min(1).max(64),
  /** Host price without the accelerators (major units). */
  hostPrice: z.number().finite().nonnegative(),
  currency: currencySchema,
  /** Host power without the accelerators (CPUs, NICs, fans), W. */
  hostPowerW: z.number().finite().nonnegative().max(50000),
  /** Accelerator slugs this platform takes; empty = any with a matching form factor. */
  compatible: z.array(z.string()).default([]),
  formFactor: z.string().max(40).default(''),
  source: sourceSchema,
});
export type Server = z.infer<typeof serverSchema>;

export const QUOTE_KINDS = ['purchase', 'rental-card-hour', 'server-purchase'] as const;

/**
 * What a quote prices: one card (`purchase`, `rental-card-hour`) or a whole server
 * (`server-purchase`, with its cards). The CLI and the UI call these "card" and "server".
 */
export type QuoteForm = 'card' | 'server';
export function quoteForm(kind: SeedQuote['kind']): QuoteForm {
  return kind === 'server-purchase' ? 'server' : 'card';
}

/**
 * What became of a stored quote. `expired` is never stored: it is derived from valid-until and
 * today (see shared/domain/price-policy quoteState).
 */
export const QUOTE_STATUSES = ['current', 'superseded', 'retired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const quoteSchema = z.object({
  /**
   * Accelerator slug (card quotes); for server-purchase the server slug when the platform is a
   * catalog server, else the card's slug (then `platform` names the server and `cardSlug` is
   * the card).
   */
  item: z.string().min(1).max(80),
  kind: z.enum(QUOTE_KINDS),
  /** The supplier's name ('' = named by the source's title, see shared/domain/supplier supplierNameOf). */
  supplier: z.string().max(160).default(''),
  price: z.number().finite().nonnegative(),
  currency: currencySchema,
  vatIncluded: z.boolean().default(false),
  vatRate: z.number().min(0).max(1).default(0.13),
  /** For server quotes: cards in the server (and the card kind in `cardSlug`). */
  cardsPerServer: z.number().int().min(1).max(64).optional(),
  cardSlug: z.string().max(80).optional(),
  moq: z.number().int().nonnegative().optional(),
  leadTimeWeeks: z.number().nonnegative().max(520).optional(),
  validUntil: isoDateSchema.optional(),
  /** The supplier's own quote or tender number, if given. */
  quoteNumber: z.string().max(80).optional(),
  /** The date the supplier made the quote (报价日期); default the source's as-of date. Age counts from it. */
  quoteDate: isoDateSchema.optional(),
  /** Server quotes whose platform is not a catalog server: the platform as the supplier named it. */
  platform: z.string().max(160).optional(),
  source: sourceSchema,
});
export type SeedQuote = z.infer<typeof quoteSchema>;

export type QuoteOrigin = 'seed' | 'user' | 'import';

/**
 * A quote as stored: the validated quote and where and when it entered the database. The one
 * quote record; the API's `QuoteView` and the catalog look-up's snapshot quotes derive from it.
 */
export interface QuoteRecord extends SeedQuote {
  id: number;
  supplierId: number;
  /** The stored supplier's name (as the supplier row spells it). */
  supplier: string;
  quoteNumber: string;
  quoteDate: string;
  platform: string;
  status: QuoteStatus;
  /** The quote this one corrects (which then has status `superseded`). */
  supersedesId: number | null;
  /** Set when status is `retired`: when, by whom, why. */
  retired?: { at: string; by: string; reason: string };
  importId: number | null;
  importedAt: string;
  origin: QuoteOrigin;
  sourceFile: string;
  sourceSheet: string;
  sourceRow: number | null;
}

/** A server quote's implied ex-VAT price per card, to the minor unit (see shared/money's VAT rule). */
export function perCardExVat(price: number, vatIncluded: boolean, vatRate: number, currency: Currency, cards: number): number {
  return toMajor(money(exVat(price, vatIncluded, vatRate, currency) / cards, currency));
}

/** A vendor's or site's name as a reader of `lang` writes it: the Chinese name in zh-CN when it has one. */
export function localName(x: { name: string; nameZh?: string }, lang: string): string {
  return lang.startsWith('zh') && x.nameZh ? x.nameZh : x.name;
}

export const siteSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(80),
  name: z.string().min(1).max(160),
  nameZh: z.string().max(160).default(''),
  powerPricePerKWh: z.number().finite().nonnegative().max(100),
  currency: currencySchema,
  pue: z.number().min(1).max(5),
  jurisdiction: z.enum(['CN', 'other']),
  rackCostPerYear: z.number().finite().nonnegative().default(0),
  infraCostPerKW: z.number().finite().nonnegative().default(0),
  source: sourceSchema,
});
export type Site = z.infer<typeof siteSchema>;

export const fxSchema = z.object({
  currency: currencySchema,
  /** CNY per one unit of `currency`. */
  cnyPer: z.number().positive(),
  asOf: isoDateSchema,
  source: sourceSchema,
});
export type FxRate = z.infer<typeof fxSchema>;

/**
 * The latest rate of each currency: the newest as-of date; of rates with the same date, the one
 * listed first (the database lists the newest entry first).
 */
export function latestFxRates<R extends FxRate>(rates: readonly R[]): Map<Currency, R> {
  const latest = new Map<Currency, R>();
  for (const r of rates) {
    const cur = latest.get(r.currency);
    if (!cur || r.asOf > cur.asOf) latest.set(r.currency, r);
  }
  return latest;
}

/** The seed file. `version` grows when later seeds add parts; seeding never overwrites user edits. */
export const seedCatalogSchema = z.object({
  version: z.number().int().min(1),
  vendors: z.array(vendorSchema),
  accelerators: z.array(acceleratorSchema),
  servers: z.array(serverSchema),
  quotes: z.array(quoteSchema),
  sites: z.array(siteSchema),
  fx: z.array(fxSchema),
});
export type SeedCatalog = z.infer<typeof seedCatalogSchema>;
