import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase, migrate, DbOpenError, APPLICATION_ID, listBackups } from '../../electron/db/open';
import { MIGRATIONS, LATEST_VERSION, type Migration } from '../../electron/db/migrations';
import { tmpDbPath } from '../helpers/tmp';

const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string }[]);

describe('migration 0001', () => {
  it('creates every table STRICT, sets user_version and the application id', () => {
    const p = tmpDbPath();
    const db = openDatabase(p);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const t = tables(db);
    for (const name of ['vendor', 'accelerator', 'figure_source', 'server', 'quote', 'site', 'fx_rate', 'build', 'build_line', 'bid_set', 'import_mapping', 'import_batch', 'setting', 'meta']) {
      const row = t.find((x) => x.name === name);
      expect(row, name).toBeDefined();
      expect(row!.sql).toMatch(/STRICT$/);
    }
    db.close();
  });

  it('enforces the price-history constraints (quote must name exactly one item, money is integer)', () => {
    const db = openDatabase(tmpDbPath());
    db.prepare(`INSERT INTO supplier (id, name, created_at) VALUES (1, 'S', 'now')`).run();
    const insert = () =>
      db.prepare(
        `INSERT INTO quote (kind, supplier_id, quote_date, price_minor, currency, vat_included, vat_rate, origin, created_at)
         VALUES ('purchase', 1, '2025-01-01', 100, 'CNY', 0, 0.13, 'user', 'now')`,
      ).run();
    expect(insert).toThrow(/CHECK/);
    // STRICT: a string is not an integer.
    expect(() =>
      db.prepare(`INSERT INTO import_batch (file_name, row_count, imported_at) VALUES ('a.xlsx', ?, 'now')`).run('many'),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('is idempotent: reopening applies nothing and takes no backup', () => {
    const p = tmpDbPath();
    openDatabase(p).close();
    openDatabase(p).close();
    expect(listBackups(p)).toEqual([]);
  });
});

describe('opening refuses what it must not touch', () => {
  it('refuses a database from a newer version and leaves it unchanged', () => {
    const p = tmpDbPath();
    const db = openDatabase(p);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(p);
    expect(() => openDatabase(p)).toThrow(DbOpenError);
    try {
      openDatabase(p);
    } catch (e) {
      expect((e as DbOpenError).code).toBe('too-new');
      expect((e as Error).message).toMatch(/newer version/);
    }
    expect(fs.readFileSync(p).equals(before)).toBe(true);
  });

  it('offers the automatic backups when a migrated database is later damaged', () => {
    const p = tmpDbPath();
    const db = openDatabase(p);
    migrate(db, p, [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'x', up: () => {} }]);
    db.close();
    fs.writeFileSync(p, Buffer.alloc(4096, 7));
    try {
      openDatabase(p);
      expect.unreachable();
    } catch (e) {
      expect((e as DbOpenError).backups).toHaveLength(1);
      expect((e as DbOpenError).describe()).toMatch(new RegExp(`Automatic backups taken before earlier migrations:\\n {2}.*procure\\.db\\.backup-v${LATEST_VERSION}-`));
    }
  });

  it('refuses a corrupt file and never replaces it', () => {
    const p = tmpDbPath();
    fs.writeFileSync(p, 'this is not a database, it is a spreadsheet someone renamed'.repeat(100));
    const before = fs.readFileSync(p);
    expect(() => openDatabase(p)).toThrow(/not a readable SQLite database|cannot open/);
    expect(fs.readFileSync(p).equals(before)).toBe(true);
  });

  it('refuses another application\'s SQLite database', () => {
    const p = tmpDbPath();
    const other = new Database(p);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    other.close();
    expect(() => openDatabase(p)).toThrow(/another application/);
  });
});

describe('migrate', () => {
  const extra: Migration = {
    version: LATEST_VERSION + 1,
    name: 'test: add a column',
    up: (db) => db.exec('ALTER TABLE vendor ADD COLUMN website TEXT NOT NULL DEFAULT \'\''),
  };

  it('backs up the file before migrating an existing database', () => {
    const p = tmpDbPath();
    const db = openDatabase(p);
    db.prepare('INSERT INTO vendor (name, country) VALUES (?, ?)').run('Huawei', 'CN');
    const backup = migrate(db, p, [...MIGRATIONS, extra]);
    expect(backup).toBeDefined();
    expect(fs.existsSync(backup!)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    db.close();
    const old = new Database(backup!, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(old.prepare('SELECT name FROM vendor').get()).toEqual({ name: 'Huawei' });
    old.close();
  });

  it('rolls back entirely when a migration fails', () => {
    const p = tmpDbPath();
    const db = openDatabase(p);
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'test: fails half way',
      up: (d) => {
        d.exec('CREATE TABLE half_done (id INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, p, [...MIGRATIONS, broken])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(tables(db).some((t) => t.name === 'half_done')).toBe(false);
    db.close();
  });
});
