/** Servers, quotes (append-only price history), sites and FX rates. */
import type Database from 'better-sqlite3';
import { money, toMajor, type Currency } from '../../../shared/money';
import type { FxRate, SeedQuote, Server, Site } from '../../../shared/domain/catalog';
import type { Source } from '../../../shared/domain/source';

export type Origin = 'seed' | 'user' | 'import';

export interface QuoteRecord extends SeedQuote {
  id: number;
  importId: number | null;
  importedAt: string;
  origin: Origin;
  sourceFile: string;
  sourceSheet: string;
  sourceRow: number | null;
}

/** Where an imported quote came from. */
export interface QuoteProvenance {
  origin: Origin;
  importId?: number;
  sourceFile?: string;
  sourceSheet?: string;
  sourceRow?: number;
  /** When the quote entered the database; default now (an import stamps all its rows alike). */
  createdAt?: string;
}

function sourceParams(s: Source) {
  return {
    source_title: s.title,
    source_url: s.url,
    as_of: s.asOf,
    estimate: s.estimate ? 1 : 0,
    source_note: s.note,
  };
}

interface SourceCols {
  source_title: string;
  source_url: string;
  as_of: string;
  estimate: number;
  source_note: string;
}

function sourceFromRow(r: SourceCols): Source {
  return { title: r.source_title, url: r.source_url, asOf: r.as_of, estimate: r.estimate === 1, note: r.source_note };
}

export class PriceRepo {
  // Prepared once: imports write thousands of quotes through insertQuote.
  private accIdStmt?: Database.Statement;
  private serverIdStmt?: Database.Statement;
  private insertQuoteStmt?: Database.Statement;

  constructor(private readonly db: Database.Database) {}

  // ---- servers
  servers(): (Server & { id: number })[] {
    const rows = this.db.prepare('SELECT * FROM server ORDER BY name').all() as (SourceCols & Record<string, never>)[];
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as number,
      slug: r.slug as string,
      name: r.name as string,
      cardsPerServer: r.cards_per_server as number,
      hostPrice: toMajor({ amountMinor: r.host_price_minor as number, currency: r.currency as Currency }),
      currency: r.currency as Currency,
      hostPowerW: r.host_power_w as number,
      compatible: JSON.parse(r.compatible as string) as string[],
      formFactor: r.form_factor as string,
      source: sourceFromRow(r as unknown as SourceCols),
    }));
  }

  serverId(slug: string): number | undefined {
    return (this.db.prepare('SELECT id FROM server WHERE slug = ?').get(slug) as { id: number } | undefined)?.id;
  }

  upsertServer(s: Server, origin: Origin): number {
    const params = {
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
    };
    const existing = this.serverId(s.slug);
    if (existing !== undefined) {
      const cols = Object.keys(params).filter((c) => c !== 'slug' && c !== 'origin');
      this.db.prepare(`UPDATE server SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({
        ...params,
        id: existing,
      });
      return existing;
    }
    const cols = Object.keys(params);
    return Number(
      this.db
        .prepare(`INSERT INTO server (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`)
        .run(params).lastInsertRowid,
    );
  }

  // ---- quotes
  /** Append a quote; `item` is an accelerator slug, or a server slug for server-purchase. */
  addQuote(q: SeedQuote, prov: QuoteProvenance): number {
    return this.insertQuote(q, prov, (slug) => this.acceleratorIdOf(slug), (slug) => this.serverIdOf(slug));
  }

  /**
   * addQuote for many quotes in one transaction (an import's commit): the same checks and row,
   * but each slug is looked up once per writer instead of with a SELECT per quote. Only ids that
   * were found are remembered, so a part or server created after the writer was made is found
   * by the next look-up; use a writer inside one transaction and drop it after, since a rolled
   * back insert would leave it remembering an id that no longer exists.
   */
  quoteWriter(): (q: SeedQuote, prov: QuoteProvenance) => number {
    const memo = (look: (slug: string) => number | undefined) => {
      const ids = new Map<string, number>();
      return (slug: string) => {
        let id = ids.get(slug);
        if (id === undefined) {
          id = look(slug);
          if (id !== undefined) ids.set(slug, id);
        }
        return id;
      };
    };
    const acc = memo((slug) => this.acceleratorIdOf(slug));
    const server = memo((slug) => this.serverIdOf(slug));
    return (q, prov) => this.insertQuote(q, prov, acc, server);
  }

  private acceleratorIdOf(slug: string): number | undefined {
    this.accIdStmt ??= this.db.prepare('SELECT id FROM accelerator WHERE slug = ?').pluck();
    return this.accIdStmt.get(slug) as number | undefined;
  }

  private serverIdOf(slug: string): number | undefined {
    this.serverIdStmt ??= this.db.prepare('SELECT id FROM server WHERE slug = ?').pluck();
    return this.serverIdStmt.get(slug) as number | undefined;
  }

  private insertQuote(
    q: SeedQuote,
    prov: QuoteProvenance,
    accId: (slug: string) => number | undefined,
    serverIdOf: (slug: string) => number | undefined,
  ): number {
    const isServer = q.kind === 'server-purchase';
    const acceleratorId = isServer ? null : accId(q.item);
    const serverId = isServer ? serverIdOf(q.item) : null;
    if (isServer ? serverId === undefined : acceleratorId === undefined) {
      throw new Error(`unknown ${isServer ? 'server' : 'accelerator'} "${q.item}"`);
    }
    const cardId = q.cardSlug ? accId(q.cardSlug) : null;
    if (q.cardSlug && cardId === undefined) throw new Error(`unknown accelerator "${q.cardSlug}"`);
    const s = q.source;
    // Positional parameters in column order: binding a named-parameter object costs a property
    // look-up per column and an object per quote, which imports pay 50,000 times.
    this.insertQuoteStmt ??= this.db.prepare(
      `INSERT INTO quote (accelerator_id, server_id, kind, supplier, price_minor, currency, vat_included, vat_rate,
         cards_per_server, card_accelerator_id, moq, lead_time_weeks, valid_until,
         source_title, source_url, as_of, estimate, source_note,
         source_file, source_sheet, source_row, import_id, origin, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return Number(
      this.insertQuoteStmt.run(
        acceleratorId,
        serverId,
        q.kind,
        q.supplier,
        money(q.price, q.currency).amountMinor,
        q.currency,
        q.vatIncluded ? 1 : 0,
        q.vatRate,
        q.cardsPerServer ?? null,
        cardId ?? null,
        q.moq ?? null,
        q.leadTimeWeeks ?? null,
        q.validUntil ?? null,
        s.title,
        s.url,
        s.asOf,
        s.estimate ? 1 : 0,
        s.note,
        prov.sourceFile ?? '',
        prov.sourceSheet ?? '',
        prov.sourceRow ?? null,
        prov.importId ?? null,
        prov.origin,
        prov.createdAt ?? new Date().toISOString(),
      ).lastInsertRowid,
    );
  }

  /** Every quote not belonging to an undone import, newest first. */
  quotes(filter: { item?: string } = {}): QuoteRecord[] {
    const rows = this.db
      .prepare(
        `SELECT q.*, a.slug AS acc_slug, s.slug AS server_slug, c.slug AS card_slug
         FROM quote q
         LEFT JOIN accelerator a ON a.id = q.accelerator_id
         LEFT JOIN server s ON s.id = q.server_id
         LEFT JOIN accelerator c ON c.id = q.card_accelerator_id
         LEFT JOIN import_batch b ON b.id = q.import_id
         WHERE b.undone_at IS NULL
           AND (@item IS NULL OR a.slug = @item OR s.slug = @item OR c.slug = @item)
         ORDER BY q.as_of DESC, q.id DESC`,
      )
      .all({ item: filter.item ?? null }) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as number,
      item: (r.acc_slug ?? r.server_slug) as string,
      kind: r.kind as QuoteRecord['kind'],
      supplier: r.supplier as string,
      price: toMajor({ amountMinor: r.price_minor as number, currency: r.currency as Currency }),
      currency: r.currency as Currency,
      vatIncluded: r.vat_included === 1,
      vatRate: r.vat_rate as number,
      cardsPerServer: (r.cards_per_server as number | null) ?? undefined,
      cardSlug: (r.card_slug as string | null) ?? undefined,
      moq: (r.moq as number | null) ?? undefined,
      leadTimeWeeks: (r.lead_time_weeks as number | null) ?? undefined,
      validUntil: (r.valid_until as string | null) ?? undefined,
      source: sourceFromRow(r as unknown as SourceCols),
      importId: (r.import_id as number | null) ?? null,
      importedAt: r.created_at as string,
      origin: r.origin as Origin,
      sourceFile: r.source_file as string,
      sourceSheet: r.source_sheet as string,
      sourceRow: (r.source_row as number | null) ?? null,
    }));
  }

  hasQuote(q: SeedQuote): boolean {
    const row = this.db
      .prepare(
        `SELECT 1 FROM quote q LEFT JOIN accelerator a ON a.id = q.accelerator_id LEFT JOIN server s ON s.id = q.server_id
         WHERE q.kind = ? AND coalesce(a.slug, s.slug) = ? AND q.source_title = ? AND q.as_of = ? AND q.price_minor = ?`,
      )
      .get(q.kind, q.item, q.source.title, q.source.asOf, money(q.price, q.currency).amountMinor);
    return row !== undefined;
  }

  // ---- sites
  sites(): (Site & { id: number })[] {
    const rows = this.db.prepare('SELECT * FROM site ORDER BY id').all() as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as number,
      slug: r.slug as string,
      name: r.name as string,
      nameZh: r.name_zh as string,
      powerPricePerKWh: r.power_price_per_kwh as number,
      currency: r.currency as Currency,
      pue: r.pue as number,
      jurisdiction: r.jurisdiction as Site['jurisdiction'],
      rackCostPerYear: r.rack_cost_per_year as number,
      infraCostPerKW: r.infra_cost_per_kw as number,
      source: sourceFromRow(r as unknown as SourceCols),
    }));
  }

  upsertSite(s: Site, origin: Origin): void {
    this.db
      .prepare(
        `INSERT INTO site (slug, name, name_zh, power_price_per_kwh, currency, pue, jurisdiction, rack_cost_per_year,
           infra_cost_per_kw, source_title, source_url, as_of, estimate, source_note, origin)
         VALUES (@slug, @name, @nameZh, @powerPricePerKWh, @currency, @pue, @jurisdiction, @rackCostPerYear,
           @infraCostPerKW, @source_title, @source_url, @as_of, @estimate, @source_note, @origin)
         ON CONFLICT(slug) DO UPDATE SET name = excluded.name, name_zh = excluded.name_zh,
           power_price_per_kwh = excluded.power_price_per_kwh, currency = excluded.currency, pue = excluded.pue,
           jurisdiction = excluded.jurisdiction, rack_cost_per_year = excluded.rack_cost_per_year,
           infra_cost_per_kw = excluded.infra_cost_per_kw, source_title = excluded.source_title,
           source_url = excluded.source_url, as_of = excluded.as_of, estimate = excluded.estimate,
           source_note = excluded.source_note`,
      )
      .run({ ...s, ...sourceParams(s.source), origin });
  }

  // ---- FX
  /** Latest rate per currency (by as-of date, then insertion). */
  fxRates(): FxRate[] {
    const latest = new Set<string>();
    return this.fxHistory()
      .filter((r) => !latest.has(r.currency) && latest.add(r.currency))
      .map(({ id: _id, origin: _origin, ...rate }) => rate)
      .sort((a, b) => a.currency.localeCompare(b.currency));
  }

  /** Every rate ever entered, newest first (rates are never overwritten). */
  fxHistory(): (FxRate & { id: number; origin: string })[] {
    const rows = this.db.prepare('SELECT * FROM fx_rate ORDER BY as_of DESC, id DESC').all() as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as number,
      origin: r.origin as string,
      currency: r.currency as Currency,
      cnyPer: r.cny_per as number,
      asOf: r.as_of as string,
      source: sourceFromRow(r as unknown as SourceCols),
    }));
  }

  addFxRate(f: FxRate, origin: Origin): void {
    this.db
      .prepare(
        `INSERT INTO fx_rate (currency, cny_per, source_title, source_url, as_of, estimate, source_note, origin, created_at)
         VALUES (@currency, @cnyPer, @source_title, @source_url, @as_of, @estimate, @source_note, @origin, @createdAt)`,
      )
      .run({ currency: f.currency, cnyPer: f.cnyPer, ...sourceParams({ ...f.source, asOf: f.asOf }), origin, createdAt: new Date().toISOString() });
  }
}
