/**
 * A price typed as people write it ("120000", "12万", "¥120,000", "USD 28,500", full-width
 * digits), read by the importer's own parser (shared/document/price-text). Keeps the text as
 * typed; reports an amount and its currency (the typed one, else `currency`) only when valid,
 * and says why under the field, in the UI language, when not.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePrice } from '../../../shared/document/price-text';
import type { Currency, MajorMoney } from '../../../shared/money';

function textOf(v: MajorMoney | undefined, currency: Currency): string {
  if (v === undefined) return '';
  return v.currency === currency ? String(v.amount) : `${v.currency} ${v.amount}`;
}

export function MoneyField(props: { label: string; value: MajorMoney | undefined; currency: Currency; onChange: (v: MajorMoney | undefined) => void; hideLabel?: boolean }) {
  const { t } = useTranslation();
  const { label, value, currency, onChange } = props;
  const [text, setText] = useState(textOf(value, currency));
  const [error, setError] = useState<string | null>(null);
  // A new value from outside replaces the text unless the text already says it (adjusted while rendering).
  const [synced, setSynced] = useState(value);
  if (synced?.amount !== value?.amount || synced?.currency !== value?.currency) {
    setSynced(value);
    const p = text.trim() === '' ? null : parsePrice(text);
    const same = p?.ok ? p.value.amount === value?.amount && (p.value.currency ?? currency) === value?.currency : text.trim() === '' && value === undefined;
    if (!same) setText(textOf(value, currency));
  }
  return (
    <label className={`num-field${error ? ' invalid' : ''}`}>
      <span className={props.hideLabel ? 'sr-only' : undefined}>{label}</span>
      <input
        inputMode="decimal"
        aria-invalid={error !== null}
        value={text}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          if (raw.trim() === '') {
            setError(null);
            onChange(undefined);
            return;
          }
          const p = parsePrice(raw);
          if (!p.ok) {
            setError(t('builds.priceInvalid', { field: label, value: raw }));
            return;
          }
          setError(null);
          onChange({ amount: p.value.amount, currency: p.value.currency ?? currency });
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
