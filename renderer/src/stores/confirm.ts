/**
 * The app's one question before something that cannot be taken back (a restore over the
 * database): `askConfirm` answers a promise, the dialog in App asks it in the app's own look.
 */
import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  text: string;
  confirmLabel: string;
}

interface ConfirmState {
  request: (ConfirmRequest & { resolve(ok: boolean): void }) | null;
  answer(ok: boolean): void;
}

export const useConfirm = create<ConfirmState>((set, get) => ({
  request: null,
  answer(ok) {
    const r = get().request;
    set({ request: null });
    r?.resolve(ok);
  },
}));

/** Ask; true when the user confirms, false on Cancel, Escape or a click outside. A second question cancels the first. */
export function askConfirm(request: ConfirmRequest): Promise<boolean> {
  useConfirm.getState().request?.resolve(false);
  return new Promise((resolve) => useConfirm.setState({ request: { ...request, resolve } }));
}
