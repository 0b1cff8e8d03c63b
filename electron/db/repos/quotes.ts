/**
 * Quotes (table quote): the append-only price history. A correction is a new quote that
 * supersedes, never an update; retiring keeps the row with who, when and why. Only status and
 * the retirement columns ever change (a trigger refuses anything else, and any delete). The
 * price a build uses is shared/domain/price-policy over `list`.
 */
import type Database from 'better-sqlite3';
import { money, toMajor, type Currency } from '../../../shared/money';
import type { QuoteRecord, QuoteStatus, SeedQuote } from '../../../shared/domain/catalog';
import type { PolicyQuote } from '../../../shared/domain/price-policy';
import { supplierKey, supplierNameOf } from '../../../shared/domain/supplier';
import { translatedError } from '../../../shared/contract/result';
import { sourceFromRow, type Origin, type SourceCols } from './source';
import { uuid7Sql } from '../migrations/0003-team-sync';
import type { SupplierRepo } from './suppliers';

export { supplierKey };

/** Where a quote came from. */
export interface QuoteProvenance {
  origin: Origin;
  importId?: number;
  sourceFile?: string;
  sourceSheet?: string;
  sourceRow?: number;
  /** When the quote entered the database; default now (an import stamps all its rows alike). */
  createdAt?: string;
}

/** The newest live quote of one item, kind, supplier and currency. */
export interface LatestPrice {
  id: number;
  kind: string;
  item: string;
  supplier: string;
  price: number;
  currency: Currency;
  vatIncluded: boolean;
  vatRate: number;
  asOf: string;
}

/** Who retires a quote and why; `at` defaults to now. */
export interface Retirement {
  by: string;
  reason: string;
  at?: string;
}

/** One quote as the insert binds it, in column order (made by `row`, written by `insertRow`). */
export type QuoteRow = readonly (string | number | null)[] & { readonly __quoteRow: true };

type IdOf = (slug: string) => number | undefined;
type SupplierIdOf = (name: string, createdAt?: string) => number;

interface ListRow extends SourceCols {
  id: number;
  acc_slug: string | null;
  server_slug: string | null;
  card_slug: string | null;
  kind: QuoteRecord['kind'];
  supplier: string;
  supplier_id: number;
  supplier_name: string;
  quote_number: string;
  quote_date: string;
  platform: string;
  status: QuoteStatus;
  supersedes_id: number | null;
  retired_at: string | null;
  retired_by: string | null;
  retired_reason: string | null;
  price_minor: number;
  currency: Currency;
  vat_included: number;
  vat_rate: number;
  cards_per_server: number | null;
  moq: number | null;
  lead_time_weeks: number | null;
  valid_until: string | null;
  import_id: number | null;
  created_at: string;
  origin: Origin;
  source_file: string;
  source_sheet: string;
  source_row: number | null;
}

interface LatestRow {
  id: number;
  kind: string;
  item: string;
  supplier: string;
  price_minor: number;
  currency: Currency;
  vat_included: number;
  vat_rate: number;
  as_of: string;
}

/** Quotes (q) with their supplier (sup), part slugs (a: accelerator, s: server, c: card) and import (b), those of undone imports left out. */
const LIVE_QUOTES = `FROM quote q
  JOIN supplier sup ON sup.id = q.supplier_id
  LEFT JOIN accelerator a ON a.id = q.accelerator_id
  LEFT JOIN server s ON s.id = q.server_id
  LEFT JOIN accelerator c ON c.id = q.card_accelerator_id
  LEFT JOIN import_batch b ON b.id = q.import_id
  WHERE b.undone_at IS NULL`;

const LIST = `SELECT q.*, a.slug AS acc_slug, s.slug AS server_slug, c.slug AS card_slug, sup.name AS supplier_name
  ${LIVE_QUOTES}`;

// The supplier is the quote's supplier record (supplierNameOf: its supplier text, else its source
// title), so a sheet without a supplier is compared with its own earlier quotes, which carry
// "Vendor price sheet FILE" as their supplier, as the preview looks them up.
const LATEST = (filter: string) => `SELECT id, kind, item, supplier, price_minor, currency, vat_included, vat_rate, as_of FROM (
    SELECT q.id, q.kind, coalesce(a.slug, s.slug, c.slug) AS item, sup.name AS supplier, q.price_minor, q.currency,
           q.vat_included, q.vat_rate, q.quote_date AS as_of,
           row_number() OVER (PARTITION BY q.kind, q.accelerator_id, q.server_id, q.card_accelerator_id, q.supplier_id, q.currency
                              ORDER BY q.quote_date DESC, q.id DESC) AS rn
    ${LIVE_QUOTES} AND q.status <> 'retired' ${filter})
  WHERE rn = 1`;

// The quotes that can still decide a part's purchase price: current ones dated on or before
// today, of imports not undone. A narrowing the price policy makes anyway (it drops the other
// statuses and future quotes), so the policy still decides. One JSON array built by SQLite and
// read with one JSON.parse: at 60,000 quotes that is 2–3× faster than the driver making a row
// array per quote, and ids rather than joined names spare 120,000 look-ups (names are mapped
// from the two small tables once).
const PURCHASE_CANDIDATES = `SELECT json_group_array(json_array(q.id, q.accelerator_id, q.supplier_id, q.price_minor, q.currency, q.vat_included,
           q.vat_rate, q.quote_date, q.valid_until, q.estimate, q.source_title, q.as_of))
  FROM quote q
  WHERE q.kind = 'purchase' AND q.status = 'current' AND q.quote_date <= @today
    AND (@item IS NULL OR q.accelerator_id = (SELECT id FROM accelerator WHERE slug = @item))
    AND (q.import_id IS NULL OR q.import_id NOT IN (SELECT id FROM import_batch WHERE undone_at IS NOT NULL))`;

/** The columns a quote row binds (see `row`), in order. */
const INSERT_COLUMNS = `accelerator_id, server_id, kind, supplier, price_minor, currency, vat_included, vat_rate,
  cards_per_server, card_accelerator_id, moq, lead_time_weeks, valid_until,
  source_title, source_url, as_of, estimate, source_note,
  source_file, source_sheet, source_row, import_id, origin, created_at,
  supplier_id, quote_number, quote_date, platform, supersedes_id`;
const ROW_WIDTH = INSERT_COLUMNS.split(',').length;
const ROW_PARAMS = Array(ROW_WIDTH).fill('?').join(', ');
/** Rows per statement of a batch writer (64 × 29 parameters; more gained nothing measurable). */
export const BATCH_ROWS = 64;
/** A batch row: its columns, then its global id made as migration 0003's trigger makes it (UUID v7 of now). */
const BATCH_TUPLE = `(${ROW_PARAMS}, ${uuid7Sql("'now'")})`;

type CandidateRow = [number, number, number, number, Currency, number, number, string, string | null, number, string, string];

export class QuoteRepo {
  private readonly stmts;

  /** `acceleratorId`, `serverId`: the catalog's slug look-ups (AcceleratorRepo.idOf, ServerRepo.idOf). */
  private readonly supplierId: SupplierIdOf;
  private readonly supersedeTx: (id: number, q: SeedQuote, prov: QuoteProvenance) => number;

  constructor(
    private readonly db: Database.Database,
    private readonly acceleratorId: IdOf,
    private readonly serverId: IdOf,
    private readonly suppliers: SupplierRepo,
  ) {
    this.stmts = {
      // Positional parameters in column order: binding a named-parameter object costs a property
      // look-up per column and an object per quote, which imports pay 50,000 times.
      insert: db.prepare(`INSERT INTO quote (${INSERT_COLUMNS}) VALUES (${ROW_PARAMS})`),
      list: db.prepare(`${LIST} AND (@item IS NULL OR a.slug = @item OR s.slug = @item OR c.slug = @item) ORDER BY q.quote_date DESC, q.id DESC`),
      get: db.prepare(`${LIST} AND q.id = ?`),
      status: db.prepare('SELECT status FROM quote WHERE id = ?').pluck(),
      markSuperseded: db.prepare(`UPDATE quote SET status = 'superseded' WHERE id = ? AND status = 'current'`),
      retire: db.prepare(
        `UPDATE quote SET status = 'retired', retired_at = ?, retired_by = ?, retired_reason = ? WHERE id = ? AND status <> 'retired'`,
      ),
      has: db.prepare(
        `SELECT 1 FROM quote q LEFT JOIN accelerator a ON a.id = q.accelerator_id LEFT JOIN server s ON s.id = q.server_id
         WHERE q.kind = ? AND coalesce(a.slug, s.slug) = ? AND q.source_title = ? AND q.as_of = ? AND q.price_minor = ?`,
      ),
      count: db.prepare('SELECT count(*) FROM quote').pluck(),
      suppliers: db.prepare('SELECT id, name FROM supplier'),
      latest: db.prepare(LATEST('')),
      purchaseCandidates: db.prepare(PURCHASE_CANDIDATES).pluck(),
      acceleratorSlugs: db.prepare('SELECT id, slug FROM accelerator').raw(),
      latestOf: db.prepare(LATEST('AND q.supplier_id IN (SELECT value FROM json_each(?))')),
    };
    this.supplierId = (name, createdAt) => this.suppliers.findOrCreate(name, { createdAt });
    this.supersedeTx = db.transaction((id: number, q: SeedQuote, prov: QuoteProvenance): number => {
      const status = this.stmts.status.get(id) as QuoteStatus | undefined;
      if (status === undefined) throw translatedError('not-found', 'errors.quote.notFound', { id });
      if (status !== 'current') throw translatedError('conflict', 'errors.quote.cannotSupersede', { id, status });
      const newId = this.insertRow(this.row(q, prov, this.acceleratorId, this.serverId, this.supplierId, id));
      this.stmts.markSuperseded.run(id);
      return newId;
    });
  }

  /** Append a quote; `item` is an accelerator slug, or a server slug for server-purchase. */
  add(q: SeedQuote, prov: QuoteProvenance): number {
    return this.insertRow(this.row(q, prov));
  }

  /**
   * A correction: `q` is stored as a new quote that supersedes quote `id` (which becomes
   * `superseded`, its row otherwise untouched). Only a current quote can be superseded.
   * One transaction; the new quote's id.
   */
  supersede(id: number, q: SeedQuote, prov: QuoteProvenance): number {
    return this.supersedeTx(id, q, prov);
  }

  /** Retire quote `id`: kept, with who, when and why, but never used for a price again. */
  retire(id: number, r: Retirement): QuoteRecord {
    const status = this.stmts.status.get(id) as QuoteStatus | undefined;
    if (status === undefined) throw translatedError('not-found', 'errors.quote.notFound', { id });
    if (status === 'retired') throw translatedError('conflict', 'errors.quote.alreadyRetired', { id });
    this.stmts.retire.run(r.at ?? new Date().toISOString(), r.by, r.reason, id);
    return this.get(id)!;
  }

  /** One quote (an undone import's too: its id is still its id). */
  get(id: number): QuoteRecord | undefined {
    const r = this.stmts.get.get(id) as ListRow | undefined;
    return r && toRecord(r);
  }

  /** A part's (or server's) whole price history, every status, newest quote date first. */
  history(item: string): QuoteRecord[] {
    return this.list({ item });
  }

  /**
   * `add` for many quotes in one transaction (an import's commit): the same checks and row, but
   * each slug is looked up once per writer instead of with a SELECT per quote. Only ids that
   * were found are remembered, so a part or server created after the writer was made is found
   * by the next look-up; use a writer inside one transaction and drop it after, since a rolled
   * back insert would leave it remembering an id that no longer exists.
   */
  writer(): (q: SeedQuote, prov: QuoteProvenance) => number {
    const acc = remembered(this.acceleratorId);
    const server = remembered(this.serverId);
    const supplier = this.suppliers.resolver();
    return (q, prov) => this.insertRow(this.row(q, prov, acc, server, supplier));
  }

  /**
   * `writer` for a batch whose quotes' ids are not needed (an import's commit): the same rows,
   * written BATCH_ROWS to a statement. Each INSERT pays SQLite's statement journal (the quote
   * triggers may abort it) and the gid trigger's UPDATE of the row just written; one statement
   * per quote was two thirds of a 50,000-row import. So a batch statement also sets the global
   * id itself, by the trigger's own expression (which then has nothing to do). `add` makes the
   * row at once (an unknown slug throws there, a supplier is found or created) and says how
   * many quotes it wrote: 0 while a batch fills, BATCH_ROWS when one was full. `flush` writes
   * the rest and says how many. Use inside one transaction, and flush before it ends.
   */
  batchWriter(): { add(q: SeedQuote, prov: QuoteProvenance): number; flush(): number } {
    const acc = remembered(this.acceleratorId);
    const server = remembered(this.serverId);
    const supplier = this.suppliers.resolver();
    const stmts = (this.batchStmts ??= {
      full: this.db.prepare(`INSERT INTO quote (${INSERT_COLUMNS}, gid) VALUES ${Array(BATCH_ROWS).fill(BATCH_TUPLE).join(', ')}`),
      one: this.db.prepare(`INSERT INTO quote (${INSERT_COLUMNS}, gid) VALUES ${BATCH_TUPLE}`),
    });
    const args: (string | number | null)[] = new Array(BATCH_ROWS * ROW_WIDTH);
    let held = 0;
    return {
      add: (q, prov) => {
        const r = this.row(q, prov, acc, server, supplier);
        for (let j = 0, at = held * ROW_WIDTH; j < ROW_WIDTH; j++) args[at + j] = r[j]!;
        if (++held < BATCH_ROWS) return 0;
        stmts.full.run(...args);
        held = 0;
        return BATCH_ROWS;
      },
      flush: () => {
        const n = held;
        for (let i = 0; i < n; i++) stmts.one.run(...args.slice(i * ROW_WIDTH, (i + 1) * ROW_WIDTH));
        held = 0;
        return n;
      },
    };
  }

  private batchStmts?: { full: Database.Statement; one: Database.Statement };

  /**
   * The row `add` would write, its slugs resolved by the given look-ups (the supplier found or
   * created); throws on an unknown slug. A server quote names a catalog server by `item`, or a
   * platform by `platform` with its card in `cardSlug`.
   */
  row(
    q: SeedQuote,
    prov: QuoteProvenance,
    accId: IdOf = this.acceleratorId,
    serverIdOf: IdOf = this.serverId,
    supplierIdOf: SupplierIdOf = this.supplierId,
    supersedes: number | null = null,
  ): QuoteRow {
    const isServer = q.kind === 'server-purchase';
    const acceleratorId = isServer ? null : accId(q.item);
    let serverId = isServer ? serverIdOf(q.item) : null;
    const named = isServer && serverId === undefined && Boolean(q.platform?.trim()) && q.cardSlug !== undefined;
    if (named) serverId = null;
    if (isServer ? serverId === undefined : acceleratorId === undefined) {
      throw new Error(`unknown ${isServer ? 'server' : 'accelerator'} "${q.item}"`);
    }
    const cardId = q.cardSlug ? accId(q.cardSlug) : null;
    if (q.cardSlug && cardId === undefined) throw new Error(`unknown accelerator "${q.cardSlug}"`);
    const s = q.source;
    const createdAt = prov.createdAt ?? new Date().toISOString();
    return [
      acceleratorId ?? null,
      serverId ?? null,
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
      createdAt,
      supplierIdOf(supplierNameOf(q), createdAt),
      q.quoteNumber?.trim() ?? '',
      q.quoteDate ?? s.asOf,
      isServer ? (q.platform?.trim() ?? '') : '',
      supersedes,
    ] as unknown as QuoteRow;
  }

  /** Write one row made by `row`; its id. */
  insertRow(r: QuoteRow): number {
    return Number(this.stmts.insert.run(...r).lastInsertRowid);
  }

  /**
   * Every quote not belonging to an undone import, every status (the price policy decides
   * which count), newest quote date first; `item`: of this part (its server quotes included)
   * or server.
   */
  list(filter: { item?: string } = {}): QuoteRecord[] {
    return (this.stmts.list.all({ item: filter.item ?? null }) as ListRow[]).map(toRecord);
  }

  /**
   * The purchase quotes the price policy may choose from on `today` (PURCHASE_CANDIDATES above),
   * as the policy reads them; `item`: of this part only. For the catalog listing's prices, which
   * must not load the whole price history to price 10,000 parts.
   */
  purchaseCandidates(today: string, item?: string): PolicyQuote[] {
    const rows = JSON.parse(this.stmts.purchaseCandidates.get({ today, item: item ?? null }) as string) as CandidateRow[];
    if (rows.length === 0) return [];
    const slugs = new Map(this.stmts.acceleratorSlugs.all() as [number, string][]);
    const suppliers = new Map((this.stmts.suppliers.all() as { id: number; name: string }[]).map((s) => [s.id, s.name]));
    // a plain loop and literal (no spreads): it runs 60,000 times per listing
    const out: PolicyQuote[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [id, acceleratorId, supplierId, priceMinor, currency, vatIncluded, vatRate, quoteDate, validUntil, estimate, title, asOf] = rows[i]!;
      out[i] = {
        id,
        item: slugs.get(acceleratorId)!,
        kind: 'purchase',
        supplier: suppliers.get(supplierId)!,
        price: toMajor({ amountMinor: priceMinor, currency }),
        currency,
        vatIncluded: vatIncluded === 1,
        vatRate,
        quoteDate,
        validUntil: validUntil ?? undefined,
        source: { title, url: '', asOf, estimate: estimate === 1, note: '' },
        status: 'current',
      };
    }
    return out;
  }

  /** Whether this quote (kind, item, source title, as-of date and price) is already stored. */
  has(q: SeedQuote): boolean {
    return this.stmts.has.get(q.kind, q.item, q.source.title, q.source.asOf, money(q.price, q.currency).amountMinor) !== undefined;
  }

  /** How many quotes are stored, those of undone imports included. */
  count(): number {
    return this.stmts.count.get() as number;
  }

  /**
   * The newest quote (by quote date) per (kind, item, supplier record, currency), ignoring
   * undone imports and retired quotes; `supplier` is the record's name. A window
   * query, so a preview costs one pass in SQLite rather than loading the whole price history.
   * `suppliers`: only these (compared as supplierKey folds them), since a sheet's rows are only
   * ever compared with their own supplier's prices; sorting the whole history for the window
   * cost most of a second once it held 150,000 quotes.
   */
  latestPrices(suppliers?: Iterable<string>): LatestPrice[] {
    let rows: LatestRow[];
    if (suppliers) {
      const wanted = new Set([...suppliers].map(supplierKey));
      // The supplier records whose names fold to a wanted supplier (JavaScript's case folding,
      // not SQLite's ASCII-only lower()), looked for in one scan of the small supplier table.
      const only = (this.stmts.suppliers.all() as { id: number; name: string }[]).filter((s) => wanted.has(supplierKey(s.name))).map((s) => s.id);
      if (only.length === 0) return [];
      rows = this.stmts.latestOf.all(JSON.stringify(only)) as LatestRow[];
    } else {
      rows = this.stmts.latest.all() as LatestRow[];
    }
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      item: r.item,
      supplier: r.supplier,
      ...priceOf(r),
      asOf: r.as_of,
    }));
  }
}

function toRecord(r: ListRow): QuoteRecord {
  const q: QuoteRecord = {
    id: r.id,
    item: (r.acc_slug ?? r.server_slug ?? r.card_slug)!,
    kind: r.kind,
    supplierId: r.supplier_id,
    supplier: r.supplier_name,
    quoteNumber: r.quote_number,
    quoteDate: r.quote_date,
    platform: r.platform,
    status: r.status,
    supersedesId: r.supersedes_id,
    ...priceOf(r),
    cardsPerServer: r.cards_per_server ?? undefined,
    cardSlug: r.card_slug ?? undefined,
    moq: r.moq ?? undefined,
    leadTimeWeeks: r.lead_time_weeks ?? undefined,
    validUntil: r.valid_until ?? undefined,
    source: sourceFromRow(r),
    importId: r.import_id ?? null,
    importedAt: r.created_at,
    origin: r.origin,
    sourceFile: r.source_file,
    sourceSheet: r.source_sheet,
    sourceRow: r.source_row ?? null,
  };
  if (r.retired_at !== null) q.retired = { at: r.retired_at, by: r.retired_by ?? '', reason: r.retired_reason ?? '' };
  return q;
}

/** The price columns of a quote row as the shared price fields (money from minor units). */
function priceOf(r: { price_minor: number; currency: Currency; vat_included: number; vat_rate: number }) {
  return { price: toMajor({ amountMinor: r.price_minor, currency: r.currency }), currency: r.currency, vatIncluded: r.vat_included === 1, vatRate: r.vat_rate };
}

/** A look-up that remembers the ids it found (never a miss: the row may be created later). */
function remembered(look: IdOf): IdOf {
  const ids = new Map<string, number>();
  return (slug) => {
    let id = ids.get(slug);
    if (id === undefined) {
      id = look(slug);
      if (id !== undefined) ids.set(slug, id);
    }
    return id;
  };
}
