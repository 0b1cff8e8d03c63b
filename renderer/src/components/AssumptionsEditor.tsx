/** Site, workload, finance and currency of a build. */
import { useTranslation } from 'react-i18next';
import type { BuildAssumptions } from '../../../shared/scenario/build';
import { CURRENCIES, type Currency } from '../../../shared/money';
import { moneyUnit, withUnit } from '../../../shared/format';
import { selectSites, useCatalog, useCatalogSnapshot } from '../stores/catalog';
import { NumberField, PercentField } from './NumberField';
import { ModelSelect } from './ModelSelect';
import { SiteOptions } from './SiteOptions';
import { ApiPriceFields, WorkloadAgentFields, WorkloadPresetSelect } from './WorkloadAgentFields';

type Site = Exclude<BuildAssumptions['site'], string>;
type Finance = NonNullable<BuildAssumptions['finance']>;
type Workload = BuildAssumptions['workload'];

export function AssumptionsEditor({ value, onChange }: { value: BuildAssumptions; onChange: (a: BuildAssumptions) => void }) {
  const { t } = useTranslation();
  const sites = useCatalog(selectSites);
  useCatalogSnapshot(); // sites and models; Settings uses this editor too
  const site = value.site;
  const custom = typeof site !== 'string';
  const setWorkload = (p: Partial<Workload>) => onChange({ ...value, workload: { ...value.workload, ...p } });
  const setFinance = (p: Partial<Finance>) => onChange({ ...value, finance: { ...(value.finance ?? {}), ...p } });
  const setSite = (p: Partial<Site>) => onChange({ ...value, site: { ...(site as Site), ...p } });
  const fin = (value.finance ?? {}) as Finance;
  const model = typeof value.workload.model === 'string' ? value.workload.model : 'custom';
  return (
    <section className="card assumptions" aria-label={t('builds.assumptions')}>
      <h2>{t('builds.assumptions')}</h2>
      <fieldset>
        <legend>{t('builds.site')}</legend>
        <label className="num-field">
          <span>{t('builds.site')}</span>
          <select
            aria-label={t('builds.site')}
            value={custom ? '__custom' : site}
            onChange={(e) => {
              const v = e.target.value;
              if (v !== '__custom') return onChange({ ...value, site: v });
              const base = sites.find((s) => s.slug === site) ?? sites[0];
              onChange({
                ...value,
                site: { name: t('builds.customSiteName'), powerPricePerKWh: base?.powerPricePerKWh ?? 0.5, currency: base?.currency ?? 'CNY', pue: base?.pue ?? 1.3, jurisdiction: base?.jurisdiction ?? 'CN' },
              });
            }}
          >
            <SiteOptions sites={sites} />
            <option value="__custom">{t('builds.customSite')}</option>
          </select>
        </label>
        {custom && (
          <div className="row">
            <NumberField label={withUnit(t('builds.powerPrice'), moneyUnit((site as Site).currency ?? 'CNY', 'kWh'))} value={(site as Site).powerPricePerKWh} min={0} max={100} onChange={(v) => v !== undefined && setSite({ powerPricePerKWh: v })} />
            <NumberField label={t('builds.pue')} value={(site as Site).pue} min={1} max={5} onChange={(v) => v !== undefined && setSite({ pue: v })} />
            <label className="num-field">
              <span>{t('builds.jurisdiction')}</span>
              <select value={(site as Site).jurisdiction ?? 'CN'} onChange={(e) => setSite({ jurisdiction: e.target.value as 'CN' | 'other' })}>
                <option value="CN">{t('builds.jurisdictions.CN')}</option>
                <option value="other">{t('builds.jurisdictions.other')}</option>
              </select>
            </label>
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('builds.workload')}</legend>
        <ModelSelect label={t('builds.model')} value={model} onChange={(id) => setWorkload({ model: id })} />
        <WorkloadPresetSelect value={value.workload} onChange={(w) => onChange({ ...value, workload: w })} />
        <div className="row">
          <NumberField label={t('builds.inputTokens')} value={value.workload.inputTokens} min={1} integer onChange={(v) => v !== undefined && setWorkload({ inputTokens: v })} />
          <NumberField label={t('builds.outputTokens')} value={value.workload.outputTokens} min={1} integer onChange={(v) => v !== undefined && setWorkload({ outputTokens: v })} />
          <NumberField label={t('builds.tpotMs')} value={value.workload.tpotMs} min={0.1} onChange={(v) => v !== undefined && setWorkload({ tpotMs: v })} />
          <NumberField label={t('builds.ttftMs')} value={value.workload.ttftMs} min={1} onChange={(v) => v !== undefined && setWorkload({ ttftMs: v })} />
        </div>
        <WorkloadAgentFields value={value.workload} onChange={(w) => onChange({ ...value, workload: w })} />
      </fieldset>
      <fieldset>
        <legend>{t('builds.finance')}</legend>
        <div className="row">
          <NumberField label={t('builds.years')} value={fin.years} min={1} max={30} onChange={(v) => v !== undefined && setFinance({ years: v })} />
          <PercentField label={t('builds.discountRate')} value={fin.discountRate} min={0} max={1} onChange={(v) => v !== undefined && setFinance({ discountRate: v })} />
          <PercentField label={t('builds.utilization')} value={fin.utilization} min={0} max={1} onChange={(v) => v !== undefined && setFinance({ utilization: v })} />
          <PercentField label={t('builds.maintenanceRate')} value={fin.maintenanceRate} min={0} max={1} onChange={(v) => v !== undefined && setFinance({ maintenanceRate: v })} />
          <PercentField label={t('builds.residualValueRate')} value={fin.residualValueRate} min={0} max={1} onChange={(v) => v !== undefined && setFinance({ residualValueRate: v })} />
          <label className="num-field">
            <span>{t('builds.currency')}</span>
            <select aria-label={t('builds.currency')} value={value.currency ?? 'CNY'} onChange={(e) => onChange({ ...value, currency: e.target.value as Currency })}>
              {CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        </div>
        <ApiPriceFields finance={fin} currency={value.currency ?? 'CNY'} onChange={(f) => onChange({ ...value, finance: f })} />
      </fieldset>
    </section>
  );
}
