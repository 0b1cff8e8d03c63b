/**
 * Opening files the app must refuse: each gets its own translated message, and a refused file
 * is byte for byte what it was (hashed before and after). Index damage that quick_check misses
 * is found by the full check after an unclean shutdown and by db:check.
 */
import { describe, it, expect } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase, DbOpenError, APPLICATION_ID, type DbOpenErrorCode } from '../../electron/db/open';
import { LATEST_VERSION } from '../../electron/db/migrations';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { tmpDbPath } from '../helpers/tmp';
import { spawnHolder } from '../helpers/holder';
import { damageVendorIndex } from '../helpers/damage';

const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Open `file`, expecting a refusal with `code`; the file must be unchanged and get no sidecars it did not have. */
function refusal(file: string, code: DbOpenErrorCode): DbOpenError {
  const before = hash(file);
  const sidecars = ['-wal', '-shm'].filter((s) => fs.existsSync(file + s));
  let error: unknown;
  try {
    openDatabase(file).close();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DbOpenError);
  expect((error as DbOpenError).code).toBe(code);
  expect(hash(file)).toBe(before);
  expect(['-wal', '-shm'].filter((s) => fs.existsSync(file + s))).toEqual(sidecars);
  return error as DbOpenError;
}

function sqliteFile(setup: (db: Database.Database) => void): string {
  const p = tmpDbPath();
  const db = new Database(p);
  setup(db);
  db.close();
  return p;
}

describe('opening refuses, with its own message, and leaves the file as it was', () => {
  it('a 0-byte file is not reseeded: the message lists the automatic backups', () => {
    const p = tmpDbPath();
    fs.writeFileSync(p, '');
    const backup = `${p}.backup-v1-2026-01-01T00-00-00-000Z`;
    fs.writeFileSync(backup, 'x');
    const e = refusal(p, 'empty');
    expect(fs.statSync(p).size).toBe(0);
    expect(e.describe()).toMatch(/is empty \(0 bytes\)/);
    expect(e.describe()).toContain(`\n  ${backup}`);
    expect(e.describe('zh-CN')).toMatch(/是空文件（0 字节）/);
    fs.rmSync(backup);
    expect(refusal(p, 'empty').describe()).toMatch(/There are no automatic backups next to it\./);
  });

  it('a read-only file is "read-only", not "not a readable SQLite database"', () => {
    const p = tmpDbPath();
    openDatabase(p).close();
    fs.chmodSync(p, 0o444);
    const e = refusal(p, 'read-only');
    expect(e.message).toMatch(/cannot be written/);
    expect(e.describe('zh-CN')).toMatch(/无法写入/);
    // Read-only use is still possible.
    const ro = openDatabase(p, { readonly: true });
    expect(ro.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    ro.close();
  });

  it('an empty foreign SQLite file with user_version 7 is foreign, not newer', () => {
    const p = sqliteFile((db) => db.pragma('user_version = 7'));
    const e = refusal(p, 'not-ours');
    expect(e.message).toMatch(/not a database of this app/);
    expect(e.describe('zh-CN')).toMatch(/不是本应用的数据库/);
  });

  it('another application\'s database with tables and its own id is foreign', () => {
    refusal(sqliteFile((db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); PRAGMA application_id = 42')), 'not-ours');
  });

  it('a newer version of this app\'s database is "newer"', () => {
    const p = tmpDbPath();
    const db = openDatabase(p);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const e = refusal(p, 'too-new');
    expect(e.vars).toMatchObject({ version: LATEST_VERSION + 1, latest: LATEST_VERSION });
    expect(e.describe('zh-CN')).toMatch(/更新版本/);
  });

  it('our application id with no tables is not modified and says so', () => {
    const p = sqliteFile((db) => db.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = 1`));
    const e = refusal(p, 'no-tables');
    expect(e.message).toMatch(/carries this app's mark but holds no tables/);
    expect(e.message).not.toMatch(/no such table/);
  });

  it('a file another program holds exclusively is "locked", not "damaged"', async () => {
    const p = tmpDbPath();
    openDatabase(p).close();
    const other = await spawnHolder(p);
    expect(await other.send('exclusive')).toBe('done exclusive');
    try {
      const e = refusal(p, 'locked');
      expect(e.message).toMatch(/is locked by another program/);
      expect(e.describe('zh-CN')).toMatch(/正被其他程序锁定/);
    } finally {
      await other.close();
    }
    openDatabase(p).close();
  });

  it('text renamed to .db is "not a readable SQLite database"', () => {
    const p = tmpDbPath();
    fs.writeFileSync(p, 'a spreadsheet someone renamed'.repeat(200));
    expect(refusal(p, 'corrupt').key).toBe('database.notSqlite');
  });

  it('a blank SQLite file (no id, no version, no tables) becomes a new database', () => {
    const p = sqliteFile((db) => db.exec('VACUUM'));
    const db = openDatabase(p);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });
});

describe('index damage that quick_check misses', () => {
  /** A seeded database whose vendor-name index no longer matches its table, closed cleanly. */
  function damaged(): string {
    const p = tmpDbPath();
    const ctx = openApp(p);
    ctx.db.close();
    fs.writeFileSync(p, damageVendorIndex(fs.readFileSync(p)));
    const db = new Database(p); // back to WAL, as the app leaves it (only the header changes)
    db.pragma('journal_mode = WAL');
    db.close();
    return p;
  }

  it('is refused after an unclean shutdown (a -wal file left over), untouched', async () => {
    const p = damaged();
    const other = await spawnHolder(p);
    expect(await other.send('write unrelated')).toBe('done write');
    await other.kill();
    expect(fs.existsSync(`${p}-wal`)).toBe(true);
    const e = refusal(p, 'corrupt');
    expect(e.message).toMatch(/is damaged \(.*sqlite_autoindex_vendor_1/);
    expect(e.describe('zh-CN')).toMatch(/已损坏/);
  });

  it('is found on demand by db:check', async () => {
    const p = damaged();
    const ctx = openApp(p); // clean shutdown: the fast quick_check at open passes
    const r = await dispatch(ctx, 'db:check', undefined);
    expect(r).toMatchObject({ ok: true, value: { ok: false } });
    expect((r as { value: { problems: string[] } }).value.problems.join('\n')).toMatch(/sqlite_autoindex_vendor_1/);
    ctx.db.close();
    const sound = openApp(tmpDbPath());
    expect(await dispatch(sound, 'db:check', undefined)).toEqual({ ok: true, value: { ok: true, problems: [] } });
    sound.db.close();
  });
});

describe('a file that opens fine after an unclean shutdown', () => {
  it('keeps what the killed process committed', async () => {
    const p = tmpDbPath();
    openApp(p).db.close();
    const other = await spawnHolder(p);
    expect(await other.send('write committed-before-kill')).toBe('done write');
    await other.kill();
    const db = openDatabase(p);
    expect(db.prepare("SELECT key FROM setting WHERE key = 'committed-before-kill'").get()).toBeDefined();
    db.close();
  });
});
