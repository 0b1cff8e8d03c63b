/**
 * Opening the app's database: WAL, foreign keys, migrations in one transaction,
 * a backup before migrating, and clear refusals (newer version, not ours, corrupt).
 * A bad file is never replaced or "repaired" silently.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

/** PRAGMA application_id marking a file as this app's database ("PRCU"). */
export const APPLICATION_ID = 0x50524355;

export type DbOpenErrorCode = 'too-new' | 'not-ours' | 'corrupt';

export class DbOpenError extends Error {
  constructor(
    readonly code: DbOpenErrorCode,
    message: string,
    readonly backups: string[] = [],
  ) {
    super(message);
  }

  /** The message plus the automatic backups the user can restore from, if any. */
  describe(): string {
    if (this.backups.length === 0) return this.message;
    return `${this.message}\nAutomatic backups taken before earlier migrations:\n${this.backups.map((b) => `  ${b}`).join('\n')}`;
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

/** Open (creating if absent) and migrate the database at `dbPath`. */
export function openDatabase(dbPath: string, opts: OpenOptions = {}): Database.Database {
  const isNew = dbPath === ':memory:' || !fs.existsSync(dbPath) || fs.statSync(dbPath).size === 0;
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });

  let db: Database.Database;
  try {
    db = new Database(dbPath, { nativeBinding: opts.nativeBinding, readonly: opts.readonly ?? false });
  } catch (e) {
    throw new DbOpenError('corrupt', `cannot open ${dbPath}: ${(e as Error).message}`, listBackups(dbPath));
  }
  try {
    checkIdentity(db, dbPath, isNew);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) migrate(db, dbPath);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkIdentity(db: Database.Database, dbPath: string, isNew: boolean): void {
  let appId: number;
  let version: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new Error(check);
  } catch (e) {
    throw new DbOpenError(
      'corrupt',
      `${dbPath} is not a readable SQLite database (${(e as Error).message}). It was left untouched; restore a backup or choose another file.`,
      listBackups(dbPath),
    );
  }
  if (isNew) return;
  const hasTables = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n > 0;
  if (appId !== APPLICATION_ID && hasTables) {
    throw new DbOpenError('not-ours', `${dbPath} is a SQLite database of another application; it was left untouched.`);
  }
  if (version > LATEST_VERSION) {
    throw new DbOpenError(
      'too-new',
      `${dbPath} was written by a newer version of this app (schema ${version}; this version knows up to ${LATEST_VERSION}). Update the app; the file was left untouched.`,
    );
  }
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
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  })();
  return backup;
}
