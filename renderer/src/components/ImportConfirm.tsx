/** A small modal confirmation: Enter confirms, Escape cancels, focus starts on the confirm button and stays inside. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function ImportConfirm(props: { title: string; text: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const { onConfirm, onCancel } = props;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    confirmRef.current?.focus();
    return () => before?.focus();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCancel();
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement && e.target !== confirmRef.current)) {
        // Enter confirms unless the user tabbed to Cancel (whose own Enter cancels).
        e.preventDefault();
        onConfirm();
      } else if (e.key === 'Tab') {
        const buttons = boxRef.current?.querySelectorAll('button');
        if (!buttons || buttons.length === 0) return;
        const first = buttons[0]!;
        const last = buttons[buttons.length - 1]!;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onConfirm, onCancel]);

  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <div
        className="modal card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="import-confirm-title"
        aria-describedby="import-confirm-text"
        ref={boxRef}
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="import-confirm-title">{props.title}</h2>
        <p id="import-confirm-text">{props.text}</p>
        <div className="modal-actions">
          <button onClick={onCancel}>{t('common.cancel')}</button>
          <button ref={confirmRef} className="primary danger-fill" onClick={onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
