/** FX rates: the history the user has entered or imported, and adding a rate (the catalog's prices follow). */
import { create } from 'zustand';
import type { FxHistoryRow } from '../../../shared/contract/settings';
import type { Input } from '../../../shared/contract/api';
import { call } from '../api/client';
import { useCatalog } from './catalog';

export type NewFxRate = Input<'fx:add'>;

interface FxState {
  history: FxHistoryRow[];
  load(): Promise<void>;
  /** Throws what the main process refused, for the page to show. */
  add(rate: NewFxRate): Promise<void>;
}

export const useFx = create<FxState>((set) => ({
  history: [],
  async load() {
    set({ history: await call('fx:history') });
  },
  async add(rate) {
    set({ history: await call('fx:add', rate) });
    // Converted prices and every evaluation depend on the latest rate.
    await useCatalog.getState().load();
  },
}));
