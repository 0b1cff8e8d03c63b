/** Keyboard shortcuts: a page's handler for a command while it is mounted, and the app's one key listener. */
import { useEffect, useRef } from 'react';
import { isMac, SHORTCUT_COMMANDS, SHORTCUT_KEYS, WHILE_TYPING, useShortcuts, type ShortcutCommand } from '../stores/shortcuts';

/** While mounted, `handler` answers the command (the latest handler is called, so it may change every render). */
export function useShortcut(command: ShortcutCommand, handler: (() => void) | null): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  const enabled = handler !== null;
  useEffect(() => {
    if (!enabled) return;
    return useShortcuts.getState().register(command, () => ref.current?.());
  }, [command, enabled]);
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/** The app's key listener: Ctrl (⌘) + S/O/F/Z/P to the page's handlers, ? or Ctrl+/ for the help overlay. */
export function useShortcutKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const mod = isMac() ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
      const typing = typingIn(e.target);
      const { helpOpen, setHelpOpen, run } = useShortcuts.getState();
      if ((mod && e.key === '/') || (!mod && !typing && !e.altKey && e.key === '?')) {
        e.preventDefault();
        setHelpOpen(!helpOpen);
        return;
      }
      if (!mod || e.altKey || e.shiftKey) return;
      // another dialog on screen owns the keyboard
      if (document.querySelector('[aria-modal="true"]')) return;
      const command = SHORTCUT_COMMANDS.find((c) => SHORTCUT_KEYS[c] === e.key.toLowerCase());
      if (!command || (typing && !WHILE_TYPING.has(command))) return;
      // the desktop app's File ▸ Open scenario owns CmdOrCtrl+O (electron/app/menu.ts) and sends app:open-file
      if (command === 'openFile' && window.procure?.on) return;
      if (run(command)) return e.preventDefault();
      // find: the page's search field, whichever page it is (the catalog's)
      const search = command === 'search' ? document.querySelector<HTMLInputElement>('main input[type="search"]') : null;
      if (search) {
        search.focus();
        search.select();
      }
      // save, open and print keep their meaning in the app: the browser's save-page and print dialogs do not apply
      if (search || command === 'save' || command === 'print' || command === 'openFile') e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
