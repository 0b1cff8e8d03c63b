/**
 * A build line's pin: the price policy's choice (default), one supplier's latest quote, or one
 * quote of the part, from its price history (shared/domain/price-pin reads the choices). Saved
 * with the line as pinQuoteId / pinSupplier; the evaluation follows.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { pinChoices, pinOfValue, pinValue, type LinePin } from '../../../shared/domain/price-pin';
import { formatMajor } from '../../../shared/money';
import { usePartQuotes } from '../stores/part-quotes';

export interface PinPickerProps {
  item: string;
  pin: LinePin;
  /** The select's accessible name ("Price from 1"). */
  label: string;
  /** The text shown before it ("Price from"). */
  caption: string;
  /** The line sets its own price: the pin is kept but not used. */
  overridden: boolean;
  onChange: (p: { pinQuoteId: number | undefined; pinSupplier: string | undefined }) => void;
}

export function PinPicker({ item, pin, label, caption, overridden, onChange }: PinPickerProps) {
  const { t } = useTranslation();
  const history = usePartQuotes((s) => s.histories[item]);
  const failed = usePartQuotes((s) => s.errors[item] !== undefined);
  const ensure = usePartQuotes((s) => s.ensure);
  useEffect(() => {
    if (!history && !failed) void ensure(item);
  }, [item, history, failed, ensure]);
  const value = pinValue(pin);
  const choices = history ? pinChoices(history) : { suppliers: [], quotes: [] };
  const known = value === '' || choices.suppliers.some((s) => `supplier:${s}` === value) || choices.quotes.some((q) => `quote:${q.id}` === value);
  return (
    <label className="pin-picker">
      <span aria-hidden="true">{caption}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(pinOfValue(e.target.value))}>
        <option value="">{t('price.pin.policy')}</option>
        {!history && !failed && (
          <option value="loading" disabled>
            {t('price.pin.loading')}
          </option>
        )}
        {!known && <option value={value}>{pin.pinQuoteId !== undefined ? t('price.pin.missing', { id: pin.pinQuoteId }) : t('price.pin.supplier', { name: pin.pinSupplier })}</option>}
        {choices.suppliers.length > 0 && (
          <optgroup label={t('price.pin.suppliers')}>
            {choices.suppliers.map((s) => (
              <option key={s} value={`supplier:${s}`}>
                {t('price.pin.supplier', { name: s })}
              </option>
            ))}
          </optgroup>
        )}
        {choices.quotes.length > 0 && (
          <optgroup label={t('price.pin.quotes')}>
            {choices.quotes.map((q) => {
              const notes = [q.chosen && t('price.pin.used'), q.estimate && t('price.pin.estimate'), q.expired && t('price.pin.expired'), q.stale && t('price.pin.stale')].filter(Boolean).join(', ');
              return (
                <option key={q.id} value={`quote:${q.id}`}>
                  {t('price.pin.quote', { id: q.id, supplier: q.supplier, date: q.quoteDate, price: q.cardExVat === null ? '–' : formatMajor(q.cardExVat, q.currency) })}
                  {notes ? ` (${notes})` : ''}
                </option>
              );
            })}
          </optgroup>
        )}
      </select>
      {overridden && <span className="small">{t('price.pin.overridden')}</span>}
    </label>
  );
}
