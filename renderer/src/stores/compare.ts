/** Which builds are compared, against which baseline, and whose sensitivity is shown; the comparison's export. */
import { create } from 'zustand';
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { exportReport, type ReportKind } from './report';

export const MAX_COMPARED = 8;

interface CompareState {
  ids: number[];
  baselineId: number | null;
  tornadoId: number | null;
  /** The export under way, and the last one's error. */
  exporting: ReportKind | null;
  exportError: string | null;
  toggle(id: number): void;
  setBaseline(id: number): void;
  setTornado(id: number): void;
  /** Keep the choice valid when builds appear or disappear. */
  reconcile(existing: number[]): void;
  exportReport(kind: ReportKind, scenario: ScenarioInput, lang: string): Promise<void>;
}

export const useCompare = create<CompareState>((set, get) => ({
  ids: [],
  baselineId: null,
  tornadoId: null,
  exporting: null,
  exportError: null,
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
  async exportReport(kind, scenario, lang) {
    set({ exporting: kind, exportError: null });
    try {
      await exportReport(kind, { scenario }, lang);
    } catch (e) {
      set({ exportError: (e as Error).message });
    } finally {
      set({ exporting: null });
    }
  },
}));
