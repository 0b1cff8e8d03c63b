/**
 * A quote typed by hand: a new one for the part, or a correction of a current quote (a new
 * quote that supersedes it; the form starts from the old quote's values). Prices as people
 * write them ("12.5万", "¥125,000", "USD 28,500"); problems shown under their field, in the
 * UI language.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeFormIssue, type FormIssue, type QuoteFormField, type QuoteFormText } from '../../../shared/domain/manual-quote';
import type { PriceHistoryRow } from '../../../shared/domain/price-history';
import { useQuotes } from '../stores/quotes';

type Notice = { key: string; vars: Record<string, string | number> };

function startFrom(row: PriceHistoryRow | null): QuoteFormText {
  if (!row) return { vat: undefined };
  const asQuoted = row.vatIncluded ? row.priceInclVat : row.priceExVat;
  return {
    supplier: row.supplier,
    price: `${row.currency === 'CNY' ? '¥' : `${row.currency} `}${asQuoted}`,
    vat: row.vatIncluded ? 'included' : 'excluded',
    vatRate: `${Math.round(row.vatRate * 1000) / 10}%`,
    quoteDate: row.quoteDate,
    validUntil: row.validUntil ?? '',
    leadTime: row.leadTimeWeeks === null ? '' : `${row.leadTimeWeeks} weeks`,
    moq: row.moq === null ? '' : String(row.moq),
    quoteNumber: row.quoteNumber,
  };
}

export function QuoteForm({ partName, correcting, onDone, onCancel }: { partName: string; correcting: PriceHistoryRow | null; onDone: (n: Notice, vatAssumed: boolean) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const add = useQuotes((s) => s.add);
  const correct = useQuotes((s) => s.correct);
  const [form, setForm] = useState<QuoteFormText>(() => startFrom(correcting));
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tr = (key: string, vars?: Record<string, string | number>) => t(key, vars ?? {});
  const errorOf = (f: QuoteFormField) => issues.filter((i) => i.field === f).map((i) => describeFormIssue(i, tr));

  const field = (f: Exclude<QuoteFormField, 'vat'>, opts: { placeholder?: string; wide?: boolean } = {}) => {
    const errs = errorOf(f);
    return (
      <label className={`quote-field${opts.wide ? ' wide' : ''}${errs.length ? ' invalid' : ''}`}>
        <span>{t(`quotes.fields.${f}`)}</span>
        <input
          name={f}
          value={form[f] ?? ''}
          placeholder={opts.placeholder}
          aria-invalid={errs.length > 0}
          onChange={(e) => setForm({ ...form, [f]: e.target.value })}
        />
        {errs.map((m, i) => (
          <span key={i} className="field-error" role="alert">
            {m}
          </span>
        ))}
      </label>
    );
  };

  const submit = async () => {
    setBusy(true);
    const r = correcting ? await correct(correcting, form) : await add(form);
    setBusy(false);
    if (r.ok) onDone(r.notice, r.vatAssumed);
    else {
      setIssues(r.issues);
      setMessage(r.message);
    }
  };

  const vatErrors = errorOf('vat');
  return (
    <form
      className="quote-form card"
      aria-label={correcting ? t('quotes.correctTitle', { id: correcting.id }) : t('quotes.addTitle', { part: partName })}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4>{correcting ? t('quotes.correctTitle', { id: correcting.id }) : t('quotes.addTitle', { part: partName })}</h4>
      {correcting?.form === 'server' && <p className="small muted">{t('quotes.serverCorrection', { cards: correcting.cardsPerServer ?? '?' })}</p>}
      <div className="quote-grid">
        {field('supplier', { wide: true })}
        {field('price', { placeholder: t('quotes.pricePlaceholder') })}
        <label className={`quote-field${vatErrors.length ? ' invalid' : ''}`}>
          <span>{t('quotes.fields.vat')}</span>
          <select name="vat" value={form.vat ?? ''} onChange={(e) => setForm({ ...form, vat: (e.target.value || undefined) as QuoteFormText['vat'] })}>
            <option value="">{t('quotes.vatFromText')}</option>
            <option value="included">{t('quotes.vatIncluded')}</option>
            <option value="excluded">{t('quotes.vatExcluded')}</option>
          </select>
          {vatErrors.map((m, i) => (
            <span key={i} className="field-error" role="alert">
              {m}
            </span>
          ))}
        </label>
        {field('vatRate', { placeholder: '13%' })}
        {field('quoteDate', { placeholder: t('quotes.datePlaceholder') })}
        {field('validUntil', { placeholder: t('quotes.datePlaceholder') })}
        {field('leadTime', { placeholder: t('quotes.leadTimePlaceholder') })}
        {field('moq')}
        {field('quoteNumber')}
        {field('note', { wide: true })}
      </div>
      {message && (
        <div className="error-banner" role="alert">
          {message}
        </div>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          {t('quotes.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {correcting ? t('quotes.saveCorrection') : t('quotes.save')}
        </button>
      </div>
    </form>
  );
}
