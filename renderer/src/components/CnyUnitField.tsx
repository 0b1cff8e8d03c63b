/** Settings: how CNY totals are written (万元 / 元, shared/format CnyUnit), on every page, in PDFs and XLSX. */
import { useTranslation } from 'react-i18next';
import { CNY_UNITS, cnyUnitOf } from '../../../shared/format';
import { useSettings } from '../stores/settings';

export function CnyUnitField() {
  const { t } = useTranslation();
  const cnyUnit = useSettings((s) => s.cnyUnit);
  const setCnyUnit = useSettings((s) => s.setCnyUnit);
  return (
    <div className="row cny-unit">
      <label className="num-field">
        <span>{t('settings.cnyUnit')}</span>
        <select aria-describedby="cny-unit-hint" value={cnyUnit} onChange={(e) => void setCnyUnit(cnyUnitOf(e.target.value))}>
          {CNY_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`settings.cnyUnits.${u}`)}
            </option>
          ))}
        </select>
      </label>
      <p id="cny-unit-hint" className="small muted">
        {t('settings.cnyUnitHint')}
      </p>
    </div>
  );
}
