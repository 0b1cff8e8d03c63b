/**
 * The app's notes that something is done or failed, bottom right. Two live regions that are
 * always there (a region added with its text is often not read): done politely, failures at once.
 */
import { useTranslation } from 'react-i18next';
import { translateWith } from '../../../shared/i18n/translate';
import { useToasts, type Toast, type ToastKind } from '../stores/toast';

function Region({ kind, toasts }: { kind: ToastKind; toasts: Toast[] }) {
  // translated here, in the language now chosen: a language switch re-renders open notes
  const { t } = useTranslation();
  const dismiss = useToasts((s) => s.dismiss);
  return (
    // live regions without a role: an empty role=alert or status would be one more "alert" on every page
    <div className={`toast-region ${kind}`} aria-live={kind === 'failed' ? 'assertive' : 'polite'} aria-atomic="false">
      {toasts
        .filter((x) => x.kind === kind)
        .map((x) => (
          <div key={x.id} className={`toast ${kind}`} data-toast={kind}>
            <span className="toast-text">{translateWith((k, v) => t(k, v), x.message)}</span>
            <button className="toast-close" aria-label={t('common.close')} onClick={() => dismiss(x.id)}>
              ✕
            </button>
          </div>
        ))}
    </div>
  );
}

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="toasts">
      <Region kind="failed" toasts={toasts} />
      <Region kind="done" toasts={toasts} />
    </div>
  );
}
