/** The Optimize page: the form, the last answer, the running job's progress and cancel, and saving the answer as a build. */
import { create } from 'zustand';
import { DEFAULT_FORM, formToProblem, type OptimizeForm } from '../../../shared/optimize/form';
import type { OptimizeResult } from '../../../shared/optimize/types';
import type { BuildRecord } from '../../../shared/scenario/build';
import { call } from '../api/client';
import { watchJob, type JobProgressView, type JobWatch } from '../api/jobs';

interface OptimizeState {
  form: OptimizeForm;
  result: OptimizeResult | null;
  /** The form the shown result was computed for: when the form differs, the result is stale. */
  resultForm: OptimizeForm | null;
  running: boolean;
  /** The running job's phase and solves done (jobs:list), null before the first poll sees it. */
  progress: JobProgressView | null;
  /** Cancel was asked for and the run has not answered yet. */
  cancelling: boolean;
  /** The last run was cancelled (the result shown, if any, is the one before it). */
  cancelled: boolean;
  error: string | null;
  saved: BuildRecord | null;
  set(patch: Partial<OptimizeForm>): void;
  reset(): void;
  run(name: string): Promise<void>;
  cancel(): void;
  save(name: string): Promise<void>;
}

/** The watch of the running job (one run at a time: the Run button waits for the answer). */
let watch: JobWatch | null = null;

/** Whether the shown result was computed for another form than the one on screen. */
export const selectStale = (s: OptimizeState): boolean => s.result !== null && s.resultForm !== null && JSON.stringify(s.resultForm) !== JSON.stringify(s.form);

export const useOptimize = create<OptimizeState>((set, get) => ({
  form: DEFAULT_FORM,
  result: null,
  resultForm: null,
  running: false,
  progress: null,
  cancelling: false,
  cancelled: false,
  error: null,
  saved: null,
  set: (patch) => set({ form: { ...get().form, ...patch } }),
  reset: () => set({ form: DEFAULT_FORM, result: null, resultForm: null, error: null, saved: null, cancelled: false }),
  async run(name) {
    if (get().running) return;
    const form = get().form;
    set({ running: true, progress: null, cancelling: false, cancelled: false, error: null, saved: null });
    const w = await watchJob('optimize', (progress) => {
      if (watch === w) set({ progress });
    });
    watch = w;
    if (get().cancelling) w.cancel();
    try {
      const result = await call('optimize:run', formToProblem(form, name));
      set({ result, resultForm: form });
    } catch (e) {
      // a cancelled job's call fails: that is the answer the user asked for, not an error
      if (w.cancelRequested) set({ cancelled: true });
      else set({ error: (e as Error).message });
    } finally {
      w.stop();
      if (watch === w) watch = null;
      set({ running: false, progress: null, cancelling: false });
    }
  },
  cancel() {
    if (!get().running) return;
    set({ cancelling: true });
    watch?.cancel(); // before the watch exists, run() passes the request on

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
