/**
 * Pure look-ups over a catalog snapshot (the main process builds the snapshot from SQLite;
 * tests build it by hand). Prices are chosen by the one price policy (shared/domain/price-policy)
 * and returned ex-VAT in the requested currency with the quote used, its supplier, date, age and
 * flags, so the evaluation can echo where every number came from.
 */
import type { Accelerator } from '../domain/accelerator';
import { latestFxRates, type FxRate, type QuoteRecord, type SeedQuote, type Server, type Site } from '../domain/catalog';
import { findServerByName, matchByName, normalizeName, type MatchResult } from '../domain/match';
import { type Currency, type FxTable } from '../money';
import { choosePrice, DEFAULT_STALE_QUOTE_DAYS, type PriceChoice, type PricePin } from '../domain/price-policy';
import { findModel } from '../model/presets';
import type { ModelSpec } from '../model/spec';

/** A quote in a snapshot: a stored quote (tests and scenario files may give just the quote itself). */
export type SnapshotQuote = SeedQuote & Partial<Pick<QuoteRecord, 'id' | 'importedAt' | 'quoteDate' | 'status' | 'supersedesId'>>;

export interface CatalogSnapshot {
  accelerators: Accelerator[];
  servers: Server[];
  quotes: SnapshotQuote[];
  sites: Site[];
  fx: FxRate[];
  models?: ModelSpec[];
  /** Quotes older than this many days are flagged stale (the `staleQuoteDays` setting; default 180). */
  staleQuoteDays?: number;
}

/** The price a line uses and why (shared/domain/price-policy): the chosen quote, its supplier, date, age and flags. */
export type PriceFound = PriceChoice<SnapshotQuote>;

export interface CatalogLookup {
  findAccelerator(name: string): MatchResult<Accelerator>;
  /** The purchase price a line of `slug` uses on `asOfDate`, by the price policy; `pin`: the line's pinned quote or supplier. */
  bestCardPrice(slug: string, asOfDate: string, currency: Currency, fx?: FxTable, pin?: PricePin): PriceFound | undefined;
  /** The rental price per card-hour, by the same policy. */
  rentalPrice(slug: string, asOfDate: string, currency: Currency, fx?: FxTable, pin?: PricePin): PriceFound | undefined;
  defaultServer(slug: string): Server | undefined;
  findServer(slugOrName: string): Server | undefined;
  fx(): FxTable;
  site(slugOrName: string): Site | undefined;
  model(nameOrPreset: string): ModelSpec | undefined;
}


/** Latest rate per currency (by as-of date); CNY is the pivot. */
export function fxTableOf(rates: readonly FxRate[]): FxTable {
  const t: FxTable = {};
  for (const [c, r] of latestFxRates(rates)) t[c] = r.cnyPer;
  return t;
}

export function createCatalogLookup(snapshot: CatalogSnapshot): CatalogLookup {
  const table = fxTableOf(snapshot.fx);

  const staleDays = snapshot.staleQuoteDays ?? DEFAULT_STALE_QUOTE_DAYS;
  const price = (kind: SeedQuote['kind']) => (slug: string, today: string, currency: Currency, fx?: FxTable, pin?: PricePin) =>
    choosePrice(snapshot.quotes, slug, { kind, today, currency, fx: { ...table, ...(fx ?? {}) }, staleDays, pin });

  return {
    findAccelerator: (name) => matchByName(snapshot.accelerators, name),
    bestCardPrice: price('purchase'),
    rentalPrice: price('rental-card-hour'),
    defaultServer(slug) {
      const acc = snapshot.accelerators.find((a) => a.slug === slug);
      const explicit = snapshot.servers.filter((s) => s.compatible.includes(slug));
      const byForm = snapshot.servers.filter(
        (s) => s.compatible.length === 0 && acc !== undefined && s.formFactor !== '' && normalizeName(s.formFactor) === normalizeName(acc.formFactor),
      );
      const pool = explicit.length ? explicit : byForm;
      // most cards per server first (a scale-up domain), then the cheapest host
      return [...pool].sort((a, b) => b.cardsPerServer - a.cardsPerServer || a.hostPrice - b.hostPrice)[0];
    },
    findServer: (q) => findServerByName(snapshot.servers, q),
    fx: () => ({ ...table }),
    site(q) {
      const n = normalizeName(q);
      if (!n) return undefined;
      return (
        snapshot.sites.find((s) => [s.slug, s.name, s.nameZh].filter(Boolean).map(normalizeName).includes(n)) ??
        snapshot.sites.find((s) => normalizeName(s.name).includes(n))
      );
    },
    model: (q) => findModel(q, snapshot.models ?? []),
  };
}
