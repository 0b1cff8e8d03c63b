/** The database file: where it is, a backup to download, and restoring one (then everything is read again). */
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract/views';
import { call } from '../api/client';
import { readBase64, saveBase64 } from '../files';
import { useBuilds } from './builds';
import { useCatalog } from './catalog';
import { useDefaults } from './defaults';
import { useFx } from './fx';

interface DatabaseState {
  info: AppInfo | null;
  load(): Promise<void>;
  /** Save a backup; answers the file name. */
  backup(): Promise<string>;
  /** Replace the database with the file's; answers where the replaced one was kept. */
  restore(file: File): Promise<string>;
  /** The full integrity check of the open database. */
  check(): Promise<{ ok: boolean; problems: string[] }>;
}

export const useDatabase = create<DatabaseState>((set, get) => ({
  info: null,
  async load() {
    set({ info: await call('app:info') });
  },
  async backup() {
    const r = await call('db:backup');
    saveBase64(r.fileName, r.dataBase64, 'application/vnd.sqlite3');
    return r.fileName;
  },
  async restore(file) {
    const r = await call('db:restore', { dataBase64: await readBase64(file) });
    await Promise.all([get().load(), useDefaults.getState().load(), useFx.getState().load(), useCatalog.getState().load(), useBuilds.getState().load()]);
    return r.backup;
  },
  check: () => call('db:check'),
}));
