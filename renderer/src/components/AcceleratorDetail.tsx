/** The details panel: every figure with its source, as-of date and an estimate badge; price history. */
import { useTranslation } from 'react-i18next';
import { FIGURE_KEYS, sourceOf } from '../../../shared/domain/accelerator';
import { figureValue, formatFigure } from '../../../shared/domain/figures';
import { sayStored } from '../../../shared/domain/stored-words';
import { formatMajor } from '../../../shared/money';
import { lazy, Suspense, useState } from 'react';
import { useCatalog, selectSelected } from '../stores/catalog';

// The price history (and the charts' library it draws with) loads when first opened, not with the Catalog page.
const PriceHistory = lazy(() => import('./PriceHistory').then((m) => ({ default: m.PriceHistory })));

export function AcceleratorDetail({ onEdit }: { onEdit: () => void }) {
  const { t } = useTranslation();
  const acc = useCatalog(selectSelected);
  const quotes = useCatalog((s) => s.quotes);
  const select = useCatalog((s) => s.select);
  const [historyOpen, setHistoryOpen] = useState(false);
  if (!acc) return null;
  return (
    <aside className="detail-panel" aria-label={`${acc.vendor} ${acc.model}`}>
      <header>
        <div>
          <div className="muted">{acc.vendor}</div>
          <h2>{acc.model}</h2>
          {acc.aliases.length > 0 && (
            <div className="muted small">
              {t('detail.aliases')}: {acc.aliases.join(', ')}
            </div>
          )}
        </div>
        <div className="actions">
          <button onClick={onEdit}>{t('common.edit')}</button>
          <button aria-label={t('detail.close')} onClick={() => void select(null)}>
            ✕
          </button>
        </div>
      </header>
      <h3>{t('detail.figures')}</h3>
      <table className="figures">
        <thead>
          <tr>
            <th>{t('detail.value')}</th>
            <th>{t('detail.source')}</th>
          </tr>
        </thead>
        <tbody>
          {FIGURE_KEYS.map((key) => {
            const f = figureValue(acc, key);
            if (f.value === undefined) return null;
            const src = sourceOf(acc, key);
            const shown =
              key === 'exportControl'
                ? `${t('detail.exportCN')}: ${t(`export.${acc.exportControl.CN}`)}; ${t('detail.exportOther')}: ${t(`export.${acc.exportControl.other}`)}`
                : typeof f.value === 'string'
                  ? sayStored(formatFigure(f), t) // "HBM (type not disclosed)": the seed's words in the UI's language
                  : formatFigure(f);
            return (
              <tr key={key} data-figure={key}>
                <td>
                  <div className="muted small">{t(`figure.${key}`)}</div>
                  <strong>{shown}</strong>
                  {src.estimate && <span className="badge estimate">{t('common.estimate')}</span>}
                </td>
                <td className="source">
                  <div>{src.title}</div>
                  {src.url && <div className="url small">{src.url}</div>}
                  <div className="muted small">
                    {t('detail.asOf')} {src.asOf}
                  </div>
                  {src.note && <div className="note small">{src.note}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('detail.efficiency')}</h3>
      <dl className="kv">
        <dt>{t('detail.mbu')}</dt>
        <dd>{acc.mbu}</dd>
        <dt>{t('detail.mfu')}</dt>
        <dd>{acc.mfu}</dd>
        <dt>{t('detail.maturity')}</dt>
        <dd>{acc.softwareMaturity}</dd>
      </dl>
      <h3>{t('detail.quotes')}</h3>
      <button className="primary" onClick={() => setHistoryOpen(true)}>
        {t('priceHistory.open')}
      </button>
      {historyOpen && (
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <PriceHistory item={acc.slug} onClose={() => setHistoryOpen(false)} />
        </Suspense>
      )}
      {quotes.length === 0 ? (
        <p className="muted">{t('detail.noQuotes')}</p>
      ) : (
        <table className="quotes">
          <tbody>
            {quotes.map((q) => (
              <tr key={q.id} className={q.status === 'current' ? '' : 'muted'}>
                <td>{q.quoteDate}</td>
                <td className="num">
                  {formatMajor(q.price, q.currency)}
                  {q.kind === 'rental-card-hour' ? ' /h' : ''}
                  <span className="muted small"> {t(q.vatIncluded ? 'priceHistory.quotedIncl' : 'priceHistory.quotedEx')}</span>
                  {q.source.estimate && <span className="badge estimate">{t('common.estimate')}</span>}
                  {q.status !== 'current' && <span className="badge">{t(`priceHistory.state.${q.status}`)}</span>}
                </td>
                <td className="small">{q.supplier || q.source.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {acc.notes && (
        <>
          <h3>{t('detail.notes')}</h3>
          <p className="small">{acc.notes}</p>
        </>
      )}
    </aside>
  );
}
