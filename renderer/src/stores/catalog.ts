/** Catalog state: the parts, vendors, sites and FX from the database, and the selected part. */
import { create } from 'zustand';
import type { CatalogData, AcceleratorView, QuoteView } from '../../../shared/contract/views';
import type { AcceleratorInput } from '../../../shared/domain/accelerator';
import { call } from '../api/client';

interface CatalogState {
  data: CatalogData | null;
  error: string | null;
  selectedSlug: string | null;
  quotes: QuoteView[];
  load(): Promise<void>;
  select(slug: string | null): Promise<void>;
  save(accelerator: AcceleratorInput, create: boolean): Promise<AcceleratorView>;
}

export const useCatalog = create<CatalogState>((set, get) => ({
  data: null,
  error: null,
  selectedSlug: null,
  quotes: [],
  async load() {
    try {
      set({ data: await call('catalog:list'), error: null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },
  async select(slug) {
    set({ selectedSlug: slug, quotes: [] });
    if (slug) set({ quotes: await call('quotes:list', { item: slug }) });
  },
  async save(accelerator, create) {
    const saved = await call('catalog:save', { accelerator, create });
    await get().load();
    set({ selectedSlug: saved.slug });
    return saved;
  },
}));

/** Selectors (a stable empty array keeps zustand from re-rendering forever). */
const NO_PARTS: AcceleratorView[] = [];
export const selectAccelerators = (s: CatalogState): AcceleratorView[] => s.data?.accelerators ?? NO_PARTS;
export const selectSelected = (s: CatalogState): AcceleratorView | undefined =>
  s.data?.accelerators.find((a) => a.slug === s.selectedSlug);
