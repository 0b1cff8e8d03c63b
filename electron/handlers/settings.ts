/** Settings handlers: default assumptions, FX rates with history, database backup and restore. */
import { createContext, systemTimeZone, type AppContext } from '../context';
import type { ParsedInput } from '../../shared/contract/api';
import type { FxHistoryRow, TimeZoneSetting } from '../../shared/contract/settings';
import { DEFAULT_ASSUMPTIONS, buildAssumptionsSchema, type BuildAssumptions } from '../../shared/scenario/build';
import { backupBytes, swapRestored } from '../db/backup';
import { databaseProblems } from '../db/open';
import { translatedError } from '../../shared/contract/result';
import { jobDb, runJob } from '../jobs';

/** The user's saved defaults if valid, else the built-in ones. */
export function effectiveDefaults(ctx: AppContext): BuildAssumptions {
  const saved = ctx.settings.get<unknown>('defaults');
  const r = buildAssumptionsSchema.safeParse(saved);
  return r.success ? r.data : buildAssumptionsSchema.parse(DEFAULT_ASSUMPTIONS);
}

export function getDefaults(ctx: AppContext): BuildAssumptions {
  return effectiveDefaults(ctx);
}

export function setDefaults(ctx: AppContext, input: ParsedInput<'defaults:set'>): BuildAssumptions {
  ctx.settings.set('defaults', input.assumptions);
  return effectiveDefaults(ctx);
}

export function getTimeZone(ctx: AppContext): TimeZoneSetting {
  const system = systemTimeZone();
  const timeZone = ctx.timeZone();
  return { timeZone, system, saved: ctx.settings.get<unknown>('timeZone') === timeZone, today: ctx.today() };
}

export function setTimeZone(ctx: AppContext, input: ParsedInput<'timezone:set'>): TimeZoneSetting {
  ctx.settings.set('timeZone', input.timeZone);
  return getTimeZone(ctx);
}

export function fxHistory(ctx: AppContext): FxHistoryRow[] {
  return ctx.fx.history();
}

export function addFx(ctx: AppContext, input: ParsedInput<'fx:add'>): FxHistoryRow[] {
  ctx.fx.add(
    { currency: input.currency, cnyPer: input.cnyPer, asOf: input.asOf, source: { title: input.source, url: '', asOf: input.asOf, estimate: false, note: '' } },
    'user',
  );
  return ctx.fx.history();
}

/** The copy is taken and read in a job worker, from its own connection. */
export async function backupDb(ctx: AppContext): Promise<{ fileName: string; dataBase64: string }> {
  const db = jobDb(ctx);
  const bytes = db ? Buffer.from(await runJob('db:backup', { db })) : await backupBytes(ctx.db);
  const day = ctx.today();
  return { fileName: `procure-backup-${day}.db`, dataBase64: bytes.toString('base64') };
}

export async function restoreDb(ctx: AppContext, input: ParsedInput<'db:restore'>): Promise<{ backup: string; accelerators: number }> {
  if (ctx.dbPath === ':memory:') throw translatedError('unsupported', 'errors.db.inMemoryRestore');
  // A job worker stages and checks the file before anything live is touched: a bad file never
  // costs the current database. The swap is this thread's, which owns the connection; it hands
  // back whichever connection is live afterwards (the restored one, or the current one reopened).
  const staged = await runJob('db:stage-restore', { dbPath: ctx.dbPath, dataBase64: input.dataBase64 });
  const { backup } = swapRestored(ctx.db, ctx.dbPath, staged, (db) => Object.assign(ctx, createContext(db, ctx.dbPath, { clock: ctx.clock })));
  return { backup, accelerators: ctx.accelerators.list().length };
}

/** The full integrity check (every page, every index) and the foreign keys, on demand. */
export function checkDb(ctx: AppContext): { ok: boolean; problems: string[] } {
  const problems = databaseProblems(ctx.db);
  return { ok: problems.length === 0, problems };
}
