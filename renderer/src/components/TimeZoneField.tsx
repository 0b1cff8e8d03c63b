/** The time zone calendar dates are taken in (quote dates, report dates, quote age): the main process validates it. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../stores/settings';

const ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

export function TimeZoneField({ labelClass }: { labelClass?: string }) {
  const { t } = useTranslation();
  const zone = useSettings((s) => s.zone);
  const setTimeZone = useSettings((s) => s.setTimeZone);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const apply = async (value: string | null) => {
    setError(null);
    try {
      await setTimeZone(value);
      setDraft(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      <label className={labelClass}>
        <span>{t('settings.timeZone')}</span>
        <input list="time-zones" aria-label={t('settings.timeZone')} value={draft ?? zone.timeZone} onChange={(e) => setDraft(e.target.value)} />
        <datalist id="time-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <button disabled={draft === null || draft === zone.timeZone} onClick={() => void apply(draft)}>
        {t('settings.timeZoneSet')}
      </button>
      <button disabled={!zone.saved} onClick={() => void apply(null)}>
        {t('settings.timeZoneSystem')}
      </button>
      <p className="small muted">{t('settings.timeZoneHint', { zone: zone.system, today: zone.today })}</p>
      {error && <div className="error-banner" role="alert">{error}</div>}
    </>
  );
}
