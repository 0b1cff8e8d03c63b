/**
 * Keyboard shortcuts: the commands (save, open, search, undo, print), what the page on screen
 * does for each (pages register while mounted), and whether the help overlay is open.
 */
import { create } from 'zustand';

export const SHORTCUT_COMMANDS = ['save', 'openFile', 'search', 'undo', 'print'] as const;
export type ShortcutCommand = (typeof SHORTCUT_COMMANDS)[number];

/** The key after Ctrl (⌘ on macOS) for each command. */
export const SHORTCUT_KEYS: Record<ShortcutCommand, string> = { save: 's', openFile: 'o', search: 'f', undo: 'z', print: 'p' };

/** Commands that also work while the focus is in a text field (the others are the field's own: undo, …). */
export const WHILE_TYPING: ReadonlySet<ShortcutCommand> = new Set(['save', 'search']);

type Handler = () => void;

interface ShortcutState {
  /** The newest registration of each command wins; removing it brings back the one before. */
  handlers: Partial<Record<ShortcutCommand, Handler[]>>;
  helpOpen: boolean;
  register(command: ShortcutCommand, handler: Handler): () => void;
  /** Run the command's handler; false when nothing on screen handles it. */
  run(command: ShortcutCommand): boolean;
  setHelpOpen(open: boolean): void;
}

export const useShortcuts = create<ShortcutState>((set, get) => ({
  handlers: {},
  helpOpen: false,
  register(command, handler) {
    set({ handlers: { ...get().handlers, [command]: [...(get().handlers[command] ?? []), handler] } });
    return () => set({ handlers: { ...get().handlers, [command]: (get().handlers[command] ?? []).filter((h) => h !== handler) } });
  },
  run(command) {
    const list = get().handlers[command] ?? [];
    const h = list[list.length - 1];
    if (!h) return false;
    h();
    return true;
  },
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));

/** macOS uses ⌘ where other systems use Ctrl. */
export const isMac = (): boolean => /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent);
