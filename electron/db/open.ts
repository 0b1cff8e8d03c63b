/**
 * Opening the app's database: WAL, foreign keys, a busy timeout, migrations in one transaction,
 * a backup before migrating, and clear refusals (empty, read-only, not ours, newer, damaged).
 * An existing file is inspected through a read-only connection first, so a file that is refused
 * is never modified; a bad file is never replaced or "repaired" silently.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
import { tr, type Lang } from '../../shared/i18n/translate';
import { isBusyError } from './busy';

/** PRAGMA application_id marking a file as this app's database ("PRCU"). */
export const APPLICATION_ID = 0x50524355;

/**
 * How long one statement waits for another program's lock before SQLITE_BUSY. Short, because
 * better-sqlite3 waits synchronously (the window and the host stall meanwhile); writes that
 * stay locked are retried asynchronously by `withBusyRetry`.
 */
export const BUSY_TIMEOUT_MS = 250;

export type DbOpenErrorCode = 'too-new' | 'not-ours' | 'corrupt' | 'empty' | 'read-only' | 'no-tables' | 'locked';

const MESSAGE_KEY: Record<DbOpenErrorCode, string> = {
  'too-new': 'database.tooNew',
  'not-ours': 'database.foreign',
  corrupt: 'database.damaged',
  empty: 'database.empty',
  'read-only': 'database.readOnly',
  'no-tables': 'database.noTables',
  locked: 'database.locked',
};

export class DbOpenError extends Error {
  constructor(
    readonly code: DbOpenErrorCode,
    readonly vars: Record<string, string | number>,
    readonly backups: string[] = [],
    readonly key: string = MESSAGE_KEY[code],
  ) {
    super(tr('en', key, vars));
  }

  /** The message in `lang`, plus the automatic backups the user can restore from, if any. */
  describe(lang: Lang = 'en'): string {
    const message = tr(lang, this.key, this.vars);
    if (this.backups.length === 0) return this.code === 'empty' ? `${message}\n${tr(lang, 'database.noBackups')}` : message;
    return `${message}\n${tr(lang, 'database.backups')}\n${this.backups.map((b) => `  ${b}`).join('\n')}`;
  }
}

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  readonly?: boolean;
}

export function listBackups(dbPath: string): string[] {
  const dir = path.dirname(dbPath);
  const base = path.basename(dbPath);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}.backup-`))
    .sort()
    .map((f) => path.join(dir, f));
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** The problems `PRAGMA integrity_check` (full) or `quick_check` reports; empty when the file is sound. */
export function integrityProblems(db: Database.Database, full: boolean, max = 20): string[] {
  const rows = db.pragma(`${full ? 'integrity_check' : 'quick_check'}(${max})`) as Record<string, string>[];
  const lines = rows.map((r) => String(Object.values(r)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/** Everything the full check finds: integrity problems, then rows whose foreign keys point nowhere. */
export function databaseProblems(db: Database.Database, max = 20): string[] {
  const problems = integrityProblems(db, true, max);
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  const byTable = new Map<string, number>();
  for (const r of broken) byTable.set(`${r.table} → ${r.parent}`, (byTable.get(`${r.table} → ${r.parent}`) ?? 0) + 1);
  for (const [k, n] of byTable) problems.push(`foreign key ${k}: ${n}`);
  return problems;
}

/** Busy timeout, and for a writable connection WAL and foreign keys: every connection the app uses gets these. */
export function configureConnection(db: Database.Database, writable: boolean): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (writable) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
}

/** Open (creating if absent) and migrate the database at `dbPath`. */
export function openDatabase(dbPath: string, opts: OpenOptions = {}): Database.Database {
  const readonly = opts.readonly ?? false;
  if (dbPath !== ':memory:') {
    if (fs.existsSync(dbPath)) inspect(dbPath, opts);
    else fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  }
  let db: Database.Database;
  try {
    db = new Database(dbPath, { nativeBinding: opts.nativeBinding, readonly });
  } catch (e) {
    throw new DbOpenError('corrupt', { path: dbPath, detail: (e as Error).message }, listBackups(dbPath));
  }
  try {
    configureConnection(db, !readonly);
    if (!readonly) migrate(db, dbPath);
    return db;
  } catch (e) {
    db.close();
    if (isBusyError(e)) throw new DbOpenError('locked', { path: dbPath });
    throw e;
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** True when `file` starts with the 100-byte SQLite header. */
export function hasSqliteHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    return fs.readSync(fd, buf, 0, 100, 0) === 100 && buf.subarray(0, 16).equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the file is writable by this process and not marked read-only (no write bit at all). */
function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
  } catch {
    return false;
  }
  // Root passes access(2) on any file: a file whose owner, group and others may not write is read-only all the same.
  return (fs.statSync(file).mode & 0o222) !== 0;
}

/**
 * Decide whether an existing file may be opened, without writing to it: throws a DbOpenError
 * that says what is wrong. A blank SQLite file (no id, no version, no tables) is accepted and
 * becomes a new database; everything else must be this app's, not newer, and sound. The full
 * `integrity_check` runs when a -wal file is left over (the last connection did not close
 * cleanly, or another program has the file open); otherwise the faster `quick_check`.
 */
function inspect(dbPath: string, opts: OpenOptions): void {
  const backups = () => listBackups(dbPath);
  const stat = fs.statSync(dbPath);
  if (!stat.isFile()) throw new DbOpenError('corrupt', { path: dbPath, detail: 'not a file' }, backups());
  if (stat.size === 0) throw new DbOpenError('empty', { path: dbPath }, backups());
  if (!opts.readonly && !isWritable(dbPath)) throw new DbOpenError('read-only', { path: dbPath });
  if (!hasSqliteHeader(dbPath)) {
    throw new DbOpenError('corrupt', { path: dbPath, detail: 'no SQLite header' }, backups(), 'database.notSqlite');
  }
  const unclean = fs.existsSync(`${dbPath}-wal`);
  const sidecars = [`${dbPath}-wal`, `${dbPath}-shm`].filter((f) => !fs.existsSync(f));
  let db: Database.Database | undefined;
  let accepted = false;
  try {
    try {
      db = new Database(dbPath, { nativeBinding: opts.nativeBinding, readonly: true, fileMustExist: true });
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    } catch (e) {
      throw new DbOpenError('corrupt', { path: dbPath, detail: (e as Error).message }, backups(), 'database.notSqlite');
    }
    let appId: number;
    let version: number;
    let objects: number;
    try {
      appId = db.pragma('application_id', { simple: true }) as number;
      version = db.pragma('user_version', { simple: true }) as number;
      objects = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    } catch (e) {
      if (isBusyError(e)) throw new DbOpenError('locked', { path: dbPath });
      throw new DbOpenError('corrupt', { path: dbPath, detail: (e as Error).message }, backups());
    }
    if (appId === 0 && version === 0 && objects === 0) {
      accepted = true; // blank: nothing in it to lose
      return;
    }
    if (appId !== APPLICATION_ID) throw new DbOpenError('not-ours', { path: dbPath });
    if (version > LATEST_VERSION) throw new DbOpenError('too-new', { path: dbPath, version, latest: LATEST_VERSION });
    if (objects === 0) throw new DbOpenError('no-tables', { path: dbPath }, backups());
    let problems: string[];
    try {
      problems = integrityProblems(db, unclean, 5);
    } catch (e) {
      if (isBusyError(e)) throw new DbOpenError('locked', { path: dbPath });
      problems = [(e as Error).message];
    }
    if (problems.length > 0) throw new DbOpenError('corrupt', { path: dbPath, detail: problems.join('; ') }, backups());
    accepted = true;
  } finally {
    db?.close();
    // A refused file is left as it was: remove the -wal/-shm the read-only look created, while the -wal is still empty.
    const wal = `${dbPath}-wal`;
    if (!accepted && sidecars.includes(wal) && fs.existsSync(wal) && fs.statSync(wal).size === 0) {
      for (const f of sidecars) fs.rmSync(f, { force: true });
    }
  }
}

/** Run `pending` in one transaction and mark the file as this app's. */
export function applyMigrations(db: Database.Database, pending: readonly Migration[]): void {
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  })();
}

/** Apply pending migrations in one transaction, after backing up a non-empty database. */
export function migrate(db: Database.Database, dbPath: string, migrations: readonly Migration[] = MIGRATIONS): string | undefined {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return undefined;
  let backup: string | undefined;
  if (current > 0 && dbPath !== ':memory:') {
    db.pragma('wal_checkpoint(TRUNCATE)');
    backup = `${dbPath}.backup-v${current}-${timestamp()}`;
    fs.copyFileSync(dbPath, backup);
  }
  applyMigrations(db, pending);
  return backup;
}
