/** A build's results: the KPIs, the limiting bound, risk factors, per-line throughput and any problems. */
import { useTranslation } from 'react-i18next';
import type { BuildEvaluation } from '../../../shared/scenario/evaluate-build';
import { KPIS, formatKpi } from '../../../shared/report/kpis';
import { ProblemList } from './ProblemList';
import { StepBreakdown } from './StepBreakdown';
import { WorkloadResults } from './WorkloadResults';
import { PriceRows } from './PriceSource';
import { buildPriceRows } from '../../../shared/report/price-source';
import { selectStaleDays, useCatalog } from '../stores/catalog';
import { selectWan, useSettings } from '../stores/settings';

export function KpiPanel({ evaluation }: { evaluation: BuildEvaluation | null }) {
  const { t, i18n } = useTranslation();
  const wan = useSettings(selectWan);
  const staleDays = useCatalog(selectStaleDays);
  if (!evaluation) return <aside className="card kpis">{t('common.loading')}</aside>;
  if (!evaluation.ok) {
    return (
      <aside className="card kpis" aria-label={t('builds.kpis')}>
        <h2>{t('builds.problems')}</h2>
        <ProblemList issues={evaluation.issues} />
      </aside>
    );
  }
  const b = evaluation.result.builds[0]!;
  const locale = i18n.language;
  return (
    <aside className="card kpis" aria-label={t('builds.kpis')} tabIndex={0}>
      <h2>{t('builds.kpis')}</h2>
      <dl className="kpi-list">
        {KPIS.filter((k) => k.key !== 'cards').map((k) => {
          const v = k.value(b);
          const shown = k.key === 'bound' ? t(`bound.${String(v)}`) : formatKpi(k.unit, v, b.currency, locale, { wan });
          return (
            <div key={k.key} data-kpi={k.key}>
              <dt>{t(`kpi.${k.key}`)}</dt>
              <dd>{shown}</dd>
            </div>
          );
        })}
      </dl>
      <h3>{t('price.cardsUsed')}</h3>
      <PriceRows rows={buildPriceRows(b.lines, staleDays)} currency={b.currency} />
      <WorkloadResults build={b} />
      {b.warnings.length > 0 && (
        <>
          <h3>{t('builds.warnings')}</h3>
          <ul className="warnings" role="status">
            {b.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('builds.perLine')}</h3>
      <ul className="per-line">
        {b.lines.map((l, i) => (
          <li key={i} data-line-result={i}>
            <strong>{l.accelerator}</strong> ×{l.count}: {formatKpi('tokPerSec', l.outputTokensPerSecond, b.currency, locale)} ·{' '}
            {t('builds.group', { g: l.groupSize, b: l.batch })} · {t(`bound.${l.bound}`)}
            <StepBreakdown line={l} />
          </li>
        ))}
      </ul>
      <h3>{t('builds.riskFactors')}</h3>
      <table className="risk">
        <tbody>
          {b.risk.factors.map((f) => (
            <tr key={f.name}>
              <td>{t(`riskFactor.${f.name}`, { defaultValue: f.name })}</td>
              <td className="num">{f.contribution.toFixed(1)}</td>
              <td className="bar">
                <span style={{ width: `${Math.min(100, (f.contribution / Math.max(1, b.risk.score)) * 100)}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
