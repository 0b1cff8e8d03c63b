/**
 * Pure look-ups over a catalog snapshot (the main process builds the snapshot from SQLite;
 * tests build it by hand). Prices are returned ex-VAT in the requested currency together
 * with the quote used, so the evaluation can echo where every number came from.
 */
import type { Accelerator } from '../domain/accelerator';
import { latestFxRates, type FxRate, type QuoteRecord, type SeedQuote, type Server, type Site } from '../domain/catalog';
import { findServerByName, matchByName, normalizeName, type MatchResult } from '../domain/match';
import { convertMajor, exVat, type Currency, type FxTable } from '../money';
import { findModel } from '../model/presets';
import type { ModelSpec } from '../model/spec';

/** A quote in a snapshot: a stored quote (tests and scenario files may give just the quote itself). */
export type SnapshotQuote = SeedQuote & Partial<Pick<QuoteRecord, 'id' | 'importedAt'>>;

export interface CatalogSnapshot {
  accelerators: Accelerator[];
  servers: Server[];
  quotes: SnapshotQuote[];
  sites: Site[];
  fx: FxRate[];
  models?: ModelSpec[];
}

export interface PriceFound {
  /** Ex-VAT unit price in the requested currency, major units. */
  price: number;
  currency: Currency;
  quote: SnapshotQuote;
  /** Days between the quote's as-of date (or import date) and `asOfDate`. */
  ageDays: number;
}

export interface CatalogLookup {
  findAccelerator(name: string): MatchResult<Accelerator>;
  bestCardPrice(slug: string, asOfDate: string, currency: Currency, fx?: FxTable): PriceFound | undefined;
  rentalPrice(slug: string, asOfDate: string, currency: Currency, fx?: FxTable): PriceFound | undefined;
  defaultServer(slug: string): Server | undefined;
  findServer(slugOrName: string): Server | undefined;
  fx(): FxTable;
  site(slugOrName: string): Site | undefined;
  model(nameOrPreset: string): ModelSpec | undefined;
}

const DAY_MS = 86_400_000;
export function daysBetween(fromIso: string, toIso: string): number {
  const a = Date.parse(`${fromIso.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${toIso.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 0;
  return Math.round((b - a) / DAY_MS);
}

/** Latest rate per currency (by as-of date); CNY is the pivot. */
export function fxTableOf(rates: readonly FxRate[]): FxTable {
  const t: FxTable = {};
  for (const [c, r] of latestFxRates(rates)) t[c] = r.cnyPer;
  return t;
}

export function createCatalogLookup(snapshot: CatalogSnapshot): CatalogLookup {
  const table = fxTableOf(snapshot.fx);

  function cheapest(slug: string, kind: SeedQuote['kind'], asOfDate: string, currency: Currency, fx?: FxTable): PriceFound | undefined {
    const rates = { ...table, ...(fx ?? {}) };
    let best: PriceFound | undefined;
    for (const q of snapshot.quotes) {
      if (q.item !== slug || q.kind !== kind) continue;
      if (q.validUntil && q.validUntil < asOfDate) continue;
      const dated = q.source.asOf || q.importedAt?.slice(0, 10) || asOfDate;
      if (dated > asOfDate) continue; // not yet known on the as-of date
      let price: number;
      try {
        price = convertMajor(exVat(q.price, q.vatIncluded, q.vatRate, q.currency), q.currency, currency, rates);
      } catch {
        continue; // no rate for this quote's currency: skip it rather than guess
      }
      const ageDays = Math.max(0, daysBetween(dated, asOfDate));
      if (!best || price < best.price || (price === best.price && ageDays < best.ageDays)) {
        best = { price, currency, quote: q, ageDays };
      }
    }
    return best;
  }

  return {
    findAccelerator: (name) => matchByName(snapshot.accelerators, name),
    bestCardPrice: (slug, asOfDate, currency, fx) => cheapest(slug, 'purchase', asOfDate, currency, fx),
    rentalPrice: (slug, asOfDate, currency, fx) => cheapest(slug, 'rental-card-hour', asOfDate, currency, fx),
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
