/** Host server platforms (table server), keyed by slug. */
import type Database from 'better-sqlite3';
import { money, toMajor, type Currency } from '../../../shared/money';
import type { Server } from '../../../shared/domain/catalog';
import { sourceFromRow, sourceParams, upsertBySlug, type Origin, type SourceCols } from './source';

interface ServerRow extends SourceCols {
  id: number;
  slug: string;
  name: string;
  cards_per_server: number;
  host_price_minor: number;
  currency: Currency;
  host_power_w: number;
  compatible: string;
  form_factor: string;
}

const COLS = [
  'slug', 'name', 'cards_per_server', 'host_price_minor', 'currency', 'host_power_w', 'compatible', 'form_factor',
  'source_title', 'source_url', 'as_of', 'estimate', 'source_note', 'origin',
] as const;

export class ServerRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      list: db.prepare('SELECT * FROM server ORDER BY name'),
      idOf: db.prepare('SELECT id FROM server WHERE slug = ?').pluck(),
      userEdited: db.prepare('SELECT user_edited FROM server WHERE slug = ?').pluck(),
      upsert: db.prepare(upsertBySlug('server', COLS)).pluck(),
    };
  }

  list(): (Server & { id: number })[] {
    return (this.stmts.list.all() as ServerRow[]).map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      cardsPerServer: r.cards_per_server,
      hostPrice: toMajor({ amountMinor: r.host_price_minor, currency: r.currency }),
      currency: r.currency,
      hostPowerW: r.host_power_w,
      compatible: JSON.parse(r.compatible) as string[],
      formFactor: r.form_factor,
      source: sourceFromRow(r),
    }));
  }

  idOf(slug: string): number | undefined {
    return this.stmts.idOf.get(slug) as number | undefined;
  }

  /** Whether the user edited this server (undefined: no such server). */
  userEdited(slug: string): boolean | undefined {
    const v = this.stmts.userEdited.get(slug) as number | undefined;
    return v === undefined ? undefined : v !== 0;
  }

  /** Insert, or update all but slug and origin; the row's id. */
  upsert(s: Server, origin: Origin): number {
    return this.stmts.upsert.get({
      slug: s.slug,
      name: s.name,
      cards_per_server: s.cardsPerServer,
      host_price_minor: money(s.hostPrice, s.currency).amountMinor,
      currency: s.currency,
      host_power_w: s.hostPowerW,
      compatible: JSON.stringify(s.compatible),
      form_factor: s.formFactor,
      ...sourceParams(s.source),
      origin,
    }) as number;
  }
}
