/** Which builds are compared, against which baseline, and whose sensitivity is shown. */
import { create } from 'zustand';

export const MAX_COMPARED = 8;

interface CompareState {
  ids: number[];
  baselineId: number | null;
  tornadoId: number | null;
  toggle(id: number): void;
  setBaseline(id: number): void;
  setTornado(id: number): void;
  /** Keep the choice valid when builds appear or disappear. */
  reconcile(existing: number[]): void;
}

export const useCompare = create<CompareState>((set, get) => ({
  ids: [],
  baselineId: null,
  tornadoId: null,
  toggle(id) {
    const ids = get().ids.includes(id) ? get().ids.filter((x) => x !== id) : [...get().ids, id].slice(0, MAX_COMPARED);
    set({ ids });
    get().reconcile(ids);
  },
  setBaseline: (id) => set({ baselineId: id }),
  setTornado: (id) => set({ tornadoId: id }),
  reconcile(existing) {
    const s = get();
    let ids = s.ids.filter((x) => existing.includes(x));
    if (ids.length === 0) ids = existing.slice(0, Math.min(4, MAX_COMPARED));
    set({
      ids,
      baselineId: s.baselineId !== null && ids.includes(s.baselineId) ? s.baselineId : (ids[0] ?? null),
      tornadoId: s.tornadoId !== null && ids.includes(s.tornadoId) ? s.tornadoId : (ids[0] ?? null),
    });
  },
}));
