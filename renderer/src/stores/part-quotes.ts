/**
 * The price history of each part a build line uses (quotes:history), for the line editor's pin
 * picker: choose the price policy, a supplier or one quote. Read once per part and read again
 * whenever the catalog is reloaded (a quote added, corrected, retired or imported).
 */
import { create } from 'zustand';
import type { PriceHistory } from '../../../shared/contract/quotes';
import { call } from '../api/client';
import { useCatalog } from './catalog';

interface PartQuotesState {
  histories: Record<string, PriceHistory>;
  errors: Record<string, string>;
  /** Load the part's history unless it is held already. */
  ensure(item: string): Promise<void>;
}

const loading = new Set<string>();

export const usePartQuotes = create<PartQuotesState>((set, get) => ({
  histories: {},
  errors: {},
  async ensure(item) {
    if (get().histories[item] || loading.has(item)) return;
    loading.add(item);
    try {
      const h = await call('quotes:history', { item });
      set({ histories: { ...get().histories, [item]: h } });
    } catch (e) {
      set({ errors: { ...get().errors, [item]: (e as Error).message } });
    } finally {
      loading.delete(item);
    }
  },
}));

// the catalog read again (prices may have changed): the histories are read again when next asked for
useCatalog.subscribe((s, prev) => {
  if (s.listing !== prev.listing) usePartQuotes.setState({ histories: {}, errors: {} });
});
