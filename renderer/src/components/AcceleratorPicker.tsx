/** A searchable picker of catalog parts showing memory, bandwidth, TDP and price (keyboard: ↑ ↓ Enter Esc). */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Accelerator } from '../../../shared/domain/accelerator';
import { normalizeName } from '../../../shared/domain/match';
import { formatMajor } from '../../../shared/money';
import { selectLookup, selectParts, useCatalog } from '../stores/catalog';
import { today } from '../hooks/useEvaluation';

export function AcceleratorPicker({ value, onChange, label }: { value: string; onChange: (slug: string) => void; label: string }) {
  const { t } = useTranslation();
  const parts = useCatalog(selectParts);
  const lookup = useCatalog(selectLookup);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const current = parts.find((p) => p.slug === value);
  const matches = useMemo(() => {
    const q = normalizeName(query ?? '');
    return parts.filter((p) => !q || [p.vendor, p.model, p.slug, ...p.aliases].some((s) => normalizeName(s).includes(q))).slice(0, 40);
  }, [parts, query]);
  const choose = (p: Accelerator) => {
    onChange(p.slug);
    setQuery(null);
  };
  const price = (p: Accelerator) => {
    const q = lookup?.bestCardPrice(p.slug, today(), 'CNY');
    return q ? formatMajor(q.price, 'CNY') : '–';
  };
  return (
    <div className="picker">
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={query !== null}
        aria-autocomplete="list"
        placeholder={t('builds.pickPlaceholder')}
        value={query ?? (current ? `${current.vendor} ${current.model}` : value)}
        onFocus={(e) => {
          setQuery('');
          setActive(0);
          e.target.select();
        }}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (query === null) return;
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && matches[active]) {
            e.preventDefault();
            choose(matches[active]!);
          } else if (e.key === 'Escape') setQuery(null);
        }}
      />
      {query !== null && (
        <ul className="picker-list" role="listbox">
          {matches.map((p, i) => (
            <li
              key={p.slug}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
            >
              <span className="name">
                {p.vendor} {p.model}
              </span>
              <span className="specs small muted">
                {p.memoryGB} GB · {p.memoryBandwidthTBps} TB/s · {p.tdpW} W · {price(p)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
