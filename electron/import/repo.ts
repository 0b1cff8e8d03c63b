/**
 * SQL of the import: batches (one per committed file) and remembered column mappings.
 * Quotes themselves go through PriceRepo.addQuote, like every other quote.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { columnOverrideSchema, type ColumnOverride, type ImportBatchView } from '../../shared/contract/import';
import { toMajor, type Currency } from '../../shared/money';
import { supplierKey } from './previous';

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

interface BatchRow {
  id: number;
  file_name: string;
  sheet: string;
  supplier: string;
  row_count: number;
  imported_at: string;
  undone_at: string | null;
}

function toView(r: BatchRow): ImportBatchView {
  return {
    id: r.id,
    fileName: r.file_name,
    sheet: r.sheet,
    supplier: r.supplier,
    rowCount: r.row_count,
    importedAt: r.imported_at,
    undoneAt: r.undone_at,
  };
}

/** What import_mapping.mapping holds (validated on read: the column is user data). */
const storedMappingSchema = z.object({
  headerRow: z.number().int().min(1).optional(),
  columns: z.array(columnOverrideSchema),
});
export type StoredMapping = z.infer<typeof storedMappingSchema>;

export class ImportRepo {
  constructor(private readonly db: Database.Database) {}

  createBatch(b: { fileName: string; sheet: string; supplier: string; rowCount: number; importedAt: string }): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO import_batch (file_name, sheet, supplier, row_count, imported_at)
           VALUES (@fileName, @sheet, @supplier, @rowCount, @importedAt)`,
        )
        .run(b).lastInsertRowid,
    );
  }

  batch(id: number): ImportBatchView | undefined {
    const r = this.db.prepare('SELECT * FROM import_batch WHERE id = ?').get(id) as BatchRow | undefined;
    return r && toView(r);
  }

  list(): ImportBatchView[] {
    return (this.db.prepare('SELECT * FROM import_batch ORDER BY id DESC').all() as BatchRow[]).map(toView);
  }

  markUndone(id: number, at: string): boolean {
    return this.db.prepare('UPDATE import_batch SET undone_at = ? WHERE id = ? AND undone_at IS NULL').run(at, id).changes === 1;
  }

  /** The mapping remembered for this supplier and layout; else the newest for the layout from anyone. */
  mapping(supplier: string, layoutKey: string): StoredMapping | undefined {
    const row = this.db
      .prepare(
        `SELECT mapping FROM import_mapping WHERE layout_key = ?
         ORDER BY (supplier = ? COLLATE NOCASE) DESC, updated_at DESC, id DESC LIMIT 1`,
      )
      .get(layoutKey, supplier) as { mapping: string } | undefined;
    if (!row) return undefined;
    try {
      const parsed = storedMappingSchema.safeParse(JSON.parse(row.mapping));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The newest quote per (kind, item, supplier, currency), ignoring undone imports. A window
   * query, so a preview costs one pass in SQLite rather than loading the whole price history.
   * `suppliers`: only these (compared as priceKey does, trimmed and lower-cased), since a
   * sheet's rows are only ever compared with their own supplier's prices; sorting the whole
   * history for the window cost most of a second once it held 150,000 quotes.
   */
  latestPrices(suppliers?: Iterable<string>): LatestPrice[] {
    let only: string[] | undefined;
    if (suppliers) {
      const wanted = new Set([...suppliers].map(supplierKey));
      // The stored spellings that fold to a wanted supplier (JavaScript's case folding, not
      // SQLite's ASCII-only lower()), looked for in one scan of a single column.
      const stored = this.db.prepare('SELECT DISTINCT supplier FROM quote').pluck().all() as string[];
      only = stored.filter((s) => wanted.has(supplierKey(s)));
      if (only.length === 0) return [];
    }
    const rows = this.db
      .prepare(
        `SELECT id, kind, item, supplier, price_minor, currency, vat_included, vat_rate, as_of FROM (
           SELECT q.id, q.kind, coalesce(a.slug, s.slug) AS item, q.supplier, q.price_minor, q.currency,
                  q.vat_included, q.vat_rate, q.as_of,
                  row_number() OVER (PARTITION BY q.kind, q.accelerator_id, q.server_id, q.supplier, q.currency
                                     ORDER BY q.as_of DESC, q.id DESC) AS rn
           FROM quote q
           LEFT JOIN accelerator a ON a.id = q.accelerator_id
           LEFT JOIN server s ON s.id = q.server_id
           LEFT JOIN import_batch b ON b.id = q.import_id
           WHERE b.undone_at IS NULL ${only ? 'AND q.supplier IN (SELECT value FROM json_each(?))' : ''})
         WHERE rn = 1`,
      )
      .all(...(only ? [JSON.stringify(only)] : [])) as { id: number; kind: string; item: string; supplier: string; price_minor: number; currency: Currency; vat_included: number; vat_rate: number; as_of: string }[];
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      item: r.item,
      supplier: r.supplier,
      price: toMajor({ amountMinor: r.price_minor, currency: r.currency }),
      currency: r.currency,
      vatIncluded: r.vat_included === 1,
      vatRate: r.vat_rate,
      asOf: r.as_of,
    }));
  }

  /** Every remembered layout, to recognise a confirmed header row that detection cannot. */
  layoutKeys(): Set<string> {
    return new Set((this.db.prepare('SELECT DISTINCT layout_key AS k FROM import_mapping').all() as { k: string }[]).map((r) => r.k));
  }

  saveMapping(supplier: string, layoutKey: string, m: { headerRow: number; columns: ColumnOverride[] }, at: string): void {
    this.db
      .prepare(
        `INSERT INTO import_mapping (supplier, layout_key, mapping, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(supplier, layout_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
      )
      .run(supplier, layoutKey, JSON.stringify(m), at);
  }
}

