/** The accelerator lines of a build: part, count, host server, network, price override, role, serving engine. */
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
  /** An optional price ("12万", "¥120,000", "USD 28,500"; a bare number is in the build's currency); empty means "use the catalog's". */
  const moneyCell = (i: number, field: 'networkPerCard' | 'unitPrice', price: BuildLine['unitPrice']) => (
    <td className="money">
      <MoneyField label={`${field === 'unitPrice' ? priceLabel : networkLabel} ${i + 1}`} hideLabel currency={currency} value={price} onChange={(v) => update(i, { [field]: v })} />
    </td>
  );
  return (
    <section className="card" aria-label={t('builds.lines')}>
      <h2>{t('builds.lines')}</h2>
      <table className="lines">
        <thead>
          <tr>
            <th>{t('builds.accelerator')}</th>
            <th>{t('builds.count')}</th>
            <th>{t('builds.server')}</th>
            <th>{networkLabel}</th>
            <th>{priceLabel}</th>
            <th>{t('builds.role')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => [
            <tr key={i} data-line={i}>
              <td className="acc">
                <AcceleratorPicker label={`${t('builds.accelerator')} ${i + 1}`} value={l.accelerator} onChange={(slug) => update(i, { accelerator: slug, server: undefined, pinQuoteId: undefined, pinSupplier: undefined })} />
              </td>
              <td className="count">
                <NumberField label={`${t('builds.count')} ${i + 1}`} hideLabel value={l.count} min={1} max={1_000_000} integer onChange={(v) => v !== undefined && update(i, { count: v })} />
              </td>
              <td>
                <select aria-label={`${t('builds.server')} ${i + 1}`} value={l.server ?? ''} onChange={(e) => update(i, { server: e.target.value || undefined })}>
                  <option value="">{t('builds.serverDefault')}</option>
                  {servers.map((s) => (
                    <option key={s.slug} value={s.slug}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </td>
              {moneyCell(i, 'networkPerCard', l.networkPerCard)}
              {moneyCell(i, 'unitPrice', l.unitPrice)}
              <td>
                <select aria-label={`${t('builds.role')} ${i + 1}`} value={l.role} onChange={(e) => update(i, { role: e.target.value as BuildLine['role'] })}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`builds.roles.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button aria-label={`${t('builds.remove')} ${i + 1}`} onClick={() => onChange(lines.filter((_, j) => j !== i))}>
                  ✕
                </button>
              </td>
            </tr>,
            <tr key={`${i}-pin`} className="line-pin" data-line-pin={i}>
              <td colSpan={7}>
                {/* the second row of a line: where its price comes from and which engine serves it (the first row is full at 1280 px) */}
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
            </tr>,
          ])}
        </tbody>
      </table>
      <button onClick={() => onChange([...lines, { accelerator: 'ascend-910b', count: 8, role: 'both' }])}>+ {t('builds.addLine')}</button>
    </section>
  );
}
