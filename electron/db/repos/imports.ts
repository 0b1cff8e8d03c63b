/** An import's own rows: batches (one per committed file) and remembered column mappings (its quotes are in QuoteRepo). */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { columnOverrideSchema, type ColumnOverride, type ImportBatchView } from '../../../shared/contract/import';

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
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      createBatch: db.prepare(
        `INSERT INTO import_batch (file_name, sheet, supplier, row_count, imported_at)
         VALUES (@fileName, @sheet, @supplier, @rowCount, @importedAt)`,
      ),
      batch: db.prepare('SELECT * FROM import_batch WHERE id = ?'),
      list: db.prepare('SELECT * FROM import_batch ORDER BY id DESC'),
      markUndone: db.prepare('UPDATE import_batch SET undone_at = ? WHERE id = ? AND undone_at IS NULL'),
      mapping: db
        .prepare(
          `SELECT mapping FROM import_mapping WHERE layout_key = ?
           ORDER BY (supplier = ? COLLATE NOCASE) DESC, updated_at DESC, id DESC LIMIT 1`,
        )
        .pluck(),
      layoutKeys: db.prepare('SELECT DISTINCT layout_key FROM import_mapping').pluck(),
      saveMapping: db.prepare(
        `INSERT INTO import_mapping (supplier, layout_key, mapping, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(supplier, layout_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
      ),
    };
  }

  createBatch(b: { fileName: string; sheet: string; supplier: string; rowCount: number; importedAt: string }): number {
    return Number(this.stmts.createBatch.run(b).lastInsertRowid);
  }

  batch(id: number): ImportBatchView | undefined {
    const r = this.stmts.batch.get(id) as BatchRow | undefined;
    return r && toView(r);
  }

  list(): ImportBatchView[] {
    return (this.stmts.list.all() as BatchRow[]).map(toView);
  }

  markUndone(id: number, at: string): boolean {
    return this.stmts.markUndone.run(at, id).changes === 1;
  }

  /** The mapping remembered for this supplier and layout; else the newest for the layout from anyone. */
  mapping(supplier: string, layoutKey: string): StoredMapping | undefined {
    const json = this.stmts.mapping.get(layoutKey, supplier) as string | undefined;
    if (json === undefined) return undefined;
    try {
      const parsed = storedMappingSchema.safeParse(JSON.parse(json));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Every remembered layout, to recognise a confirmed header row that detection cannot. */
  layoutKeys(): Set<string> {
    return new Set(this.stmts.layoutKeys.all() as string[]);
  }

  saveMapping(supplier: string, layoutKey: string, m: { headerRow: number; columns: ColumnOverride[] }, at: string): void {
    this.stmts.saveMapping.run(supplier, layoutKey, JSON.stringify(m), at);
  }
}
