/** Everything a handler may touch: the open database and its repositories. */
import type Database from 'better-sqlite3';
import { AcceleratorRepo } from './db/repos/accelerators';
import { PriceRepo } from './db/repos/prices';
import { BuildRepo } from './db/repos/builds';

export interface AppContext {
  db: Database.Database;
  dbPath: string;
  accelerators: AcceleratorRepo;
  prices: PriceRepo;
  builds: BuildRepo;
  /** Prints report HTML to PDF: Electron's printToPDF in the app; absent elsewhere (Chromium prints). */
  printPdf?: (html: string) => Promise<Buffer>;
}

export function createContext(db: Database.Database, dbPath: string): AppContext {
  return { db, dbPath, accelerators: new AcceleratorRepo(db), prices: new PriceRepo(db), builds: new BuildRepo(db) };
}
