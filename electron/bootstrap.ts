/** Choosing the database file and opening it, seeded, for the app, the host and the CLI. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenOptions } from './db/open';
import { applySeed, loadSeed, seedPath } from './db/seed';
import { applyServerCatalog, loadServerCatalog, serverCatalogPath } from './db/server-catalog';
import { createContext, type AppContext, type ContextOptions } from './context';

export const APP_DIR_NAME = 'Accelerator Procurement Planner';

/** The OS's per-user app-data folder for this app (what Electron's app.getPath('userData') gives). */
export function userDataDir(platform = process.platform, env = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

/** `--db PATH` (or `--db=PATH`) beats `PROCURE_DB`, which beats the per-user default. */
export function resolveDbPath(argv: readonly string[], env = process.env): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db' && argv[i + 1]) return path.resolve(argv[i + 1]!);
    if (a.startsWith('--db=')) return path.resolve(a.slice(5));
  }
  if (env.PROCURE_DB) return path.resolve(env.PROCURE_DB);
  return path.join(userDataDir(), 'procure.db');
}

/** Open, migrate and seed the database; the seed only adds, never overwrites user edits. */
/**
 * Repository root when running from source (tsx, vitest: electron/) or from the CLI bundle
 * (dist/electron/cli.cjs): the nearest folder above this file with a package.json.
 */
export const SOURCE_ROOT = findRoot(import.meta.dirname ?? __dirname);

function findRoot(here: string): string {
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(here, '..');
  }
}

export function openApp(dbPath: string, opts: OpenOptions & ContextOptions & { appRoot?: string } = {}): AppContext {
  const ctx = createContext(openDatabase(dbPath, opts), dbPath, { clock: opts.clock });
  applySeed(ctx, loadSeed(seedPath(opts.appRoot ?? SOURCE_ROOT)));
  applyServerCatalog(ctx, loadServerCatalog(serverCatalogPath(opts.appRoot ?? SOURCE_ROOT)));
  return ctx;
}
