/** Everything a handler may touch: the open database's repositories (and the database, for backup and close). */
import type Database from 'better-sqlite3';
import { createRepos, type Repos } from './db/repos';
import { calendarDate, isTimeZone } from '../shared/calendar';

export interface AppContext extends Repos {
  db: Database.Database;
  dbPath: string;
  /** Prints report HTML to PDF: Electron's printToPDF in the app; absent elsewhere (Chromium prints). */
  printPdf?: (html: string) => Promise<Buffer>;
  /** The instant now (tests pass a fixed one). The only clock handlers read for calendar dates. */
  clock: () => Date;
  /** The user's time zone: the `timeZone` setting if it is a valid IANA zone, else the system's. */
  timeZone(): string;
  /** Today's calendar date (YYYY-MM-DD) in the user's time zone: quote dates, report dates, quote age. */
  today(): string;
}

export interface ContextOptions {
  clock?: () => Date;
}

/** The zone the operating system runs in, UTC where the runtime cannot say. */
export function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

export function createContext(db: Database.Database, dbPath: string, opts: ContextOptions = {}): AppContext {
  const repos = createRepos(db);
  const clock = opts.clock ?? (() => new Date());
  const timeZone = (): string => {
    const saved = repos.settings.get<unknown>('timeZone');
    return typeof saved === 'string' && isTimeZone(saved) ? saved : systemTimeZone();
  };
  return { db, dbPath, ...repos, clock, timeZone, today: () => calendarDate(clock(), timeZone()) };
}
