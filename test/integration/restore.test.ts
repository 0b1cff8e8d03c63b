/**
 * db:restore against hostile and broken backups, a full disk, and a second process: every
 * refusal leaves the live database as it was and open; nothing is swapped until the backup is
 * verified, and nothing another program wrote is lost.
 */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { openApp } from '../../electron/bootstrap';
import { dispatch } from '../../electron/handlers';
import { APPLICATION_ID } from '../../electron/db/open';
import { LATEST_VERSION } from '../../electron/db/migrations';
import type { AppContext } from '../../electron/context';
import type { ApiError } from '../../shared/contract/result';
import { tmpDbPath, tmpDir } from '../helpers/tmp';
import { spawnHolder, type Holder } from '../helpers/holder';
import { damageVendorIndex } from '../helpers/damage';

async function ok<T>(ctx: AppContext, channel: string, arg?: unknown): Promise<T> {
  const r = await dispatch(ctx, channel, arg);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

const names = async (ctx: AppContext) => (await ok<{ name: string }[]>(ctx, 'builds:list')).map((b) => b.name);
const count = (ctx: AppContext, sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;

/** A live app with one build and a real backup of it taken through db:backup. */
async function liveWithBackup(): Promise<{ ctx: AppContext; backup: Buffer }> {
  const ctx = openApp(tmpDbPath());
  await ok(ctx, 'builds:create', { name: 'precious' });
  const b = await ok<{ dataBase64: string }>(ctx, 'db:backup');
  return { ctx, backup: Buffer.from(b.dataBase64, 'base64') };
}

/** The backup with `change` applied by a plain SQLite connection (as an attacker would). */
function tampered(backup: Buffer, change: (db: Database.Database) => void): Buffer {
  const file = path.join(tmpDir(), 'tampered.db');
  fs.writeFileSync(file, backup);
  const db = new Database(file);
  change(db);
  db.close();
  return fs.readFileSync(file);
}

async function refused(ctx: AppContext, bytes: Buffer): Promise<ApiError> {
  const r = await dispatch(ctx, 'db:restore', { dataBase64: bytes.toString('base64') });
  if (r.ok) throw new Error('the restore was accepted');
  return r.error;
}

/** The live database is as it was, still open and writable, with no staging file left behind. */
async function expectLiveIntact(ctx: AppContext, quotes: number): Promise<void> {
  expect(await names(ctx)).toEqual(['precious']);
  expect(count(ctx, 'SELECT count(*) AS n FROM quote')).toBe(quotes);
  // only the triggers and views the migrations make (as in a freshly made database)
  const ownSql = "SELECT group_concat(name, ',') AS n FROM (SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name)";
  const fresh = openApp(tmpDbPath());
  const own = (fresh.db.prepare(ownSql).get() as { n: string | null }).n;
  fresh.db.close();
  expect((ctx.db.prepare(ownSql).get() as { n: string | null }).n).toBe(own);
  await ok(ctx, 'builds:create', { name: 'still writable' });
  await ok(ctx, 'builds:delete', { id: (await ok<{ id: number; name: string }[]>(ctx, 'builds:list')).find((b) => b.name === 'still writable')!.id });
  expect(fs.readdirSync(path.dirname(ctx.dbPath)).filter((f) => f.includes('restoring') || f.includes('before-restore'))).toEqual([]);
}

const holders: Holder[] = [];
afterEach(async () => {
  for (const h of holders.splice(0)) await h.close();
});

describe('db:restore refuses a backup whose schema is not exactly the app\'s', () => {
  const hostile: [string, (db: Database.Database) => void, RegExp][] = [
    ['a trigger that deletes every quote on the next build', (db) => db.exec('CREATE TRIGGER wipe AFTER INSERT ON build BEGIN DELETE FROM quote; END'), /\+trigger wipe/],
    ['a view', (db) => db.exec('CREATE VIEW cheap AS SELECT * FROM quote'), /\+view cheap/],
    ['an extra table', (db) => db.exec('CREATE TABLE extra (x INTEGER) STRICT'), /\+table extra/],
    ['an extra index', (db) => db.exec('CREATE INDEX quote_by_price ON quote (price_minor)'), /\+index quote_by_price/],
    ['no quote table', (db) => db.exec('PRAGMA foreign_keys = OFF; DROP TABLE quote'), /−table quote/],
    ['a changed table definition', (db) => db.exec("ALTER TABLE vendor ADD COLUMN website TEXT NOT NULL DEFAULT ''"), /≠table vendor/],
  ];
  for (const [what, change, detail] of hostile) {
    it(`${what}: refused before anything is touched`, async () => {
      const { ctx, backup } = await liveWithBackup();
      const quotes = count(ctx, 'SELECT count(*) AS n FROM quote');
      expect(quotes).toBeGreaterThan(0);
      const e = await refused(ctx, tampered(backup, change));
      expect(e.code).toBe('invalid-input');
      expect(e.i18n?.key).toBe('database.restore.schema');
      expect(e.message).toMatch(detail);
      await expectLiveIntact(ctx, quotes);
    });
  }

  it('a file with only two of the tables: refused, and the live database never swapped', async () => {
    const { ctx } = await liveWithBackup();
    const quotes = count(ctx, 'SELECT count(*) AS n FROM quote');
    const file = path.join(tmpDir(), 'two.db');
    const db = new Database(file);
    db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT; CREATE TABLE accelerator (id INTEGER PRIMARY KEY) STRICT');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${LATEST_VERSION}`);
    db.close();
    const e = await refused(ctx, fs.readFileSync(file));
    expect(e.i18n?.key).toBe('database.restore.schema');
    expect(e.message).toMatch(/≠table accelerator, −table bid_set, .* \(\d+\)\)/);
    await expectLiveIntact(ctx, quotes);
  });

  it('foreign, newer and damaged backups each get their own message', async () => {
    const { ctx, backup } = await liveWithBackup();
    const quotes = count(ctx, 'SELECT count(*) AS n FROM quote');
    expect((await refused(ctx, tampered(backup, (db) => db.pragma('application_id = 0')))).i18n?.key).toBe('database.restore.foreign');
    const newer = await refused(ctx, tampered(backup, (db) => db.pragma(`user_version = ${LATEST_VERSION + 1}`)));
    expect(newer.i18n).toEqual({ key: 'database.restore.tooNew', vars: { version: LATEST_VERSION + 1, latest: LATEST_VERSION } });
    expect((await refused(ctx, Buffer.from('not a database at all'))).i18n?.key).toBe('database.restore.notSqlite');
    const broken = await refused(ctx, damageVendorIndex(backup));
    expect(broken.i18n?.key).toBe('database.restore.damaged');
    expect(broken.message).toMatch(/sqlite_autoindex_vendor_1/);
    const dangling = await refused(ctx, tampered(backup, (db) => db.exec('PRAGMA foreign_keys = OFF; DELETE FROM vendor')));
    expect(dangling.i18n?.key).toBe('database.restore.damaged');
    expect(dangling.message).toMatch(/foreign key accelerator → vendor/);
    await expectLiveIntact(ctx, quotes);
  });

  it('the messages are translated', async () => {
    const { ctx, backup } = await liveWithBackup();
    const e = await refused(ctx, tampered(backup, (db) => db.exec('CREATE TRIGGER wipe AFTER INSERT ON build BEGIN DELETE FROM quote; END')));
    const { tr } = await import('../../shared/i18n/translate');
    expect(tr('zh-CN', e.i18n!.key, e.i18n!.vars)).toMatch(/备份中的表、索引、触发器或视图与本应用不一致（\+trigger wipe）/);
  });
});

describe('db:restore and other programs', () => {
  it('refuses while another process has the database open, and that process\'s write is kept', async () => {
    const { ctx, backup } = await liveWithBackup();
    const other = await spawnHolder(ctx.dbPath);
    holders.push(other);
    expect(await other.send('write written-by-the-cli')).toBe('done write');
    const e = await refused(ctx, backup);
    expect(e.code).toBe('busy');
    expect(e.i18n?.key).toBe('database.restore.openElsewhere');
    // The live connection was reopened, unchanged: the other program's committed row is there.
    expect(ctx.db.prepare("SELECT key FROM setting WHERE key = 'written-by-the-cli'").get()).toBeDefined();
    expect(await names(ctx)).toEqual(['precious']);
    expect(await other.send('write second-write')).toBe('done write');
    expect(ctx.db.prepare("SELECT key FROM setting WHERE key = 'second-write'").get()).toBeDefined();
    await other.close();
    holders.length = 0;
    // Alone again, the same backup restores.
    await ok(ctx, 'builds:create', { name: 'after backup' });
    const r = await ok<{ backup: string }>(ctx, 'db:restore', { dataBase64: backup.toString('base64') });
    expect(await names(ctx)).toEqual(['precious']);
    expect(fs.existsSync(r.backup)).toBe(true);
    expect(ctx.db.prepare("SELECT key FROM setting WHERE key = 'written-by-the-cli'").get()).toBeUndefined();
  });

  it('refuses while another process holds a write transaction open', async () => {
    const { ctx, backup } = await liveWithBackup();
    const other = await spawnHolder(ctx.dbPath);
    holders.push(other);
    expect(await other.send('lock in-flight')).toBe('done lock');
    expect((await refused(ctx, backup)).i18n?.key).toBe('database.restore.openElsewhere');
    expect(await other.send('commit')).toBe('done commit');
    expect(ctx.db.prepare("SELECT key FROM setting WHERE key = 'in-flight'").get()).toBeDefined();
  });
});

describe('db:restore on a full disk', () => {
  const tsx = path.resolve('node_modules/.bin/tsx');
  const child = path.resolve('test/helpers/restore-child.ts');
  /** Run the restore in a child process whose files may not grow past `limitBytes`. */
  function restoreUnderLimit(dbPath: string, bytes: Buffer, limitBytes: number) {
    const input = path.join(tmpDir(), 'incoming.db');
    fs.writeFileSync(input, bytes);
    const out = execFileSync('bash', ['-c', `ulimit -f ${Math.floor(limitBytes / 1024)}; exec "$0" "$@"`, tsx, child, dbPath, input], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop()!) as { restore: { ok: boolean; error?: ApiError }; created: boolean; builds: string[] };
  }

  it('the staged copy fails: refused, and the live connection was never closed', { timeout: 90_000 }, async () => {
    const { ctx } = await liveWithBackup();
    ctx.db.close();
    const size = fs.statSync(ctx.dbPath).size;
    const r = restoreUnderLimit(ctx.dbPath, Buffer.alloc(size + 4 * 1024 * 1024, 1), size + 1024 * 1024);
    expect(r.restore.ok).toBe(false);
    expect(r.restore.error?.i18n?.key).toBe('database.restore.noSpace');
    expect(r.created).toBe(true);
    expect(r.builds).toEqual(['precious', 'after the failed restore']);
    expect(fs.readdirSync(path.dirname(ctx.dbPath)).filter((f) => f.includes('restoring'))).toEqual([]);
  });

  it('the copy of the current database fails after it was closed: it is reopened unchanged', { timeout: 90_000 }, async () => {
    const { ctx, backup } = await liveWithBackup();
    ctx.db.prepare("INSERT INTO setting (key, value) VALUES ('bulk', ?)").run(JSON.stringify('x'.repeat(6 * 1024 * 1024)));
    ctx.db.close();
    const size = fs.statSync(ctx.dbPath).size;
    expect(size).toBeGreaterThan(backup.length + 4 * 1024 * 1024);
    const r = restoreUnderLimit(ctx.dbPath, backup, backup.length + 2 * 1024 * 1024);
    expect(r.restore.ok).toBe(false);
    expect(r.restore.error?.i18n?.key).toBe('database.restore.noSpace');
    expect(r.created).toBe(true);
    expect(r.builds).toEqual(['precious', 'after the failed restore']);
    const again = openApp(ctx.dbPath);
    expect(again.db.prepare("SELECT length(value) AS n FROM setting WHERE key = 'bulk'").get()).toEqual({ n: 6 * 1024 * 1024 + 2 });
    again.db.close();
    expect(fs.readdirSync(path.dirname(ctx.dbPath)).filter((f) => f.includes('restoring') || f.includes('before-restore'))).toEqual([]);
  });
});
