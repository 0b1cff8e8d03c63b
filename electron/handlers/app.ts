/** App-level handlers: version and database facts, settings. */
import type { AppContext } from '../context';
import type { ParsedInput } from '../../shared/contract/api';
import type { AppInfo } from '../../shared/contract/views';
import { getMeta, getSetting, setSetting } from '../db/repos/meta';
import { APP_VERSION } from '../version';

export function appInfo(ctx: AppContext): AppInfo {
  const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
  return {
    version: APP_VERSION,
    dbPath: ctx.dbPath,
    schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number,
    seedVersion: Number(getMeta(ctx.db, 'seed_version') ?? '0'),
    counts: {
      accelerators: count('SELECT count(*) AS n FROM accelerator'),
      vendors: count('SELECT count(DISTINCT vendor_id) AS n FROM accelerator'),
      quotes: count('SELECT count(*) AS n FROM quote'),
      estimates: count('SELECT count(*) AS n FROM figure_source WHERE estimate = 1'),
    },
  };
}

export function getSettingValue(ctx: AppContext, input: ParsedInput<'settings:get'>): unknown {
  return getSetting(ctx.db, input.key) ?? null;
}

export function setSettingValue(ctx: AppContext, input: ParsedInput<'settings:set'>): unknown {
  setSetting(ctx.db, input.key, input.value ?? null);
  return input.value ?? null;
}
