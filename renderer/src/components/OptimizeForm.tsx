/** The Optimize page's inputs: demand, site, constraints, objective and candidate parts. */
import { useTranslation } from 'react-i18next';
import type { OptimizeForm as Form, PartChoice } from '../../../shared/optimize/form';
import { OBJECTIVES } from '../../../shared/optimize/schema';
import type { Site } from '../../../shared/domain/catalog';
import { NumberField } from './NumberField';
import { ModelSelect } from './ModelSelect';
import { SiteOptions } from './SiteOptions';

export function OptimizeForm({ form, set, sites, parts }: { form: Form; set: (p: Partial<Form>) => void; sites: Site[]; parts: PartChoice[] }) {
  const { t } = useTranslation();
  const chosen = form.parts ?? parts.map((p) => p.slug);
  const toggle = (slug: string) => {
    const next = chosen.includes(slug) ? chosen.filter((s) => s !== slug) : [...chosen, slug];
    set({ parts: next.length === parts.length ? null : next });
  };
  const limit = (label: string, value: number | undefined, key: keyof Form, max?: number) => (
    <NumberField label={label} value={value} min={0} max={max} optional onChange={(v) => set({ [key]: v } as Partial<Form>)} />
  );
  return (
    <section className="card optimize-form" aria-label={t('optimize.constraints')}>
      <fieldset>
        <legend>{t('optimize.demand')}</legend>
        <ModelSelect label={t('optimize.model')} value={form.model} onChange={(id) => set({ model: id })} />
        <div className="row">
          <NumberField label={t('optimize.tokensPerSecond')} value={form.outputTokensPerSecond} min={1} onChange={(v) => v !== undefined && set({ outputTokensPerSecond: v })} />
          <NumberField label={t('optimize.inputTokens')} value={form.inputTokens} min={1} integer onChange={(v) => v !== undefined && set({ inputTokens: v })} />
          <NumberField label={t('optimize.outputTokens')} value={form.outputTokens} min={1} integer onChange={(v) => v !== undefined && set({ outputTokens: v })} />
          <NumberField label={t('optimize.tpotMs')} value={form.tpotMs} min={0.1} onChange={(v) => v !== undefined && set({ tpotMs: v })} />
          <NumberField label={t('optimize.ttftMs')} value={form.ttftMs} min={1} onChange={(v) => v !== undefined && set({ ttftMs: v })} />
        </div>
        <label className="check">
          <input type="checkbox" checked={form.disaggregated} onChange={(e) => set({ disaggregated: e.target.checked })} /> {t('optimize.disaggregated')}
        </label>
        <label className="num-field">
          <span>{t('optimize.site')}</span>
          <select aria-label={t('optimize.site')} value={form.site} onChange={(e) => set({ site: e.target.value, parts: null })}>
            <SiteOptions sites={sites} />
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('optimize.constraints')}</legend>
        <p className="muted small">{t('optimize.noLimit')}</p>
        <div className="row">
          {limit(t('optimize.budget'), form.capexBudget, 'capexBudget')}
          {limit(t('optimize.powerCap'), form.powerCapKW, 'powerCapKW')}
          {limit(t('optimize.riskCap'), form.maxRiskScore, 'maxRiskScore', 100)}
          {limit(t('optimize.minDomestic'), form.minDomesticPct, 'minDomesticPct', 100)}
          {limit(t('optimize.maxVendor'), form.maxVendorPct, 'maxVendorPct', 100)}
          <label className="num-field">
            <span>{t('optimize.shareBasis')}</span>
            <select aria-label={t('optimize.shareBasis')} value={form.shareBasis} onChange={(e) => set({ shareBasis: e.target.value as Form['shareBasis'] })}>
              <option value="capex">{t('optimize.shareBases.capex')}</option>
              <option value="cards">{t('optimize.shareBases.cards')}</option>
            </select>
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={form.wholeServers} onChange={(e) => set({ wholeServers: e.target.checked })} /> {t('optimize.wholeServers')}
        </label>
        <label className="num-field">
          <span>{t('optimize.objective')}</span>
          <select aria-label={t('optimize.objective')} value={form.objective} onChange={(e) => set({ objective: e.target.value as Form['objective'] })}>
            {OBJECTIVES.map((o) => (
              <option key={o} value={o}>
                {t(`optimize.objectives.${o}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset className="optimize-parts">
        <legend>{t('optimize.candidates')}</legend>
        <div className="parts-head">
          <span className="muted small">{t('optimize.candidatesHint', { n: chosen.length, total: parts.length })}</span>
          <button onClick={() => set({ parts: null })}>{t('optimize.selectAll')}</button>
          <button onClick={() => set({ parts: [] })}>{t('optimize.selectNone')}</button>
        </div>
        <ul>
          {parts.map((p) => (
            <li key={p.slug}>
              <label>
                <input type="checkbox" checked={chosen.includes(p.slug)} onChange={() => toggle(p.slug)} />
                <span className="part-name">{p.name}</span>
                <span className="muted small">
                  {p.vendor}
                  {p.domestic ? ` · ${t('optimize.domestic')}` : ''}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </section>
  );
}
