/** Numbered migrations, applied in order under PRAGMA user_version. */
import type Database from 'better-sqlite3';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-suppliers-quotes';
import { migration0003 } from './0003-team-sync';
import { migration0004 } from './0004-build-line-terms';
import { migration0005 } from './0005-team-catalog-shared';
import { migration0006 } from './0006-team-evaluation';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
