/** The keyboard shortcut overlay (? or Ctrl+/): a modal dialog, Escape or Close leaves it, focus returns where it was. */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isMac, SHORTCUT_COMMANDS, SHORTCUT_KEYS, useShortcuts } from '../stores/shortcuts';
import { useModalFocus } from '../hooks/useModalFocus';

export function ShortcutsHelp() {
  const { t } = useTranslation();
  const open = useShortcuts((s) => s.helpOpen);
  const setOpen = useShortcuts((s) => s.setHelpOpen);
  if (!open) return null;
  return <Overlay onClose={() => setOpen(false)} mod={isMac() ? '⌘' : 'Ctrl'} t={t} />;
}

function Overlay({ onClose, mod, t }: { onClose: () => void; mod: string; t: (k: string) => string }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useModalFocus(boxRef, closeRef, onClose);

  const rows: [string, string][] = [
    ...SHORTCUT_COMMANDS.map((c): [string, string] => [`${mod}+${SHORTCUT_KEYS[c].toUpperCase()}`, t(`shortcuts.${c}`)]),
    [`? · ${mod}+/`, t('shortcuts.help')],
  ];
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" aria-describedby="shortcuts-hint" ref={boxRef} onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <table className="shortcuts-table">
          <thead className="sr-only">
            <tr>
              <th scope="col">{t('shortcuts.key')}</th>
              <th scope="col">{t('shortcuts.action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p id="shortcuts-hint" className="small muted">
          {t('shortcuts.hint')}
        </p>
        <div className="modal-actions">
          <button ref={closeRef} onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
