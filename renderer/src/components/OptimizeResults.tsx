/** The optimizer's answer: status, the recommended lines, key figures, constraints, frontier, or why nothing fits. */
import { useTranslation } from 'react-i18next';
import { formatKpi } from '../../../shared/report/kpis';
import { formatNumber, formatNumberUpTo } from '../../../shared/format';
import { frontierOption } from '../../../shared/charts/frontier';
import type { ConstraintUnit, OptimizeResult } from '../../../shared/optimize/types';
import type { Lang } from '../../../shared/i18n/translate';
import { useSettings } from '../stores/settings';
import { Chart } from './Chart';

function useFormat(currency: OptimizeResult['currency']) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return (unit: ConstraintUnit, v: number | null): string => {
    if (v === null) return '–';
    switch (unit) {
      case 'money':
        return formatKpi('money', v, currency, locale);
      case 'kW':
        return formatKpi('kW', v, currency, locale);
      case 'score':
        return formatNumber(v, 1, locale);
      case 'share':
        return `${formatNumberUpTo(v * 100, 1, locale)} %`;
      case 'cards':
        return formatNumberUpTo(v, 3, locale);
    }
  };
}

export function OptimizeResults({ result }: { result: OptimizeResult }) {
  const { t, i18n } = useTranslation();
  const dark = useSettings((s) => s.dark);
  const c = result.currency;
  const fmt = useFormat(c);
  const locale = i18n.language;
  const k = result.kpis;
  const inf = result.infeasibility;
  const { value, bound } = result.objective;
  // how far the solver's proof leaves the answer from the best possible
  const gap = value !== null && bound !== null && value > 0 ? Math.max(0, (value - bound) / value) : null;
  return (
    <div className="optimize-results">
      <div className={`status-banner ${result.status}`} role="status" data-status={result.status}>
        {t(`optimize.status.${result.status}`)}
        {k && <strong> · {formatKpi('money', k.tco, c, locale)} TCO</strong>}
        {result.status === 'feasible' && gap !== null && <span data-gap> · {t('optimize.status.gap', { gap: `${(gap * 100).toFixed(gap < 0.001 ? 2 : 1)} %` })}</span>}
      </div>
      {inf && (
        <section className="card" aria-label={t('optimize.infeasible')} data-infeasible={inf.reason}>
          <h2>{t('optimize.infeasible')}</h2>
          {inf.reason !== 'constraint' && <p>{t(`optimize.reasons.${inf.reason}`)}</p>}
          {inf.relaxations.length > 0 && (
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('optimize.constraintTable')}</th>
                  <th>{t('optimize.limit')}</th>
                  <th />
                  <th className="num">{t('optimize.tcoAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {inf.relaxations.map((r) => (
                  <tr key={r.constraint} className={r.constraint === inf.cheapest ? 'best' : ''}>
                    <td>
                      {t(`optimize.constraintNames.${r.constraint}`)}
                      {r.constraint === inf.cheapest && <span className="badge edited">{t('optimize.cheapest')}</span>}
                    </td>
                    <td className="num">{fmt(r.unit, r.limit)}</td>
                    <td>{t(`optimize.relax.${r.constraint}`, { v: r.constraint === 'supply' ? String(r.needed ?? 0) : fmt(r.unit, r.needed) })}</td>
                    <td className="num">{fmt('money', r.tco)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {k && (
        <>
          <section className="card" aria-label={t('optimize.recommended')}>
            <h2>{t('optimize.recommended')}</h2>
            <table className="data-table optimize-lines">
              <thead>
                <tr>
                  <th>{t('optimize.accelerator')}</th>
                  <th>{t('optimize.role')}</th>
                  <th className="num">{t('optimize.cards')}</th>
                  <th className="num">{t('optimize.servers')}</th>
                  <th className="num">{t('optimize.unitPrice')}</th>
                  <th className="num">{t('optimize.partRisk')}</th>
                </tr>
              </thead>
              <tbody>
                {result.build.lines.map((l, i) => (
                  <tr key={i} data-line={l.accelerator}>
                    <td>
                      {l.name} <span className="muted small">{l.vendor}</span>
                    </td>
                    <td>{t(`optimize.roles.${l.role}`)}</td>
                    <td className="num">{l.count}</td>
                    <td className="num">{l.servers}</td>
                    <td className="num">{formatKpi('money', l.unitPrice, c, locale)}</td>
                    <td className="num">{l.partRisk.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="kpi-grid">
              {(
                [
                  ['kpi.capex', formatKpi('money', k.capex, c, locale)],
                  ['kpi.tco', formatKpi('money', k.tco, c, locale)],
                  ['kpi.costPerMillionOutputTokens', formatKpi('moneyPerMTok', k.costPerMillionOutputTokens, c, locale)],
                  ['kpi.facilityPowerKW', formatKpi('kW', k.facilityPowerKW, c, locale)],
                  ['kpi.risk', formatKpi('score', k.risk, c, locale)],
                  ['optimize.domesticShare', fmt('share', k.domesticShare)],
                  ['optimize.largestVendor', `${k.largestVendor} ${fmt('share', k.largestVendorShare)}`],
                  ['optimize.serves', k.workloads.map((w) => t('optimize.servesValue', { served: formatNumber(w.servedOutputTokensPerSecond, 0, locale), demand: formatNumber(w.demandOutputTokensPerSecond, 0, locale) })).join('; ')],
                ] as const
              ).map(([key, v]) => (
                <div key={key}>
                  <dt>{t(key)}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          {result.constraints.length > 0 && (
            <section className="card" aria-label={t('optimize.constraintTable')}>
              <h2>{t('optimize.constraintTable')}</h2>
              <table className="data-table">
                <thead>
                  <tr>
                    <th />
                    <th className="num">{t('optimize.limit')}</th>
                    <th className="num">{t('optimize.value')}</th>
                    <th>{t('optimize.binding')}</th>
                    <th className="num">{t('optimize.without')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.constraints.map((x) => (
                    <tr key={x.constraint} data-constraint={x.constraint} className={x.binding ? 'best' : ''}>
                      <td>{t(`optimize.constraintNames.${x.constraint}`)}</td>
                      <td className="num">{fmt(x.unit, x.limit)}</td>
                      <td className="num">{fmt(x.unit, x.value)}</td>
                      <td title={x.binding === null ? t('optimize.unsettledHint') : undefined}>{x.binding === null ? t('optimize.unsettled') : x.binding ? t('optimize.yes') : t('optimize.no')}</td>
                      <td className="num">{fmt('money', x.objectiveWithout)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {result.frontier.length > 0 && <Chart name="optimize-frontier" height={280} option={frontierOption(result.frontier, { lang: i18n.language as Lang, dark, currency: c }, k.risk)} />}
        </>
      )}
      {result.candidates.excluded.length > 0 && (
        <p className="muted small">
          {t('optimize.excluded')}: {result.candidates.excluded.map((x) => `${x.accelerator} (${x.code === 'unresolved' ? x.reason : t(`optimize.excludedReasons.${x.code}`)})`).join('; ')}
        </p>
      )}
      <p className="muted small">
        {t('optimize.timings', { solve: (result.timings.solveMs / 1000).toFixed(2), frontier: (result.timings.frontierMs / 1000).toFixed(2), solves: result.timings.solves })}
      </p>
    </div>
  );
}
