/** Past imports, newest first, each with Undo (after a confirmation). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportBatchView } from '../../../shared/contract/import';
import { useImport } from '../stores/import';
import { ImportConfirm } from './ImportConfirm';
import { useShortcut } from '../hooks/useShortcut';

export function ImportHistory() {
  const { t, i18n } = useTranslation();
  const history = useImport((s) => s.history);
  const undo = useImport((s) => s.undo);
  const busy = useImport((s) => s.busy);
  const [confirming, setConfirming] = useState<ImportBatchView | null>(null);
  // Ctrl+Z: the newest import that still counts, after the same confirmation
  const last = history.find((b) => !b.undoneAt);
  useShortcut('undo', last && busy === null ? () => setConfirming(last) : null);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="card import-history" aria-labelledby="import-history-title">
      <h2 id="import-history-title">{t('importPage.history')}</h2>
      {history.length === 0 && <p className="muted small">{t('importPage.noHistory')}</p>}
      <ul>
        {history.map((b) => (
          <li key={b.id} data-import-id={b.id} className={b.undoneAt ? 'undone' : ''}>
            <div className="hist-main">
              <span className="hist-title" title={b.fileName}>
                #{b.id} {b.fileName}
              </span>
              <span className="muted small">
                {[b.sheet, b.supplier, t('importPage.quotes', { n: b.rowCount }), when(b.importedAt)].filter(Boolean).join(' · ')}
              </span>
            </div>
            {b.undoneAt ? (
              <span className="badge status-skipped" title={when(b.undoneAt)}>
                {t('importPage.undoneBadge')}
              </span>
            ) : (
              <button className="danger" disabled={busy !== null} onClick={() => setConfirming(b)} aria-label={`${t('importPage.undo')} #${b.id}`}>
                {t('importPage.undo')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {confirming && (
        <ImportConfirm
          title={t('importPage.undoTitle', { id: confirming.id })}
          text={t('importPage.undoText', { n: confirming.rowCount, file: confirming.fileName })}
          confirmLabel={t('importPage.confirmUndo')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const id = confirming.id;
            setConfirming(null);
            void undo(id);
          }}
        />
      )}
    </section>
  );
}
