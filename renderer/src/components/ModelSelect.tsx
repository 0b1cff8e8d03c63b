/** The LLM being served: a labelled select of the model presets. */
import { MODEL_PRESETS } from '../../../shared/model/presets';

export function ModelSelect({ label, value, onChange, allowNone }: { label: string; value: string; onChange: (id: string) => void; allowNone?: boolean }) {
  return (
    <label className="num-field">
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {allowNone && !value && <option value="">—</option>}
        {MODEL_PRESETS.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </label>
  );
}
