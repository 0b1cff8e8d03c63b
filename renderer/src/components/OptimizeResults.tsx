/** The optimizer's answer: status, what the search proved, the recommended lines, key figures, constraints, frontier, or why nothing fits. */
import { useTranslation } from 'react-i18next';
import { formatKpi } from '../../../shared/report/kpis';
import { formatNumber, formatNumberUpTo, rowMoneyFormat, type MoneyFormat } from '../../../shared/format';
import { frontierOption } from '../../../shared/charts/frontier';
import type { ConstraintUnit, OptimizeResult } from '../../../shared/optimize/types';
import type { Lang } from '../../../shared/i18n/translate';
import { selectWan, useSettings } from '../stores/settings';
import { Chart } from './Chart';
import { objectiveText, searchNote } from '../../../shared/report/optimize-search';

type Money = Pick<MoneyFormat, 'wan' | 'wanFrom'>;

/**
 * A constraint's figure in its unit. Money follows the 万元 / 元 setting (`money`: a table's own
 * rowMoneyFormat, so one table never mixes ¥ and 万元; by default the setting alone).
 */
function useFormat(currency: OptimizeResult['currency']) {
  const { i18n } = useTranslation();
  const wan = useSettings(selectWan);
  const locale = i18n.language;
  return (unit: ConstraintUnit, v: number | null, money: Money = { wan }): string => {
    if (v === null) return '–';
    switch (unit) {
      case 'money':
        return formatKpi('money', v, currency, locale, money);
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
  const wan = useSettings(selectWan);
  const search = searchNote(result, (key, vars) => t(key, vars), locale, { wan });
  // one unit per table: a table whose amounts reach 100 万 is all in 万元 (shared/format rowMoneyFormat)
  const relaxMoney = rowMoneyFormat(inf?.relaxations.flatMap((r) => [r.unit === 'money' ? r.limit : null, r.unit === 'money' ? r.needed : null, r.tco]) ?? [], wan);
  const priceMoney = rowMoneyFormat(result.build.lines.map((l) => l.unitPrice), wan);
  const constraintMoney = rowMoneyFormat(result.constraints.flatMap((x) => [x.unit === 'money' ? x.limit : null, x.unit === 'money' ? x.value : null, result.objective.kind === 'costPerMillionTokens' ? null : x.objectiveWithout]), wan);
  return (
    <div className="optimize-results">
      <div className={`status-banner ${result.status}`} role="status" data-status={result.status}>
        {t(`optimize.status.${result.status}`)}
        {k && <strong> · {formatKpi('money', k.tco, c, locale, { wan })} TCO</strong>}
      </div>
      {search && (
        <p className="search-note small" data-search={search.kind}>
          {search.text}
        </p>
      )}
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
                    <td className="num">{fmt(r.unit, r.limit, relaxMoney)}</td>
                    <td>{t(`optimize.relax.${r.constraint}`, { v: r.constraint === 'supply' ? String(r.needed ?? 0) : fmt(r.unit, r.needed, relaxMoney) })}</td>
                    <td className="num">{fmt('money', r.tco, relaxMoney)}</td>
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
                    <td className="num">{formatKpi('money', l.unitPrice, c, locale, priceMoney)}</td>
                    <td className="num">{l.partRisk.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="kpi-grid">
              {(
                [
                  ['kpi.capex', formatKpi('money', k.capex, c, locale, { wan })],
                  ['kpi.tco', formatKpi('money', k.tco, c, locale, { wan })],
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
                    <th className="num">{t(`optimize.withoutBy.${result.objective.kind}`)}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.constraints.map((x) => (
                    <tr key={x.constraint} data-constraint={x.constraint} className={x.binding ? 'best' : ''}>
                      <td>{t(`optimize.constraintNames.${x.constraint}`)}</td>
                      <td className="num">{fmt(x.unit, x.limit, constraintMoney)}</td>
                      <td className="num">{fmt(x.unit, x.value, constraintMoney)}</td>
                      <td title={x.binding === null ? t('optimize.unsettledHint') : undefined}>{x.binding === null ? t('optimize.unsettled') : x.binding ? t('optimize.yes') : t('optimize.no')}</td>
                      <td className="num">{x.objectiveWithout === null ? '–' : objectiveText(result, x.objectiveWithout, locale, constraintMoney)}</td>
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
