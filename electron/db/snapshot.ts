/** The whole catalog as one plain object, for the pure evaluation code in shared/ (every quote, every status: the price policy decides). */
import type { AppContext } from '../context';
import type { CatalogSnapshot } from '../../shared/scenario/catalog-lookup';

import type { StoredAccelerator } from './repos/accelerators';
import { staleQuoteDaysOf } from '../../shared/domain/price-policy';

/** The age in days after which a quote is flagged stale: the `staleQuoteDays` setting, default 180. */
export function staleQuoteDays(ctx: Pick<AppContext, 'settings'>): number {
  return staleQuoteDaysOf(ctx.settings.get<unknown>('staleQuoteDays'));
}

/** `parts`: the accelerators when the caller has already read them (saves a second read). */
export function catalogSnapshot(ctx: AppContext, parts: StoredAccelerator[] = ctx.accelerators.list()): CatalogSnapshot {
  const strip = <T extends object>(o: T, keys: string[]): T => {
    const c = { ...o } as Record<string, unknown>;
    for (const k of keys) delete c[k];
    return c as T;
  };
  return {
    accelerators: parts.map((a) => strip(a, ['id', 'origin', 'userEdited', 'updatedAt'])),
    servers: ctx.servers.list().map((s) => strip(s, ['id'])),
    quotes: ctx.quotes.list().map((q) => strip(q, ['importId', 'origin', 'sourceFile', 'sourceSheet', 'sourceRow'])),
    sites: ctx.sites.list().map((s) => strip(s, ['id'])),
    fx: ctx.fx.latest(),
    staleQuoteDays: staleQuoteDays(ctx),
  };
}
