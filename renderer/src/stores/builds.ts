/**
 * Builds: the saved list, the selected build, edits that persist after a short pause,
 * delete with undo. The catalog they are evaluated against is the catalog store's.
 */
import { create } from 'zustand';
import type { BuildAssumptions, BuildLine, BuildRecord } from '../../../shared/scenario/build';
import { call } from '../api/client';
import { useCatalog } from './catalog';

interface BuildsState {
  builds: BuildRecord[];
  selectedId: number | null;
  /** The last deleted build, for Undo. */
  deleted: BuildRecord | null;
  error: string | null;
  load(): Promise<void>;
  select(id: number | null): void;
  create(name: string, lines?: BuildLine[]): Promise<BuildRecord>;
  rename(id: number, name: string): void;
  setLines(id: number, lines: BuildLine[]): void;
  setAssumptions(id: number, a: BuildAssumptions): void;
  duplicate(id: number): Promise<void>;
  remove(id: number): Promise<void>;
  undoDelete(): Promise<void>;
  importScenario(fileName: string, text: string): Promise<BuildRecord[]>;
  flush(): Promise<void>;
}

const SAVE_DELAY_MS = 400;
const pending = new Map<number, ReturnType<typeof setTimeout>>();

export const useBuilds = create<BuildsState>((set, get) => {
  /** Update locally at once (KPIs follow the typing), persist after a pause. */
  const edit = (id: number, patch: Partial<Pick<BuildRecord, 'name' | 'lines' | 'assumptions'>>) => {
    set({ builds: get().builds.map((b) => (b.id === id ? { ...b, ...patch } : b)) });
    clearTimeout(pending.get(id));
    pending.set(
      id,
      setTimeout(() => {
        pending.delete(id);
        void persist(id);
      }, SAVE_DELAY_MS),
    );
  };
  const persist = async (id: number) => {
    const b = get().builds.find((x) => x.id === id);
    if (!b) return;
    try {
      await call('builds:update', { id, name: b.name, lines: b.lines, assumptions: b.assumptions });
      set({ error: null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  };
  return {
    builds: [],
    selectedId: null,
    deleted: null,
    error: null,
    async load() {
      const [builds] = await Promise.all([call('builds:list'), useCatalog.getState().load({ snapshot: true })]);
      const sel = get().selectedId;
      set({ builds, selectedId: sel && builds.some((b) => b.id === sel) ? sel : (builds[0]?.id ?? null) });
    },
    select(id) {
      set({ selectedId: id });
    },
    async create(name, lines = []) {
      const b = await call('builds:create', { name, lines });
      set({ builds: [...get().builds, b], selectedId: b.id });
      return b;
    },
    rename: (id, name) => edit(id, { name }),
    setLines: (id, lines) => edit(id, { lines }),
    setAssumptions: (id, assumptions) => edit(id, { assumptions }),
    async duplicate(id) {
      await get().flush();
      const b = await call('builds:duplicate', { id });
      set({ builds: [...get().builds, b], selectedId: b.id });
    },
    async remove(id) {
      await get().flush();
      const b = get().builds.find((x) => x.id === id) ?? null;
      await call('builds:delete', { id });
      const builds = get().builds.filter((x) => x.id !== id);
      set({ builds, deleted: b, selectedId: get().selectedId === id ? (builds[0]?.id ?? null) : get().selectedId });
    },
    async undoDelete() {
      const d = get().deleted;
      if (!d) return;
      const b = await call('builds:restore', { id: d.id });
      set({ builds: [...get().builds, b].sort((x, y) => x.id - y.id), deleted: null, selectedId: b.id });
    },
    async importScenario(fileName, text) {
      const r = await call('scenario:import', { fileName, text });
      // A scenario may bring its own parts and servers.
      await useCatalog.getState().load();
      set({ builds: [...get().builds, ...r.builds], selectedId: r.builds[0]?.id ?? get().selectedId });
      return r.builds;
    },
    async flush() {
      const ids = [...pending.keys()];
      for (const id of ids) {
        clearTimeout(pending.get(id));
        pending.delete(id);
        await persist(id);
      }
    },
  };
});

export const selectSelectedBuild = (s: BuildsState): BuildRecord | undefined => s.builds.find((b) => b.id === s.selectedId);
