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

/**
 * A rate held as a fraction (0.06), typed and shown as a percentage ("6") with "%" on its label;
 * the value passed on is the fraction again.
 */
export function PercentField(props: { label: string; value: number | undefined; onChange: (v: number | undefined) => void; min?: number; max?: number; optional?: boolean; id?: string }) {
  const { value, onChange, min, max } = props;
  // 0.06 × 100 is 6.000000000000001: shown to nine decimals at most
  const shown = value === undefined ? undefined : Math.round(value * 100 * 1e9) / 1e9;
  return (
    <NumberField
      label={`${props.label} (%)`}
      id={props.id}
      optional={props.optional}
      value={shown}
      min={min === undefined ? undefined : min * 100}
      max={max === undefined ? undefined : max * 100}
      onChange={(p) => onChange(p === undefined ? undefined : Math.round(p * 1e7) / 1e9)}
    />
  );
}
