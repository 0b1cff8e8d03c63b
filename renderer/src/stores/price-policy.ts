/**
 * The price policy's one setting: after how many days a quote is stale (`staleQuoteDays`,
 * default 180; shared/domain/price-policy). Saved through settings:set, which validates it
 * again; a save reloads the catalog, whose snapshot carries the setting to every page's flags.
 */
import { create } from 'zustand';
import { staleQuoteDaysOf, staleQuoteDaysSchema } from '../../../shared/domain/price-policy';
import { call } from '../api/client';
import { useCatalog } from './catalog';

interface PricePolicyState {
  staleDays: number | null;
  load(): Promise<void>;
  /** False (nothing saved) when `days` is not a whole number of days from 1 to 3650; throws what the main process refused. */
  save(days: number): Promise<boolean>;
}

export const usePricePolicy = create<PricePolicyState>((set) => ({
  staleDays: null,
  async load() {
    set({ staleDays: staleQuoteDaysOf(await call('settings:get', { key: 'staleQuoteDays' })) });
  },
  async save(days) {
    if (!staleQuoteDaysSchema.safeParse(days).success) return false;
    const saved = staleQuoteDaysOf(await call('settings:set', { key: 'staleQuoteDays', value: days }));
    set({ staleDays: saved });
    await useCatalog.getState().load();
    return true;
  },
}));
