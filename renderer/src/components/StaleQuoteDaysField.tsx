/** Settings: after how many days a quote is flagged stale (the price policy's `staleQuoteDays`), validated as typed. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readStaleDays } from '../../../shared/domain/price-pin';
import { usePricePolicy } from '../stores/price-policy';

export function StaleQuoteDaysField() {
  const { t } = useTranslation();
  const staleDays = usePricePolicy((s) => s.staleDays);
  const load = usePricePolicy((s) => s.load);
  const save = usePricePolicy((s) => s.save);
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const shown = text ?? (staleDays === null ? '' : String(staleDays));
  const days = readStaleDays(shown);
  const invalid = text !== null && days === null;
  return (
    <div className="row stale-days">
      <label className={`num-field${invalid ? ' invalid' : ''}`}>
        <span>{t('price.stale.label')}</span>
        <input inputMode="numeric" aria-invalid={invalid} aria-describedby="stale-days-hint" value={shown} onChange={(e) => (setText(e.target.value), setStatus(null))} />
      </label>
      <button
        disabled={days === null || days === staleDays}
        onClick={() =>
          void (async () => {
            if (days === null) return;
            try {
              if (await save(days)) {
                setText(null);
                setStatus({ ok: true, text: t('price.stale.saved', { days }) });
              }
            } catch (e) {
              setStatus({ ok: false, text: (e as Error).message });
            }
          })()
        }
      >
        {t('price.stale.save')}
      </button>
      <p id="stale-days-hint" className="small muted">
        {t('price.stale.hint')}
      </p>
      {invalid && (
        <p className="field-error" role="alert">
          {t('price.stale.invalid')}
        </p>
      )}
      {status && (
        <p className={status.ok ? 'small' : 'field-error'} role="status">
          {status.text}
        </p>
      )}
    </div>
  );
}
