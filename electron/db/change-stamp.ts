/**
 * A stamp that changes whenever the database may have changed, for caches of what is read from
 * it: this connection's own writes (SQLite's total_changes(), trigger writes included) and
 * commits by other connections, such as a job worker's (PRAGMA data_version). Reading it costs
 * two tiny statements; it may change without a real change (a rolled-back write), never the
 * other way round.
 */
import type Database from 'better-sqlite3';

const stamps = new WeakMap<Database.Database, () => string>();

export function changeStamp(db: Database.Database): string {
  let read = stamps.get(db);
  if (!read) {
    const changes = db.prepare('SELECT total_changes()').pluck();
    const version = db.prepare('PRAGMA data_version').pluck();
    read = () => `${String(version.get())}:${String(changes.get())}`;
    stamps.set(db, read);
  }
  return read();
}
