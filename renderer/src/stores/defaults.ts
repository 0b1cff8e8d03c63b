/** The default assumptions (site, workload, finance, risk weights) new builds start from: the saved ones and the draft being edited. */
import { create } from 'zustand';
import type { BuildAssumptions } from '../../../shared/scenario/build';
import { call } from '../api/client';

interface DefaultsState {
  /** The draft on the Settings page, as saved until edited. */
  draft: BuildAssumptions | null;
  load(): Promise<void>;
  edit(draft: BuildAssumptions): void;
  /** Throws what the main process refused, for the page to show. */
  save(): Promise<void>;
}

export const useDefaults = create<DefaultsState>((set, get) => ({
  draft: null,
  async load() {
    set({ draft: await call('defaults:get') });
  },
  edit: (draft) => set({ draft }),
  async save() {
    const draft = get().draft;
    if (draft) set({ draft: await call('defaults:set', { assumptions: draft }) });
  },
}));
