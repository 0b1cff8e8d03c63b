/**
 * Focus handling of the app's modal dialogs (the import confirm, the shortcut overlay): focus
 * starts on `initial` and returns where it was when the dialog closes; Tab and Shift+Tab stay
 * inside `box`; Escape calls `onEscape`. `onKey` sees every other key first (the confirm's Enter)
 * and returns true when it handled it.
 */
import { useEffect, type RefObject } from 'react';

export function useModalFocus(box: RefObject<HTMLElement | null>, initial: RefObject<HTMLElement | null>, onEscape: () => void, onKey?: (e: KeyboardEvent) => boolean): void {
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    initial.current?.focus();
    return () => before?.focus();
  }, [initial]);

  useEffect(() => {
    const handle = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onEscape();
      } else if (onKey?.(e)) {
        e.preventDefault();
      } else if (e.key === 'Tab') {
        const items = box.current?.querySelectorAll<HTMLElement>('button, [tabindex="0"]');
        if (!items || items.length === 0) return;
        const first = items[0]!;
        const last = items[items.length - 1]!;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        } else if (!box.current?.contains(document.activeElement)) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', handle);
    return () => document.removeEventListener('keydown', handle);
  }, [box, onEscape, onKey]);
}
