/** A small modal confirmation: Enter confirms, Escape cancels, focus starts on the confirm button and stays inside. */
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalFocus } from '../hooks/useModalFocus';

export function ImportConfirm(props: { title: string; text: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const { onConfirm, onCancel } = props;

  // Enter confirms unless the user tabbed to Cancel (whose own Enter cancels).
  const onEnter = useCallback(
    (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || (e.target instanceof HTMLButtonElement && e.target !== confirmRef.current)) return false;
      onConfirm();
      return true;
    },
    [onConfirm],
  );
  useModalFocus(boxRef, confirmRef, onCancel, onEnter);

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
