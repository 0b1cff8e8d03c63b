/**
 * Backing up the whole database to a file and restoring from one. A restore first checks the
 * file is a valid database of this app, keeps the current database as a backup, and only then
 * swaps it in; a failed check leaves everything as it was.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APPLICATION_ID, openDatabase } from './open';
import { LATEST_VERSION } from './migrations';
import { AppError } from '../../shared/contract/result';

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

/** Throws an AppError saying what is wrong unless `file` is a database this app can open. */
export function checkBackupFile(file: string): { schemaVersion: number; accelerators: number } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new AppError('invalid-input', `the file is damaged (${check})`);
    if (appId !== APPLICATION_ID) throw new AppError('invalid-input', 'the file is not a database of this app');
    if (version > LATEST_VERSION) throw new AppError('invalid-input', `the file comes from a newer version of this app (schema ${version})`);
    const accelerators = (db.prepare('SELECT count(*) AS n FROM accelerator').get() as { n: number }).n;
    return { schemaVersion: version, accelerators };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('invalid-input', `the file is not a readable database: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/**
 * Replace the database at `dbPath` with `bytes`. Returns the path of the backup taken of the
 * current database and the newly opened (and, if older, migrated) database.
 */
export function restoreFromBytes(current: Database.Database, dbPath: string, bytes: Buffer): { backup: string; db: Database.Database } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procure-restore-'));
  const incoming = path.join(dir, 'incoming.db');
  try {
    fs.writeFileSync(incoming, bytes);
    checkBackupFile(incoming);
    const backup = `${dbPath}.backup-before-restore-${stamp()}`;
    current.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(dbPath, backup);
    current.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
    // Copy to a sibling then rename: the swap is atomic on the same filesystem.
    const staged = `${dbPath}.restoring`;
    fs.copyFileSync(incoming, staged);
    fs.renameSync(staged, dbPath);
    return { backup, db: openDatabase(dbPath) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
