/** The Optimize page: the form, the last answer, and saving it as a build. */
import { create } from 'zustand';
import { DEFAULT_FORM, formToProblem, type OptimizeForm } from '../../../shared/optimize/form';
import type { OptimizeResult } from '../../../shared/optimize/types';
import type { BuildRecord } from '../../../shared/scenario/build';
import { call } from '../api/client';

interface OptimizeState {
  form: OptimizeForm;
  result: OptimizeResult | null;
  running: boolean;
  error: string | null;
  saved: BuildRecord | null;
  set(patch: Partial<OptimizeForm>): void;
  reset(): void;
  run(name: string): Promise<void>;
  save(name: string): Promise<void>;
}

export const useOptimize = create<OptimizeState>((set, get) => ({
  form: DEFAULT_FORM,
  result: null,
  running: false,
  error: null,
  saved: null,
  set: (patch) => set({ form: { ...get().form, ...patch } }),
  reset: () => set({ form: DEFAULT_FORM, result: null, error: null, saved: null }),
  async run(name) {
    set({ running: true, error: null, saved: null });
    try {
      const result = await call('optimize:run', formToProblem(get().form, name));
      set({ result, running: false });
    } catch (e) {
      set({ error: (e as Error).message, running: false });
    }
  },
  async save(name) {
    const s = get().result?.save;
    if (!s) return;
    try {
      const saved = await call('builds:create', { name, assumptions: s.assumptions, lines: s.lines });
      set({ saved, error: null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },
}));
