/**
 * The catalog, held once: the listing the Catalog page shows (parts with their best price,
 * vendors, sites, FX from `catalog:list`) and the snapshot the shared models evaluate against
 * (`catalog:snapshot`, with its lookup). One load fetches both, so a saved part, an import or a
 * new FX rate reaches every page at once. Also the part selected on the Catalog page.
 */
import { create } from 'zustand';
import type { CatalogData, AcceleratorView, QuoteView } from '../../../shared/contract/views';
import type { Accelerator, AcceleratorInput } from '../../../shared/domain/accelerator';
import type { Server, Site } from '../../../shared/domain/catalog';
import { createCatalogLookup, type CatalogLookup, type CatalogSnapshot } from '../../../shared/scenario/catalog-lookup';
import { DEFAULT_STALE_QUOTE_DAYS } from '../../../shared/domain/price-policy';
import { ApiCallError, call } from '../api/client';

/** What a save answers: the saved part, or the message and, when the main process named them, the fields at fault. */
export type SaveResult = { ok: true; saved: AcceleratorView } | { ok: false; message: string; fieldErrors: Record<string, string> | null };

export interface CatalogState {
  data: CatalogData | null;
  snapshot: CatalogSnapshot | null;
  lookup: CatalogLookup | null;
  error: string | null;
  selectedSlug: string | null;
  quotes: QuoteView[];
  /** Fetch the listing and the snapshot again (after anything that changes parts, prices or FX). */
  load(): Promise<void>;
  /** Load once: a page that only reads the catalog needs it, not a fresh copy. */
  ensureLoaded(): Promise<void>;
  select(slug: string | null): Promise<void>;
  save(accelerator: AcceleratorInput, create: boolean): Promise<SaveResult>;
}

let inFlight: Promise<void> | null = null;

export const useCatalog = create<CatalogState>((set, get) => ({
  data: null,
  snapshot: null,
  lookup: null,
  error: null,
  selectedSlug: null,
  quotes: [],
  load() {
    const run: Promise<void> = Promise.all([call('catalog:list'), call('catalog:snapshot')])
      .then(([data, snapshot]) => set({ data, snapshot, lookup: createCatalogLookup(snapshot), error: null }))
      .catch((e: unknown) => set({ error: (e as Error).message }))
      .finally(() => {
        if (inFlight === run) inFlight = null;
      });
    inFlight = run;
    return run;
  },
  ensureLoaded() {
    if (inFlight) return inFlight;
    return get().snapshot ? Promise.resolve() : get().load();
  },
  async select(slug) {
    set({ selectedSlug: slug, quotes: [] });
    if (slug) set({ quotes: await call('quotes:list', { item: slug }) });
  },
  async save(accelerator, create) {
    let saved: AcceleratorView;
    try {
      saved = await call('catalog:save', { accelerator, create });
    } catch (e) {
      const issues = e instanceof ApiCallError ? e.error.issues : undefined;
      // The main process names fields under the call's argument (accelerator.memoryGB); the form names them without it.
      const fieldErrors = issues ? Object.fromEntries(issues.map((i) => [i.path.replace(/^accelerator\./, ''), i.message])) : null;
      return { ok: false, message: (e as Error).message, fieldErrors };
    }
    await get().load();
    set({ selectedSlug: saved.slug });
    return { ok: true, saved };
  },
}));

/** Selectors. A stable empty array keeps zustand from re-rendering forever before the first load. */
const NONE: never[] = [];
export const selectAccelerators = (s: CatalogState): AcceleratorView[] => s.data?.accelerators ?? NONE;
export const selectAccelerator =
  (slug: string | null) =>
  (s: CatalogState): AcceleratorView | undefined =>
    slug === null ? undefined : s.data?.accelerators.find((a) => a.slug === slug);
export const selectSelected = (s: CatalogState): AcceleratorView | undefined => selectAccelerator(s.selectedSlug)(s);
/** The parts as the models see them (the snapshot's), for pickers and candidates. */
export const selectParts = (s: CatalogState): Accelerator[] => s.snapshot?.accelerators ?? NONE;
export const selectSites = (s: CatalogState): Site[] => s.snapshot?.sites ?? NONE;
export const selectServers = (s: CatalogState): Server[] => s.snapshot?.servers ?? NONE;
export const selectLookup = (s: CatalogState): CatalogLookup | null => s.lookup;
/** Quotes older than this many days are flagged stale (the snapshot carries the `staleQuoteDays` setting). */
export const selectStaleDays = (s: CatalogState): number => s.snapshot?.staleQuoteDays ?? DEFAULT_STALE_QUOTE_DAYS;

/** The vendors with their Chinese names (catalog:list); a stable reference. */
export const selectVendors = (s: CatalogState): CatalogData['vendors'] => s.data?.vendors ?? NONE;
/** Derived lists: new arrays on every call, so read them with useShallow. */
export const selectVendorNames = (s: CatalogState): string[] => [...new Set(selectAccelerators(s).map((p) => p.vendor))].sort();
export const selectMemoryTypes = (s: CatalogState): string[] => [...new Set(selectAccelerators(s).map((p) => p.memoryType))].sort();
