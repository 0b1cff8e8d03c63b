/**
 * The catalog, held once: the listing the Catalog page shows (one lean row per part with its
 * best price, and the vendors: `catalog:rows`) and the snapshot the shared models evaluate
 * against (`catalog:snapshot`, with its lookup). The snapshot holds every quote (≈50 MB of JSON
 * and 8 s at 60,000 quotes), and the Catalog page never reads it: it is fetched only once a page
 * that evaluates asks for it (`ensureLoaded`: Builds, Compare, Optimize, Bids); from then on
 * every load fetches both, so a saved part, an import or a new FX rate reaches every page at
 * once, the listing first, so the table fills before the snapshot arrives. Also the part
 * selected on the Catalog page, with its full record (every figure's source) and quotes,
 * fetched when it is opened.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { AcceleratorView, QuoteView } from '../../../shared/contract/views';
import type { CatalogListing, CatalogRow } from '../../../shared/contract/catalog';
import type { Accelerator, AcceleratorInput } from '../../../shared/domain/accelerator';
import type { Server, Site } from '../../../shared/domain/catalog';
import { createCatalogLookup, type CatalogLookup, type CatalogSnapshot } from '../../../shared/scenario/catalog-lookup';
import { DEFAULT_STALE_QUOTE_DAYS } from '../../../shared/domain/price-policy';
import { ApiCallError, call } from '../api/client';

/** What a save answers: the saved part, or the message and, when the main process named them, the fields at fault. */
export type SaveResult = { ok: true; saved: AcceleratorView } | { ok: false; message: string; fieldErrors: Record<string, string> | null };

export interface CatalogState {
  listing: CatalogListing | null;
  snapshot: CatalogSnapshot | null;
  lookup: CatalogLookup | null;
  error: string | null;
  selectedSlug: string | null;
  /** The selected part in full (`catalog:get`); null until it arrives. */
  detail: AcceleratorView | null;
  quotes: QuoteView[];
  /** Fetch the listing again, and the snapshot once a page has asked for it (after anything that changes parts, prices or FX). */
  load(opts?: { snapshot?: boolean }): Promise<void>;
  /** The snapshot, loaded once: a page that evaluates against the catalog needs it, not a fresh copy. */
  ensureLoaded(): Promise<void>;
  select(slug: string | null): Promise<void>;
  save(accelerator: AcceleratorInput, create: boolean): Promise<SaveResult>;
}

/** The load running now, and the one queued behind it (shared by every call made meanwhile). */
let inFlight: Promise<void> | null = null;
let queued: Promise<void> | null = null;
/** Whether a page has asked for the snapshot (until then a load fetches the listing alone). */
let snapshotWanted = false;

export const useCatalog = create<CatalogState>((set, get) => {
  const fetchBoth = async (): Promise<void> => {
    try {
      // one after the other: the main process answers calls in turn, so the table's rows are not held up by the snapshot
      set({ listing: await call('catalog:rows'), error: null });
      if (!snapshotWanted) return;
      const snapshot = await call('catalog:snapshot');
      set({ snapshot, lookup: createCatalogLookup(snapshot) });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  };
  const run = (): Promise<void> => {
    const p = fetchBoth().finally(() => {
      if (inFlight === p) inFlight = null;
    });
    inFlight = p;
    return p;
  };
  return {
    listing: null,
    snapshot: null,
    lookup: null,
    error: null,
    selectedSlug: null,
    detail: null,
    quotes: [],
    load(opts) {
      // `snapshot`: the caller evaluates (the Builds and Compare pages' reload), so this load and every later one fetch it
      if (opts?.snapshot) snapshotWanted = true;
      // A load asked for while one runs may follow a write that one has not seen: it runs once
      // that one ends, and every call made before it starts shares it (three pages asking at
      // start-up cost two reads, not three).
      if (queued) return queued;
      if (inFlight) {
        const next: Promise<void> = inFlight.then(() => {
          queued = null;
          return run();
        });
        queued = next;
        return next;
      }
      return run();
    },
    ensureLoaded() {
      const first = !snapshotWanted;
      snapshotWanted = true;
      if (queued) return queued;
      // a load under way that started before the snapshot was wanted does not fetch it: queue one that does
      if (inFlight) return first ? get().load() : inFlight;
      return get().snapshot ? Promise.resolve() : get().load();
    },
    async select(slug) {
      set({ selectedSlug: slug, detail: get().detail?.slug === slug ? get().detail : null, quotes: [] });
      if (!slug) return;
      try {
        const [detail, quotes] = await Promise.all([call('catalog:get', { slug }), call('quotes:list', { item: slug })]);
        if (get().selectedSlug === slug) set({ detail, quotes });
      } catch (e) {
        if (get().selectedSlug === slug) set({ error: (e as Error).message });
      }
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
      set({ selectedSlug: saved.slug, detail: saved });
      await get().load();
      return { ok: true, saved };
    },
  };
});

/** Selectors. A stable empty array keeps zustand from re-rendering forever before the first load. */
const NONE: never[] = [];
/** The Catalog page's rows. */
/** For a component that reads the snapshot (sites, models, parts): asks for it once mounted, since the start loads only the lean rows. */
export function useCatalogSnapshot(): void {
  const ensureLoaded = useCatalog((s) => s.ensureLoaded);
  useEffect(() => {
    void ensureLoaded();
  }, [ensureLoaded]);
}

export const selectAccelerators = (s: CatalogState): CatalogRow[] => s.listing?.rows ?? NONE;
/** A part in full, as the editor edits it: the opened one (only it is held in full). */
export const selectAccelerator =
  (slug: string | null) =>
  (s: CatalogState): AcceleratorView | undefined =>
    slug !== null && s.detail?.slug === slug ? s.detail : undefined;
export const selectSelected = (s: CatalogState): AcceleratorView | undefined => selectAccelerator(s.selectedSlug)(s);
/** The parts as the models see them (the snapshot's), for pickers and candidates. */
export const selectParts = (s: CatalogState): Accelerator[] => s.snapshot?.accelerators ?? NONE;
export const selectSites = (s: CatalogState): Site[] => s.snapshot?.sites ?? NONE;
export const selectServers = (s: CatalogState): Server[] => s.snapshot?.servers ?? NONE;
export const selectLookup = (s: CatalogState): CatalogLookup | null => s.lookup;
/** Quotes older than this many days are flagged stale (the snapshot carries the `staleQuoteDays` setting). */
export const selectStaleDays = (s: CatalogState): number => s.snapshot?.staleQuoteDays ?? DEFAULT_STALE_QUOTE_DAYS;

/** The vendors with their Chinese names (catalog:rows); a stable reference. */
export const selectVendors = (s: CatalogState): CatalogListing['vendors'] => s.listing?.vendors ?? NONE;
/** The sorted distinct values of one field over the rows, worked out once per listing (a stable reference until the rows change). */
function distinctOf(field: (r: CatalogRow) => string): (s: CatalogState) => string[] {
  let rows: CatalogRow[] | null = null;
  let values: string[] = NONE;
  return (s) => {
    const now = selectAccelerators(s);
    if (now !== rows) {
      rows = now;
      values = [...new Set(now.map(field))].sort();
    }
    return values;
  };
}
export const selectVendorNames = distinctOf((p) => p.vendor);
export const selectMemoryTypes = distinctOf((p) => p.memoryType);
