/**
 * A job's own connection to the app's database, opened in a worker thread beside the main
 * connection: the file is already open, migrated and in WAL mode there, so this connection only
 * attaches to it (it never creates, migrates or repairs). It may wait much longer for another
 * program's lock than the main connection: waiting here blocks the worker, not the window.
 */
import Database from 'better-sqlite3';
import { configureConnection } from './open';

export const JOB_BUSY_TIMEOUT_MS = 5000;

export function openJobConnection(dbPath: string, opts: { nativeBinding?: string } = {}): Database.Database {
  const db = new Database(dbPath, { fileMustExist: true, nativeBinding: opts.nativeBinding });
  try {
    configureConnection(db, true);
    db.pragma(`busy_timeout = ${JOB_BUSY_TIMEOUT_MS}`);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
