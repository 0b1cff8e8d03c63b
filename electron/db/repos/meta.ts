/** Key/value rows: `meta` for the app's own bookkeeping, `setting` for user settings (JSON). */
import type Database from 'better-sqlite3';

/** The app's bookkeeping: the `meta` table and the schema version. */
export class MetaRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      get: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      userVersion: db.prepare('PRAGMA user_version').pluck(),
      set: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  get(key: string): string | undefined {
    return this.stmts.get.get(key) as string | undefined;
  }

  set(key: string, value: string): void {
    this.stmts.set.run(key, value);
  }

  /** The migration the database is at (PRAGMA user_version). */
  schemaVersion(): number {
    return this.stmts.userVersion.get() as number;
  }
}

/** User settings (table setting), each a JSON value under a key. */
export class SettingRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      get: db.prepare('SELECT value FROM setting WHERE key = ?').pluck(),
      set: db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  get<T>(key: string): T | undefined {
    const v = this.stmts.get.get(key) as string | undefined;
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }

  set(key: string, value: unknown): void {
    this.stmts.set.run(key, JSON.stringify(value));
  }
}
