/**
 * Backing up the whole database to a file and restoring from one.
 *
 * A restore trusts nothing in the backup: it is written to a private staging file next to the
 * live database, opened read-only, and must be this app's (application_id), not newer, sound
 * (integrity_check, foreign keys) and carry exactly the tables, indexes, triggers and views the
 * migrations create. An older one is migrated on the staged copy. Only then is the live
 * connection closed; the swap is a rename made while holding an exclusive lock (so no other
 * program can be writing), and on any failure the live database is reopened unchanged.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APPLICATION_ID, applyMigrations, configureConnection, databaseProblems, hasSqliteHeader, openDatabase } from './open';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { AppError, translatedError } from '../../shared/contract/result';

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** A consistent copy of the live database (SQLite's online backup), as bytes. */
export async function backupBytes(db: Database.Database): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-backup-'));
  const file = path.join(dir, 'backup.db');
  try {
    await db.backup(file);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface SchemaObject {
  type: string;
  name: string;
  table: string;
  sql: string;
}

const normalise = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').trim();

function schemaOf(db: Database.Database): SchemaObject[] {
  const rows = db.prepare('SELECT type, name, tbl_name AS "table", sql FROM sqlite_master ORDER BY type, name').all() as {
    type: string;
    name: string;
    table: string;
    sql: string | null;
  }[];
  return rows.map((r) => ({ ...r, sql: normalise(r.sql) }));
}

const referenceSchemas = new Map<number, SchemaObject[]>();

/** The schema the migrations up to `version` create, from a fresh in-memory database. */
export function referenceSchema(version: number): SchemaObject[] {
  let s = referenceSchemas.get(version);
  if (!s) {
    const db = new Database(':memory:');
    try {
      applyMigrations(db, MIGRATIONS.filter((m) => m.version <= version));
      s = schemaOf(db);
    } finally {
      db.close();
    }
    referenceSchemas.set(version, s);
  }
  return s;
}

/** What differs between two schemas: `+trigger x` (extra), `−table quote` (missing), `≠table build` (changed). */
export function schemaDifferences(actual: SchemaObject[], expected: SchemaObject[]): string[] {
  const key = (o: SchemaObject) => `${o.type} ${o.name}`;
  const want = new Map(expected.map((o) => [key(o), o]));
  const have = new Map(actual.map((o) => [key(o), o]));
  const out: string[] = [];
  for (const [k, o] of have) {
    const w = want.get(k);
    if (!w) out.push(`+${k}`);
    else if (w.sql !== o.sql || w.table !== o.table) out.push(`≠${k}`);
  }
  for (const k of want.keys()) if (!have.has(k)) out.push(`−${k}`);
  const rank = (d: string) => ['table', 'index', 'trigger', 'view'].indexOf(d.slice(1).split(' ')[0]!);
  return out.sort((a, b) => rank(a) - rank(b) || a.slice(1).localeCompare(b.slice(1)));
}

const brief = (items: string[], n = 4) => (items.length > n ? `${items.slice(0, n).join(', ')} … (${items.length})` : items.join(', '));

/**
 * Throws an AppError saying what is wrong unless `file` is a sound database of this app with
 * exactly the schema of its version. The file is only read.
 */
export function checkBackupFile(file: string): { schemaVersion: number; accelerators: number } {
  if (!hasSqliteHeader(file)) throw translatedError('invalid-input', 'database.restore.notSqlite', { detail: 'no SQLite header' });
  let db: Database.Database | undefined;
  try {
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      // Nothing in a foreign schema (functions in views, triggers, defaults) may run while it is examined.
      db.pragma('trusted_schema = OFF');
    } catch (e) {
      throw translatedError('invalid-input', 'database.restore.notSqlite', { detail: (e as Error).message });
    }
    let appId: number;
    let version: number;
    let schema: SchemaObject[];
    try {
      appId = db.pragma('application_id', { simple: true }) as number;
      version = db.pragma('user_version', { simple: true }) as number;
      schema = schemaOf(db);
    } catch (e) {
      throw translatedError('invalid-input', 'database.restore.damaged', { detail: (e as Error).message });
    }
    if (appId !== APPLICATION_ID || version < 1) throw translatedError('invalid-input', 'database.restore.foreign');
    if (version > LATEST_VERSION) throw translatedError('invalid-input', 'database.restore.tooNew', { version, latest: LATEST_VERSION });
    const diff = schemaDifferences(schema, referenceSchema(version));
    if (diff.length > 0) throw translatedError('invalid-input', 'database.restore.schema', { detail: brief(diff) });
    let problems: string[];
    try {
      problems = databaseProblems(db, 10);
    } catch (e) {
      problems = [(e as Error).message];
    }
    if (problems.length > 0) throw translatedError('invalid-input', 'database.restore.damaged', { detail: brief(problems, 3) });
    const accelerators = (db.prepare('SELECT count(*) AS n FROM accelerator').get() as { n: number }).n;
    return { schemaVersion: version, accelerators };
  } finally {
    db?.close();
  }
}

const NO_SPACE = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Make a rename durable; directories cannot be opened for fsync on Windows, where NTFS journals it. */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/** Write `bytes` to a new private file (mode 0600) and fsync it; a full disk is an AppError. */
function writeStaged(file: string, bytes: Buffer): void {
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    try {
      for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off, bytes.length - off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (NO_SPACE.has(code)) throw translatedError('unsupported', 'database.restore.noSpace', { detail: code });
    throw e;
  }
}

/** Bring an older staged backup to the current schema, then check it again as a whole. */
function migrateStaged(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    configureConnection(db, true);
    const current = db.pragma('user_version', { simple: true }) as number;
    applyMigrations(db, MIGRATIONS.filter((m) => m.version > current));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  checkBackupFile(file);
}

const isBusy = (e: unknown) => typeof (e as { code?: unknown }).code === 'string' && /^SQLITE_BUSY/.test((e as { code: string }).code);

/**
 * Replace the database at `dbPath` with `bytes`. `adopt` receives the connection that is live
 * afterwards (the restored database, or the current one reopened after a failure) whenever
 * `current` had to be closed. Returns the path of the backup taken of the current database.
 */
export function restoreFromBytes(
  current: Database.Database,
  dbPath: string,
  bytes: Buffer,
  adopt: (db: Database.Database) => void,
): { backup: string; db: Database.Database } {
  return swapRestored(current, dbPath, stageRestore(dbPath, bytes), adopt);
}

/**
 * Step 1 of a restore, which touches nothing live (a job worker runs it): write the backup to a
 * private staging file next to `dbPath`, check it and migrate an older one. Returns the staged
 * file's path; on any failure the staged file is removed and the error thrown.
 */
export function stageRestore(dbPath: string, bytes: Buffer): string {
  const staged = path.join(path.dirname(dbPath), `.${path.basename(dbPath)}.restoring-${process.pid}-${stamp()}`);
  try {
    writeStaged(staged, bytes);
    const { schemaVersion } = checkBackupFile(staged);
    if (schemaVersion < LATEST_VERSION) migrateStaged(staged);
    for (const f of [`${staged}-wal`, `${staged}-shm`]) fs.rmSync(f, { force: true });
    fsyncFile(staged);
    return staged;
  } catch (e) {
    removeWithSidecars(staged);
    throw e;
  }
}

/** Remove a staged file that will not be swapped in (the restore was abandoned). */
export function discardStaged(staged: string): void {
  removeWithSidecars(staged);
}

/**
 * Step 2, on the thread that owns `current`: swap a file `stageRestore` checked in for the live
 * database under an exclusive lock; only now is the live connection closed.
 */
export function swapRestored(
  current: Database.Database,
  dbPath: string,
  staged: string,
  adopt: (db: Database.Database) => void,
): { backup: string; db: Database.Database } {
  const dir = path.dirname(dbPath);
  current.close();
  const backup = `${dbPath}.backup-before-restore-${stamp()}`;
  let lock: Database.Database | undefined;
  let swapped = false;
  try {
    // In exclusive locking mode the lock is taken on the database file itself: it fails at once
    // while any other program has the file open, and keeps new ones out until it is released.
    lock = new Database(dbPath, { fileMustExist: true });
    lock.pragma('busy_timeout = 0');
    lock.pragma('locking_mode = EXCLUSIVE');
    try {
      lock.exec('BEGIN EXCLUSIVE');
      lock.exec('COMMIT');
    } catch (e) {
      if (isBusy(e)) throw translatedError('busy', 'database.restore.openElsewhere');
      throw e;
    }
    lock.pragma('wal_checkpoint(TRUNCATE)');
    try {
      fs.copyFileSync(dbPath, backup);
      fsyncFile(backup);
    } catch (e) {
      fs.rmSync(backup, { force: true });
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (NO_SPACE.has(code)) throw translatedError('unsupported', 'database.restore.noSpace', { detail: code });
      throw e;
    }
    // Windows cannot rename over a file that is open; elsewhere the lock is held across the rename.
    if (process.platform === 'win32') {
      lock.close();
      lock = undefined;
    }
    fs.renameSync(staged, dbPath);
    swapped = true;
    fsyncDir(dir);
    lock?.close();
    lock = undefined;
    // The old file's -wal (checkpointed, empty) and -shm must not be read as the new one's.
    for (const f of [`${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
    const db = openDatabase(dbPath);
    adopt(db);
    return { backup, db };
  } catch (e) {
    lock?.close();
    if (swapped && fs.existsSync(backup)) {
      // The restored file would not open: put the previous database back the same way.
      const back = `${staged}.back`;
      fs.copyFileSync(backup, back);
      fsyncFile(back);
      fs.renameSync(back, dbPath);
      for (const f of [`${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
    } else {
      removeWithSidecars(staged);
      if (!swapped) fs.rmSync(backup, { force: true });
    }
    adopt(openDatabase(dbPath));
    if (e instanceof AppError) throw e;
    throw translatedError('internal', 'database.restore.failed', { detail: (e as Error).message });
  }
}
