/** Saved bid files (table bid_set): the JSON body as the user wrote it, validated before it is stored. */
import type Database from 'better-sqlite3';
import { translatedError } from '../../../shared/contract/result';
import type { BidSetRecord, BidSetSummary } from '../../../shared/contract/bids';

interface Row {
  id: number;
  name: string;
  body: string;
  updated_at: string;
}

const record = (r: Row): BidSetRecord => ({ id: r.id, name: r.name, body: JSON.parse(r.body) as unknown, updatedAt: r.updated_at });

export class BidSetRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      list: db.prepare('SELECT id, name, updated_at FROM bid_set ORDER BY updated_at DESC, id DESC'),
      get: db.prepare('SELECT * FROM bid_set WHERE id = ?'),
      insert: db.prepare('INSERT INTO bid_set (name, body, updated_at) VALUES (?, ?, ?)'),
      update: db.prepare('UPDATE bid_set SET name = ?, body = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM bid_set WHERE id = ?'),
    };
  }

  list(): BidSetSummary[] {
    return (this.stmts.list.all() as Omit<Row, 'body'>[]).map((r) => ({ id: r.id, name: r.name, updatedAt: r.updated_at }));
  }

  get(id: number): BidSetRecord {
    const r = this.stmts.get.get(id) as Row | undefined;
    if (!r) throw translatedError('not-found', 'errors.bidSet.notFound', { id });
    return record(r);
  }

  /** Create (no id) or replace; the caller has validated `body`. */
  save(name: string, body: unknown, id?: number): BidSetRecord {
    const now = new Date().toISOString();
    const json = JSON.stringify(body);
    if (id === undefined) return this.get(Number(this.stmts.insert.run(name, json, now).lastInsertRowid));
    if (this.stmts.update.run(name, json, now, id).changes === 0) throw translatedError('not-found', 'errors.bidSet.notFound', { id });
    return this.get(id);
  }

  remove(id: number): void {
    if (this.stmts.remove.run(id).changes === 0) throw translatedError('not-found', 'errors.bidSet.notFound', { id });
  }
}
