/**
 * A part's price history as a buyer reads it: the ex-VAT price over time per supplier (chart),
 * each supplier's latest quote side by side, and every quote with its ex- and incl-VAT price,
 * dates, lead time, status and source; quotes added, corrected and retired by hand here;
 * exported to XLSX or CSV. Opened from the catalog's detail panel.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { priceHistoryOption } from '../../../shared/charts/price-history';
import { isStandingPurchase, type PriceHistoryRow } from '../../../shared/domain/price-history';
import { formText, sourceText, stateText } from '../../../shared/report/price-tables';
import type { Lang } from '../../../shared/i18n/translate';
import { formatMajor } from '../../../shared/money';
import { useQuotes } from '../stores/quotes';
import { useSettings } from '../stores/settings';
import { Chart } from './Chart';
import { QuoteForm } from './QuoteForm';

type Notice = { key: string; vars: Record<string, string | number> };

export function PriceHistory({ item, onClose }: { item: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const dark = useSettings((s) => s.dark);
  const history = useQuotes((s) => s.history);
  const error = useQuotes((s) => s.error);
  const load = useQuotes((s) => s.load);
  const retire = useQuotes((s) => s.retire);
  const exportHistory = useQuotes((s) => s.exportHistory);
  const [form, setForm] = useState<{ correcting: PriceHistoryRow | null } | null>(null);
  const [retiring, setRetiring] = useState<{ id: number; reason: string; error: string | null } | null>(null);
  const [notice, setNotice] = useState<{ n: Notice; vatAssumed: boolean } | null>(null);

  useEffect(() => {
    void load(item);
  }, [item, load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !form && !retiring && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form, retiring, onClose]);

  const option = useMemo(() => (history ? priceHistoryOption(history.rows, { lang, dark, currency: history.currency }, history.name) : null), [history, lang, dark]);
  const charted = history?.rows.some((r) => isStandingPurchase(r) && r.cardExVat !== null) ?? false;

  const weeks = (w: number | null) => (w === null ? '–' : t('priceHistory.weeks', { n: w }));
  const doRetire = async () => {
    if (!retiring) return;
    if (!retiring.reason.trim()) return setRetiring({ ...retiring, error: t('quotes.invalid.reasonMissing') });
    const r = await retire(retiring.id, retiring.reason);
    if (r.ok) {
      setRetiring(null);
      setNotice({ n: r.notice, vatAssumed: false });
    } else setRetiring({ ...retiring, error: r.message });
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <section className="price-history card" role="dialog" aria-modal="true" aria-label={`${t('priceHistory.title')}: ${history?.name ?? item}`}>
        <header className="price-history-head">
          <h2>
            {t('priceHistory.title')}: {history?.name ?? item}
          </h2>
          <div className="actions">
            <button className="primary" onClick={() => setForm({ correcting: null })} disabled={!history}>
              + {t('quotes.add')}
            </button>
            <button onClick={() => void exportHistory('xlsx')}>{t('priceHistory.exportXlsx')}</button>
            <button onClick={() => void exportHistory('csv')}>{t('priceHistory.exportCsv')}</button>
            <button aria-label={t('common.close')} onClick={onClose}>
              ✕
            </button>
          </div>
        </header>
        {error && (
          <div className="error-banner" role="alert">
            {error}
          </div>
        )}
        {notice && (
          <div className="notice" role="status">
            {t(notice.n.key, notice.n.vars)}
            {notice.vatAssumed && <div className="small">{t('quotes.vatAssumed')}</div>}
          </div>
        )}
        {form && history && (
          <QuoteForm
            key={form.correcting?.id ?? 'new'}
            partName={history.name}
            correcting={form.correcting}
            onCancel={() => setForm(null)}
            onDone={(n, vatAssumed) => {
              setForm(null);
              setNotice({ n, vatAssumed });
            }}
          />
        )}
        {retiring && (
          <form
            className="quote-form card"
            aria-label={t('quotes.retireTitle', { id: retiring.id })}
            onSubmit={(e) => {
              e.preventDefault();
              void doRetire();
            }}
          >
            <h4>{t('quotes.retireTitle', { id: retiring.id })}</h4>
            <label className={`quote-field wide${retiring.error ? ' invalid' : ''}`}>
              <span>{t('quotes.fields.reason')}</span>
              <input name="reason" value={retiring.reason} onChange={(e) => setRetiring({ ...retiring, reason: e.target.value, error: null })} />
              {retiring.error && (
                <span className="field-error" role="alert">
                  {retiring.error}
                </span>
              )}
            </label>
            <div className="modal-actions">
              <button type="button" onClick={() => setRetiring(null)}>
                {t('quotes.cancel')}
              </button>
              <button type="submit" className="primary">
                {t('quotes.retire')}
              </button>
            </div>
          </form>
        )}
        {history && (
          <div className="price-history-body">
            {charted && option ? <Chart name={`price-history-${item}`} option={option} height={280} /> : <p className="muted">{t('priceHistory.noChart')}</p>}
            {history.latestPerSupplier.length > 0 && (
              <>
                <h3>{t('priceHistory.compare')}</h3>
                <table className="data-table supplier-compare">
                  <thead>
                    <tr>
                      <th>{t('priceHistory.cols.supplier')}</th>
                      <th className="num">{t('priceHistory.cols.cardExVat', { currency: history.currency })}</th>
                      <th>{t('priceHistory.cols.quoteDate')}</th>
                      <th className="num">{t('priceHistory.cols.age')}</th>
                      <th>{t('priceHistory.cols.validUntil')}</th>
                      <th>{t('priceHistory.cols.leadTime')}</th>
                      <th>{t('priceHistory.cols.state')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.latestPerSupplier.map((r) => (
                      <tr key={r.id} data-supplier={r.supplier}>
                        <td>{r.supplier}</td>
                        <td className="num">
                          {r.cardExVat === null ? '–' : formatMajor(r.cardExVat, history.currency)}
                          {r.id === history.chosenId && <span className="badge pass">{t('priceHistory.used')}</span>}
                          {r.estimate && <span className="badge estimate">{t('common.estimate')}</span>}
                        </td>
                        <td>{r.quoteDate}</td>
                        <td className="num">
                          {r.ageDays}
                          {r.stale && <span className="badge estimate">{t('priceHistory.stale', { days: history.staleDays })}</span>}
                        </td>
                        <td>{r.validUntil ?? '–'}</td>
                        <td>{weeks(r.leadTimeWeeks)}</td>
                        <td>
                          <span className={`badge state-${r.state}`}>{t(`priceHistory.state.${r.state}`)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            <h3>{t('detail.quotes')}</h3>
            {history.rows.length === 0 ? (
              <p className="muted">{t('detail.noQuotes')}</p>
            ) : (
              <table className="data-table quote-history">
                <thead>
                  <tr>
                    <th>{t('priceHistory.cols.id')}</th>
                    <th>{t('priceHistory.cols.supplier')}</th>
                    <th>{t('priceHistory.cols.form')}</th>
                    <th>{t('priceHistory.cols.quoteDate')}</th>
                    <th>{t('priceHistory.cols.validUntil')}</th>
                    <th>{t('priceHistory.cols.leadTime')}</th>
                    <th className="num">{t('priceHistory.cols.exVat')}</th>
                    <th className="num">{t('priceHistory.cols.inclVat')}</th>
                    <th>{t('priceHistory.cols.state')}</th>
                    <th>{t('priceHistory.cols.source')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {history.rows.map((r) => (
                    <tr key={r.id} data-quote={r.id} data-state={r.state} className={r.state === 'current' || r.state === 'expired' ? '' : 'muted'}>
                      <td>#{r.id}</td>
                      <td>{r.supplier}</td>
                      <td>{formText(r, lang)}</td>
                      <td>{r.quoteDate}</td>
                      <td>{r.validUntil ?? '–'}</td>
                      <td>{weeks(r.leadTimeWeeks)}</td>
                      <td className="num">
                        {formatMajor(r.priceExVat, r.currency)}
                        {!r.vatIncluded && <span className="muted small"> ({t('priceHistory.quotedEx')})</span>}
                      </td>
                      <td className="num">
                        {formatMajor(r.priceInclVat, r.currency)}
                        {r.vatIncluded && <span className="muted small"> ({t('priceHistory.quotedIncl')})</span>}
                      </td>
                      <td>
                        <span className={`badge state-${r.state}`}>{t(`priceHistory.state.${r.state}`)}</span>
                        {r.estimate && <span className="badge estimate">{t('common.estimate')}</span>}
                        {r.id === history.chosenId && <span className="badge pass">{t('priceHistory.used')}</span>}
                        {r.stale && (r.state === 'current' || r.state === 'expired') && <span className="badge estimate">{t('priceHistory.stale', { days: history.staleDays })}</span>}
                        {(r.retired || r.supersedesId !== null) && <div className="small muted">{stateText(r, lang).split('; ').slice(1).join('; ')}</div>}
                      </td>
                      <td className="small">{sourceText(r, lang)}</td>
                      <td>
                        <div className="row-actions">
                        {r.state !== 'retired' && r.state !== 'superseded' && !r.rental && (
                          <button onClick={() => setForm({ correcting: r })} aria-label={`${t('quotes.correct')} #${r.id}`}>
                            {t('quotes.correct')}
                          </button>
                        )}
                        {r.state !== 'retired' && r.state !== 'superseded' && (
                          <button onClick={() => setRetiring({ id: r.id, reason: '', error: null })} aria-label={`${t('quotes.retire')} #${r.id}`}>
                            {t('quotes.retire')}
                          </button>
                        )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
