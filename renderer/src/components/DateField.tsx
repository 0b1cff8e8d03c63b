/**
 * A labelled calendar date shown and written as YYYY-MM-DD, whatever the browser's locale (an
 * <input type=date> shows 12/15/2026 on an English system). What is typed is read by the
 * importer's date parser (shared/document/value-text: 2026-12-31, 2026/12/31, 2026年12月31日),
 * reported as ISO and, once the field is left, shown as ISO; anything else is marked invalid
 * with a message, and the last valid date stays in the document.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clean } from '../../../shared/document/cell-text';
import { parseDate } from '../../../shared/document/value-text';
import { today } from '../stores/settings';

/** Year, month and day in that order: 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日 (full-width digits too). */
const YEAR_FIRST = /^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?$/;

/** YYYY-MM-DD from what was typed; undefined unless it is one real calendar date written year first. */
export function typedDate(raw: string): string | undefined {
  const s = clean(raw);
  if (!YEAR_FIRST.test(s)) return undefined;
  const r = parseDate(s, today());
  return r.ok ? r.value : undefined;
}

export function DateField(props: {
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  optional?: boolean;
  id?: string;
  /** The input's accessible name when it differs from the visible label ("Valid until 2" in the second bid). */
  ariaLabel?: string;
}) {
  const { t } = useTranslation();
  const { label, value, onChange, optional } = props;
  const [text, setText] = useState(value ?? '');
  const [invalid, setInvalid] = useState(false);
  const errorId = useId();
  // a new value from outside replaces the text unless the text already means it
  const [synced, setSynced] = useState(value);
  if (synced !== value) {
    setSynced(value);
    if (typedDate(text) !== value && !(text.trim() === '' && value === undefined)) setText(value ?? '');
  }
  return (
    <label className={`num-field date-field${invalid ? ' invalid' : ''}`}>
      <span>{label}</span>
      <input
        id={props.id}
        aria-label={props.ariaLabel}
        inputMode="numeric"
        placeholder={t('dateField.placeholder')}
        maxLength={20}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        value={text}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          if (raw.trim() === '') {
            setInvalid(!optional);
            if (optional) onChange(undefined);
            return;
          }
          const iso = typedDate(raw);
          setInvalid(iso === undefined);
          if (iso !== undefined) onChange(iso);
        }}
        onBlur={() => {
          const iso = typedDate(text);
          if (iso !== undefined) setText(iso);
        }}
      />
      {invalid && (
        <span id={errorId} className="field-error" role="alert">
          {t('dateField.invalid')}
        </span>
      )}
    </label>
  );
}
