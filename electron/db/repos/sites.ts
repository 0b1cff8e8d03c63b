/** Sites (table site): power price, PUE, rack and power-infrastructure costs, jurisdiction. */
import type Database from 'better-sqlite3';
import type { Currency } from '../../../shared/money';
import type { Site } from '../../../shared/domain/catalog';
import { sourceFromRow, sourceParams, upsertBySlug, type Origin, type SourceCols } from './source';

interface SiteRow extends SourceCols {
  id: number;
  slug: string;
  name: string;
  name_zh: string;
  power_price_per_kwh: number;
  currency: Currency;
  pue: number;
  jurisdiction: Site['jurisdiction'];
  rack_cost_per_year: number;
  infra_cost_per_kw: number;
}

const COLS = [
  'slug', 'name', 'name_zh', 'power_price_per_kwh', 'currency', 'pue', 'jurisdiction', 'rack_cost_per_year',
  'infra_cost_per_kw', 'source_title', 'source_url', 'as_of', 'estimate', 'source_note', 'origin',
] as const;

export class SiteRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      list: db.prepare('SELECT * FROM site ORDER BY id'),
      userEdited: db.prepare('SELECT user_edited FROM site WHERE slug = ?').pluck(),
      upsert: db.prepare(upsertBySlug('site', COLS)).pluck(),
    };
  }

  list(): (Site & { id: number })[] {
    return (this.stmts.list.all() as SiteRow[]).map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      nameZh: r.name_zh,
      powerPricePerKWh: r.power_price_per_kwh,
      currency: r.currency,
      pue: r.pue,
      jurisdiction: r.jurisdiction,
      rackCostPerYear: r.rack_cost_per_year,
      infraCostPerKW: r.infra_cost_per_kw,
      source: sourceFromRow(r),
    }));
  }

  /** Whether the user edited this site (undefined: no such site). */
  userEdited(slug: string): boolean | undefined {
    const v = this.stmts.userEdited.get(slug) as number | undefined;
    return v === undefined ? undefined : v !== 0;
  }

  /** Insert, or update all but slug and origin; the row's id. */
  upsert(s: Site, origin: Origin): number {
    return this.stmts.upsert.get({
      slug: s.slug,
      name: s.name,
      name_zh: s.nameZh,
      power_price_per_kwh: s.powerPricePerKWh,
      currency: s.currency,
      pue: s.pue,
      jurisdiction: s.jurisdiction,
      rack_cost_per_year: s.rackCostPerYear,
      infra_cost_per_kw: s.infraCostPerKW,
      ...sourceParams(s.source),
      origin,
    }) as number;
  }
}
