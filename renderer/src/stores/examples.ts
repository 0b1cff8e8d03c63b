/** The shipped examples (scenarios and bid sets) the Builds and Bids pages offer to open. */
import { create } from 'zustand';
import type { ExampleKind, ExampleSummary } from '../../../shared/contract/examples';
import { call } from '../api/client';

interface ExamplesState {
  list: ExampleSummary[] | null;
  load(): Promise<void>;
  /** The example's text, to open as if picked from disk. */
  read(file: string): Promise<{ file: string; kind: ExampleKind; text: string }>;
}

export const useExamples = create<ExamplesState>((set, get) => ({
  list: null,
  async load() {
    if (get().list) return;
    set({ list: await call('examples:list') });
  },
  read: (file) => call('examples:read', { file }),
}));
