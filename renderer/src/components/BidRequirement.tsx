/** The requirement (what must be served, hard constraints), the document's cover fields, and the scoring weights. */
import { useTranslation } from 'react-i18next';
import type { BidFileInput } from '../../../shared/bids/schema';
import { SCORE_CRITERIA } from '../../../shared/bids/schema';
import { selectSites, useCatalog } from '../stores/catalog';
import { DateField } from './DateField';
import { NumberField } from './NumberField';
import { ModelSelect } from './ModelSelect';
import { SiteOptions } from './SiteOptions';

type Req = BidFileInput['requirement'];
type Constraints = NonNullable<Req['constraints']>;
type Scoring = NonNullable<BidFileInput['scoring']>;
type Weights = NonNullable<Scoring['weights']>;

export function BidRequirement({ file, onChange }: { file: BidFileInput; onChange: (f: BidFileInput) => void }) {
  const { t } = useTranslation();
  const sites = useCatalog(selectSites);
  const req = file.requirement;
  const c: Constraints = req.constraints ?? {};
  const setReq = (p: Partial<Req>) => onChange({ ...file, requirement: { ...req, ...p } });
  const setC = (p: Partial<Constraints>) => setReq({ constraints: { ...c, ...p } });
  const scoring: Scoring = file.scoring ?? {};
  const weights: Weights = scoring.weights ?? {};
  const setScoring = (p: Partial<Scoring>) => onChange({ ...file, scoring: { ...scoring, ...p } });
  const total = SCORE_CRITERIA.reduce((s, k) => s + (weights[k] ?? 0), 0);
  const model = typeof req.workload.model === 'string' ? req.workload.model : '';
  const siteValue = typeof req.site === 'string' ? req.site : '__inline';
  return (
    <section className="card bid-requirement" aria-label={t('bids.requirement')}>
      <h2>{t('bids.requirement')}</h2>
      <div className="form-row">
        <label className="num-field wide">
          <span>{t('bids.reqName')}</span>
          <input aria-label={t('bids.reqName')} value={req.name} maxLength={200} onChange={(e) => setReq({ name: e.target.value })} />
        </label>
        <ModelSelect label={t('builds.model')} value={model} allowNone onChange={(id) => setReq({ workload: { ...req.workload, model: id } })} />
        <label className="num-field">
          <span>{t('builds.site')}</span>
          <select aria-label={t('builds.site')} value={siteValue} onChange={(e) => e.target.value !== '__inline' && setReq({ site: e.target.value })}>
            {typeof req.site !== 'string' && <option value="__inline">{(req.site as { name?: string }).name ?? t('builds.customSite')}</option>}
            <SiteOptions sites={sites} />
          </select>
        </label>
      </div>
      <div className="form-grid4">
        <NumberField label={t('bids.minTokensPerSecond')} value={req.minOutputTokensPerSecond} min={1} optional onChange={(v) => setReq({ minOutputTokensPerSecond: v })} />
        <NumberField label={t('builds.tpotMs')} value={req.workload.tpotMs} min={0.1} onChange={(v) => v !== undefined && setReq({ workload: { ...req.workload, tpotMs: v } })} />
        <NumberField label={t('builds.ttftMs')} value={req.workload.ttftMs} min={1} onChange={(v) => v !== undefined && setReq({ workload: { ...req.workload, ttftMs: v } })} />
        <DateField label={t('bids.awardDate')} value={req.awardDate} optional onChange={(v) => setReq({ awardDate: v })} />
      </div>
      <h3>{t('bids.constraints')}</h3>
      <div className="form-grid4">
        <NumberField label={t('bids.budgetCap')} value={c.budgetCap?.amount} min={1} optional onChange={(v) => setC({ budgetCap: v === undefined ? undefined : { amount: v, currency: file.currency ?? 'CNY', vatIncluded: true } })} />
        <NumberField label={t('bids.maxPowerKW')} value={c.maxFacilityPowerKW} min={0.001} optional onChange={(v) => setC({ maxFacilityPowerKW: v })} />
        <DateField label={t('bids.deadline')} value={c.deliveryDeadline} optional onChange={(v) => setC({ deliveryDeadline: v })} />
        <NumberField label={t('bids.maxRisk')} value={c.maxRiskScore} min={0} max={100} optional onChange={(v) => setC({ maxRiskScore: v })} />
        <NumberField label={t('bids.minDomestic')} value={c.minDomesticShare === undefined ? undefined : Math.round(c.minDomesticShare * 1000) / 10} min={0} max={100} optional onChange={(v) => setC({ minDomesticShare: v === undefined ? undefined : v / 100 })} />
      </div>
      <h3>{t('bids.scoring')}</h3>
      <div className="form-grid4">
        <label className="num-field">
          <span>{t('bids.evaluatedPrice')}</span>
          <select aria-label={t('bids.evaluatedPrice')} value={scoring.evaluatedPrice ?? 'capex'} onChange={(e) => setScoring({ evaluatedPrice: e.target.value as 'capex' | 'tco' })}>
            <option value="capex">{t('bids.capex')}</option>
            <option value="tco">{t('bids.tco')}</option>
          </select>
        </label>
        <label className="num-field check">
          <span>{t('bids.includeVat')}</span>
          <input type="checkbox" aria-label={t('bids.includeVat')} checked={scoring.includeVat ?? false} onChange={(e) => setScoring({ includeVat: e.target.checked })} />
        </label>
      </div>
      <div className="form-grid5">
        {SCORE_CRITERIA.map((k) => (
          <NumberField key={k} label={t(`bids.weights.${k}`)} value={weights[k]} min={0} max={1000} onChange={(v) => v !== undefined && setScoring({ weights: { ...weights, [k]: v } })} />
        ))}
      </div>
      <p className={total === 100 ? 'muted small' : 'warnings small'}>{total === 100 ? t('bids.weightsTotal', { total }) : t('bids.weightsNot100', { total })}</p>
      <h3>{t('report.cover')}</h3>
      <div className="form-grid4">
        <label className="num-field wide2">
          <span>{t('report.title')}</span>
          <input aria-label={t('report.title')} value={file.title ?? ''} maxLength={300} onChange={(e) => onChange({ ...file, title: e.target.value })} />
        </label>
        <label className="num-field">
          <span>{t('bids.preparedBy')}</span>
          <input aria-label={t('bids.preparedBy')} value={file.preparedBy ?? ''} maxLength={200} onChange={(e) => onChange({ ...file, preparedBy: e.target.value })} />
        </label>
        <label className="num-field">
          <span>{t('bids.documentNumber')}</span>
          <input aria-label={t('bids.documentNumber')} value={file.documentNumber ?? ''} maxLength={100} onChange={(e) => onChange({ ...file, documentNumber: e.target.value })} />
        </label>
      </div>
    </section>
  );
}
