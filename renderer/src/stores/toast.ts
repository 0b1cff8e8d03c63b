/**
 * Short notes that something finished or failed (a backup saved, an export written, a restore
 * refused): one list the app's live region shows, each note gone by itself after a while.
 * A note is held as a UI-string key and its values, not as text: it is translated when shown,
 * so switching the language retranslates the notes still open.
 */
import { create } from 'zustand';
import type { MessageRef, MessageVar } from '../../../shared/i18n/translate';
import { ApiCallError } from '../api/client';

export type ToastKind = 'done' | 'failed';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: MessageRef;
}

/** How long a note stays; a failure stays longer (it may need reading). */
const STAY_MS: Record<ToastKind, number> = { done: 5000, failed: 10000 };
/** More than this many at once: the oldest goes. */
const MAX_SHOWN = 4;

interface ToastState {
  toasts: Toast[];
  push(kind: ToastKind, message: MessageRef): void;
  dismiss(id: number): void;
}

let next = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(kind, message) {
    const id = next++;
    set({ toasts: [...get().toasts, { id, kind, message }].slice(-MAX_SHOWN) });
    setTimeout(() => get().dismiss(id), STAY_MS[kind]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

/** `toastDone('toast.exported', { file })`: the key and values, translated when shown. */
export const toastDone = (key: string, vars?: Record<string, MessageVar>): void => useToasts.getState().push('done', { key, vars });
export const toastFailed = (key: string, vars?: Record<string, MessageVar>): void => useToasts.getState().push('failed', { key, vars });

/**
 * A failure as "Failed: …": a main-process error by its key (so it too follows the language),
 * anything else by its message as written.
 */
export const toastError = (e: unknown): void => {
  const message: MessageVar = e instanceof ApiCallError && e.error.i18n ? e.error.i18n : e instanceof Error ? e.message : String(e);
  toastFailed('toast.failed', { message });
};
