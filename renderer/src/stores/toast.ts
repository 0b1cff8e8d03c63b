/**
 * Short notes that something finished or failed (a backup saved, an export written, a restore
 * refused): one list the app's live region shows, each note gone by itself after a while.
 */
import { create } from 'zustand';

export type ToastKind = 'done' | 'failed';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

/** How long a note stays; a failure stays longer (it may need reading). */
const STAY_MS: Record<ToastKind, number> = { done: 5000, failed: 10000 };
/** More than this many at once: the oldest goes. */
const MAX_SHOWN = 4;

interface ToastState {
  toasts: Toast[];
  push(kind: ToastKind, text: string): void;
  dismiss(id: number): void;
}

let next = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(kind, text) {
    const id = next++;
    set({ toasts: [...get().toasts, { id, kind, text }].slice(-MAX_SHOWN) });
    setTimeout(() => get().dismiss(id), STAY_MS[kind]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toastDone = (text: string): void => useToasts.getState().push('done', text);
export const toastFailed = (text: string): void => useToasts.getState().push('failed', text);
