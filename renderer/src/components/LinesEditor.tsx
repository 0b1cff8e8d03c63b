/** The accelerator lines of a build: part, count, host server, role, network, price override, price source, serving engine. */
import { useTranslation } from 'react-i18next';
import type { BuildLine } from '../../../shared/scenario/build';
import { ROLES } from '../../../shared/scenario/schema';
import { ENGINE_PROFILES } from '../../../shared/model/engines';
import type { Currency } from '../../../shared/money';
import { moneyUnit, withUnit } from '../../../shared/format';
import { selectServers, useCatalog } from '../stores/catalog';
import { AcceleratorPicker } from './AcceleratorPicker';
import { NumberField } from './NumberField';
import { MoneyField } from './MoneyField';
import { PinPicker } from './PinPicker';

/** The engine select's value for a line's inline engine profile. */
const CUSTOM_ENGINE = ':inline';

export function LinesEditor({ lines, currency, onChange }: { lines: BuildLine[]; currency: Currency; onChange: (l: BuildLine[]) => void }) {
  const { t } = useTranslation();
  const servers = useCatalog(selectServers);
  const update = (i: number, patch: Partial<BuildLine>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  // money columns name the build's currency: "Network per card (¥)", "Price override (¥)"
  const networkLabel = withUnit(t('builds.network'), moneyUnit(currency));
  const priceLabel = withUnit(t('builds.priceOverride'), moneyUnit(currency));
  /** The caption shown above a field; the field's own accessible name carries the line number ("Cards 1"). */
  const caption = (text: string) => (
    <span className="line-caption" aria-hidden="true">
      {text}
    </span>
  );
  /** An optional price ("12万", "¥120,000", "USD 28,500"; a bare number is in the build's currency); empty means "use the catalog's". */
  const moneyCell = (i: number, field: 'networkPerCard' | 'unitPrice', price: BuildLine['unitPrice']) => (
    <td className={field === 'unitPrice' ? 'price' : 'network'}>
      {caption(field === 'unitPrice' ? priceLabel : networkLabel)}
      <MoneyField label={`${field === 'unitPrice' ? priceLabel : networkLabel} ${i + 1}`} hideLabel currency={currency} value={price} onChange={(v) => update(i, { [field]: v })} />
    </td>
  );
  return (
    <section className="card lines-card" aria-label={t('builds.lines')}>
      <h2>{t('builds.lines')}</h2>
      {/*
        A layout table: one row per line, laid out as a grid (styles.css, "Builds: a line"). Narrower than
        1000 px: part and cards, the host server on a row of its own (its full name), role, network and price,
        then where the price comes from and the serving engine; wider: part, cards, host and role on one row.
        Every field has its caption above it; Remove comes last in the tab order, at the top right.
      */}
      <table className="lines" role="presentation">
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} data-line={i}>
              <td className="acc">
                {caption(t('builds.accelerator'))}
                <AcceleratorPicker label={`${t('builds.accelerator')} ${i + 1}`} value={l.accelerator} onChange={(slug) => update(i, { accelerator: slug, server: undefined, pinQuoteId: undefined, pinSupplier: undefined })} />
              </td>
              <td className="count">
                {caption(t('builds.count'))}
                <NumberField label={`${t('builds.count')} ${i + 1}`} hideLabel value={l.count} min={1} max={1_000_000} integer onChange={(v) => v !== undefined && update(i, { count: v })} />
              </td>
              <td className="host">
                <label>
                  {caption(t('builds.server'))}
                  <select aria-label={`${t('builds.server')} ${i + 1}`} value={l.server ?? ''} onChange={(e) => update(i, { server: e.target.value || undefined })}>
                    <option value="">{t('builds.serverDefault')}</option>
                    {servers.map((s) => (
                      <option key={s.slug} value={s.slug}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </label>
              </td>
              <td className="role">
                <label>
                  {caption(t('builds.role'))}
                  <select aria-label={`${t('builds.role')} ${i + 1}`} value={l.role} onChange={(e) => update(i, { role: e.target.value as BuildLine['role'] })}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`builds.roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </td>
              {moneyCell(i, 'networkPerCard', l.networkPerCard)}
              {moneyCell(i, 'unitPrice', l.unitPrice)}
              <td className="extras">
                {/* where the line's price comes from and which engine serves it, side by side, wrapping when narrow */}
                <div className="line-extras">
                  <PinPicker item={l.accelerator} pin={l} label={`${t('price.pin.label')} ${i + 1}`} caption={t('price.pin.label')} overridden={l.unitPrice !== undefined} onChange={(p) => update(i, p)} />
                  <label className="pin-picker">
                    <span>{t('builds.engine')}</span>
                    {/* a profile by name; an inline profile from a scenario file stays as it is until another is picked */}
                    <select
                      aria-label={`${t('builds.engine')} ${i + 1}`}
                      value={typeof l.engine === 'object' ? CUSTOM_ENGINE : (l.engine ?? '')}
                      onChange={(e) => e.target.value !== CUSTOM_ENGINE && update(i, { engine: e.target.value || undefined })}
                    >
                      <option value="">{t('builds.engineDefault')}</option>
                      {typeof l.engine === 'object' && <option value={CUSTOM_ENGINE}>{t('builds.engineCustom', { name: l.engine.name })}</option>}
                      {typeof l.engine === 'string' && !ENGINE_PROFILES[l.engine] && <option value={l.engine}>{l.engine}</option>}
                      {Object.values(ENGINE_PROFILES).map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.id === 'unknown' ? t('builds.engineUnknown') : p.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
              </td>
              <td className="remove">
                <button aria-label={`${t('builds.remove')} ${i + 1}`} onClick={() => onChange(lines.filter((_, j) => j !== i))}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button onClick={() => onChange([...lines, { accelerator: 'ascend-910b', count: 8, role: 'both' }])}>+ {t('builds.addLine')}</button>
    </section>
  );
}
