/** Everything a handler may touch: the open database's repositories (and the database, for backup and close). */
import type Database from 'better-sqlite3';
import { createRepos, type Repos } from './db/repos';

export interface AppContext extends Repos {
  db: Database.Database;
  dbPath: string;
  /** Prints report HTML to PDF: Electron's printToPDF in the app; absent elsewhere (Chromium prints). */
  printPdf?: (html: string) => Promise<Buffer>;
}

export function createContext(db: Database.Database, dbPath: string): AppContext {
  return { db, dbPath, ...createRepos(db) };
}
