/**
 * Suppliers (table supplier): find-or-create by name (one row whatever the ASCII letter case
 * or surrounding spaces), contact and notes.
 */
import type Database from 'better-sqlite3';
import { supplierNameSchema, type Supplier, type SupplierRecord } from '../../../shared/domain/supplier';

interface Row {
  id: number;
  name: string;
  contact: string;
  notes: string;
  created_at: string;
}

const toRecord = (r: Row): SupplierRecord => ({ id: r.id, name: r.name, contact: r.contact, notes: r.notes, createdAt: r.created_at });

export class SupplierRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      byName: db.prepare('SELECT * FROM supplier WHERE name = ? COLLATE NOCASE'),
      byId: db.prepare('SELECT * FROM supplier WHERE id = ?'),
      list: db.prepare('SELECT * FROM supplier ORDER BY name COLLATE NOCASE, id'),
      // DO UPDATE (a no-op) rather than DO NOTHING, so RETURNING gives the existing row's id too
      insert: db
        .prepare(
          `INSERT INTO supplier (name, contact, notes, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET name = name RETURNING id`,
        )
        .pluck(),
      update: db.prepare('UPDATE supplier SET contact = ?, notes = ? WHERE id = ?'),
    };
  }

  /** The supplier's id, creating it (with `contact`, `notes`) if no supplier has that name. */
  findOrCreate(name: string, opts: { contact?: string; notes?: string; createdAt?: string } = {}): number {
    const n = supplierNameSchema.parse(name);
    return this.stmts.insert.get(n, opts.contact ?? '', opts.notes ?? '', opts.createdAt ?? new Date().toISOString()) as number;
  }

  /** A look-up that remembers names it has resolved (an import's thousands of rows name a few suppliers). */
  resolver(): (name: string, createdAt?: string) => number {
    const ids = new Map<string, number>();
    return (name, createdAt) => {
      const key = name.trim();
      let id = ids.get(key);
      if (id === undefined) {
        id = this.findOrCreate(key, { createdAt });
        ids.set(key, id);
      }
      return id;
    };
  }

  find(name: string): SupplierRecord | undefined {
    const r = this.stmts.byName.get(name.trim()) as Row | undefined;
    return r && toRecord(r);
  }

  get(id: number): SupplierRecord | undefined {
    const r = this.stmts.byId.get(id) as Row | undefined;
    return r && toRecord(r);
  }

  list(): SupplierRecord[] {
    return (this.stmts.list.all() as Row[]).map(toRecord);
  }

  /** Contact and notes are the supplier's own facts and may be edited; the name is its identity. */
  update(id: number, s: Pick<Supplier, 'contact' | 'notes'>): boolean {
    return this.stmts.update.run(s.contact, s.notes, id).changes > 0;
  }
}
