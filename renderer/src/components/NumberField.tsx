/** A labelled numeric input that keeps what the user types and reports numbers only when valid. */
import { useState } from 'react';

export function NumberField(props: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
  integer?: boolean;
  optional?: boolean;
  id?: string;
  /** Keep the label for screen readers only (table cells under a column header). */
  hideLabel?: boolean;
}) {
  const { label, value, onChange, min, max, integer, optional } = props;
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [invalid, setInvalid] = useState(false);
  // A new value from outside replaces the text, unless the text already says it ("1.50" for 1.5).
  // Adjusted while rendering, not in an effect, so the stale text is never shown.
  const [synced, setSynced] = useState(value);
  if (!Object.is(synced, value)) {
    setSynced(value);
    if (Number(text) !== value && !(text === '' && value === undefined)) setText(value === undefined ? '' : String(value));
  }
  return (
    <label className={`num-field${invalid ? ' invalid' : ''}`}>
      <span className={props.hideLabel ? 'sr-only' : undefined}>{label}</span>
      <input
        id={props.id}
        inputMode="decimal"
        aria-invalid={invalid}
        value={text}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          if (raw.trim() === '' && optional) {
            setInvalid(false);
            onChange(undefined);
            return;
          }
          const n = Number(raw.replace(/[,，\s]/g, ''));
          const ok = raw.trim() !== '' && Number.isFinite(n) && (min === undefined || n >= min) && (max === undefined || n <= max) && (!integer || Number.isInteger(n));
          setInvalid(!ok);
          if (ok) onChange(n);
        }}
      />
    </label>
  );
}
