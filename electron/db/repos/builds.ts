/** Builds and their lines. Deleting is soft (deleted_at) so the UI can undo it. */
import type Database from 'better-sqlite3';
import type { BuildAssumptions, BuildLine, BuildRecord } from '../../../shared/scenario/build';
import { money, toMajor, type Currency } from '../../../shared/money';
import { translatedError } from '../../../shared/contract/result';
import { said } from '../../../shared/i18n/translate';
import type { EngineProfileInput } from '../../../shared/model/engines';

interface BuildRow {
  id: number;
  name: string;
  assumptions: string;
  created_at: string;
  updated_at: string;
}

interface LineRow {
  build_id: number;
  slug: string;
  count: number;
  role: BuildLine['role'];
  server_slug: string | null;
  network_per_card_minor: number;
  network_currency: string;
  price_override_minor: number | null;
  price_override_currency: string | null;
  pin_quote_id: number | null;
  pin_supplier: string | null;
  lead_time_weeks: number | null;
  rental_price_minor: number | null;
  rental_currency: string | null;
  engine: string | null;
  engine_profile: string | null;
}

function lineFromRow(r: LineRow): BuildLine {
  const line: BuildLine = { accelerator: r.slug, count: r.count, role: r.role };
  if (r.server_slug) line.server = r.server_slug;
  if (r.network_per_card_minor > 0) {
    const c = r.network_currency as Currency;
    line.networkPerCard = { amount: toMajor({ amountMinor: r.network_per_card_minor, currency: c }), currency: c };
  }
  if (r.price_override_minor !== null && r.price_override_currency) {
    const c = r.price_override_currency as Currency;
    line.unitPrice = { amount: toMajor({ amountMinor: r.price_override_minor, currency: c }), currency: c };
  }
  if (r.pin_quote_id !== null) line.pinQuoteId = r.pin_quote_id;
  if (r.pin_supplier) line.pinSupplier = r.pin_supplier;
  if (r.rental_price_minor !== null && r.rental_currency) {
    const c = r.rental_currency as Currency;
    line.rentalPricePerCardHour = { amount: toMajor({ amountMinor: r.rental_price_minor, currency: c }), currency: c };
  }
  if (r.lead_time_weeks !== null) line.leadTimeWeeks = r.lead_time_weeks;
  if (r.engine) line.engine = r.engine;
  else if (r.engine_profile) line.engine = JSON.parse(r.engine_profile) as EngineProfileInput;
  return line;
}

type IdOf = (slug: string) => number | undefined;

export class BuildRepo {
  private readonly stmts;

  /** `acceleratorId`, `serverId`: the catalog's slug look-ups (AcceleratorRepo.idOf, ServerRepo.idOf). */
  constructor(
    private readonly db: Database.Database,
    private readonly acceleratorId: IdOf,
    private readonly serverId: IdOf,
  ) {
    this.stmts = {
      lines: db.prepare(
        `SELECT l.*, a.slug, s.slug AS server_slug FROM build_line l
         JOIN accelerator a ON a.id = l.accelerator_id LEFT JOIN server s ON s.id = l.server_id
         JOIN build b ON b.id = l.build_id WHERE b.deleted_at IS NULL OR b.id IN (SELECT value FROM json_each(?))
         ORDER BY l.build_id, l.position`,
      ),
      list: db.prepare('SELECT * FROM build WHERE deleted_at IS NULL ORDER BY id'),
      get: db.prepare('SELECT * FROM build WHERE id = ? AND deleted_at IS NULL'),
      getAny: db.prepare('SELECT * FROM build WHERE id = ?'),
      deleteLines: db.prepare('DELETE FROM build_line WHERE build_id = ?'),
      insertLine: db.prepare(
        `INSERT INTO build_line (build_id, position, accelerator_id, count, server_id, network_per_card_minor, network_currency,
           price_override_minor, price_override_currency, role, pin_quote_id, pin_supplier,
           lead_time_weeks, rental_price_minor, rental_currency, engine, engine_profile)
         VALUES (@buildId, @position, @acceleratorId, @count, @serverId, @net, @netCur, @price, @priceCur, @role, @pinQuoteId, @pinSupplier,
           @leadTimeWeeks, @rental, @rentalCur, @engine, @engineProfile)`,
      ),
      insert: db.prepare('INSERT INTO build (name, assumptions, created_at, updated_at) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE build SET name = ?, assumptions = ?, updated_at = ? WHERE id = ?'),
      setDeleted: db.prepare('UPDATE build SET deleted_at = ? WHERE id = ? AND (deleted_at IS NULL) = ?'),
    };
  }

  private linesOf(ids: number[]): Map<number, BuildLine[]> {
    const out = new Map<number, BuildLine[]>();
    if (ids.length === 0) return out;
    const rows = this.stmts.lines.all(JSON.stringify(ids)) as LineRow[];
    for (const r of rows) {
      if (!ids.includes(r.build_id)) continue;
      const list = out.get(r.build_id) ?? [];
      list.push(lineFromRow(r));
      out.set(r.build_id, list);
    }
    return out;
  }

  private toRecord(r: BuildRow, lines: BuildLine[]): BuildRecord {
    return {
      id: r.id,
      name: r.name,
      assumptions: JSON.parse(r.assumptions) as BuildAssumptions,
      lines,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  list(): BuildRecord[] {
    const rows = this.stmts.list.all() as BuildRow[];
    const lines = this.linesOf(rows.map((r) => r.id));
    return rows.map((r) => this.toRecord(r, lines.get(r.id) ?? []));
  }

  get(id: number, includeDeleted = false): BuildRecord {
    const r = (includeDeleted ? this.stmts.getAny : this.stmts.get).get(id) as BuildRow | undefined;
    if (!r) throw translatedError('not-found', 'errors.build.notFound', { id });
    return this.toRecord(r, this.linesOf([id]).get(id) ?? []);
  }

  private writeLines(buildId: number, lines: BuildLine[]): void {
    this.stmts.deleteLines.run(buildId);
    lines.forEach((l, i) => {
      const acceleratorId = this.acceleratorId(l.accelerator);
      if (acceleratorId === undefined) throw translatedError('invalid-input', 'errors.build.unknownAccelerator', { name: l.accelerator }, [{ path: `lines[${i}].accelerator`, ...said('errors.build.notInCatalog') }]);
      let serverId: number | null = null;
      if (l.server) {
        const s = this.serverId(l.server);
        if (s === undefined) throw translatedError('invalid-input', 'errors.build.unknownServer', { name: l.server }, [{ path: `lines[${i}].server`, ...said('errors.build.notInCatalog') }]);
        serverId = s;
      }
      this.stmts.insertLine.run({
        buildId,
        position: i,
        acceleratorId,
        count: l.count,
        serverId,
        net: l.networkPerCard ? money(l.networkPerCard.amount, l.networkPerCard.currency).amountMinor : 0,
        netCur: l.networkPerCard?.currency ?? 'CNY',
        price: l.unitPrice ? money(l.unitPrice.amount, l.unitPrice.currency).amountMinor : null,
        priceCur: l.unitPrice?.currency ?? null,
        role: l.role,
        pinQuoteId: l.pinQuoteId ?? null,
        pinSupplier: l.pinSupplier ?? null,
        leadTimeWeeks: l.leadTimeWeeks ?? null,
        rental: l.rentalPricePerCardHour ? money(l.rentalPricePerCardHour.amount, l.rentalPricePerCardHour.currency).amountMinor : null,
        rentalCur: l.rentalPricePerCardHour?.currency ?? null,
        engine: typeof l.engine === 'string' ? l.engine : null,
        engineProfile: typeof l.engine === 'object' ? JSON.stringify(l.engine) : null,
      });
    });
  }

  /** The build and its lines in one transaction. */
  create(name: string, assumptions: BuildAssumptions, lines: BuildLine[]): BuildRecord {
    const now = new Date().toISOString();
    const id = this.db.transaction(() => {
      const newId = Number(this.stmts.insert.run(name, JSON.stringify(assumptions), now, now).lastInsertRowid);
      this.writeLines(newId, lines);
      return newId;
    })();
    return this.get(id);
  }

  update(id: number, patch: { name?: string; assumptions?: BuildAssumptions; lines?: BuildLine[] }): BuildRecord {
    const current = this.get(id);
    this.db.transaction(() => {
      this.stmts.update.run(patch.name ?? current.name, JSON.stringify(patch.assumptions ?? current.assumptions), new Date().toISOString(), id);
      if (patch.lines) this.writeLines(id, patch.lines);
    })();
    return this.get(id);
  }

  setDeleted(id: number, deleted: boolean): void {
    const r = this.stmts.setDeleted.run(deleted ? new Date().toISOString() : null, id, deleted ? 1 : 0);
    if (r.changes === 0) throw translatedError('not-found', deleted ? 'errors.build.notFound' : 'errors.build.notFoundDeleted', { id });
  }
}
