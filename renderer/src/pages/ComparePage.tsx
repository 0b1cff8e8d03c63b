/** Compare 2–8 builds: KPI table with best values and % vs a baseline, and the comparison charts. */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBuilds } from '../stores/builds';
import { useCompare, MAX_COMPARED } from '../stores/compare';
import { selectWan, useSettings } from '../stores/settings';
import { useEvaluations } from '../hooks/useEvaluation';
import { KPIS, bestIndex, deltaVs, formatKpi } from '../../../shared/report/kpis';
import { rowMoneyFormat } from '../../../shared/format';
import {
  costVsThroughputOption,
  cumulativeCostOption,
  riskFactorsOption,
  tcoBreakdownOption,
  tornadoOption,
  type ChartContext,
} from '../../../shared/charts/options';
import type { BuildResult, EvaluationResult } from '../../../shared/scenario/evaluate';
import type { Lang } from '../../../shared/i18n/translate';
import { Chart } from '../components/Chart';
import { CompareExport } from '../components/CompareExport';
import { PriceRows } from '../components/PriceSource';
import { buildPriceRows } from '../../../shared/report/price-source';
import { selectStaleDays, useCatalog } from '../stores/catalog';

export function ComparePage() {
  const { t, i18n } = useTranslation();
  const builds = useBuilds((s) => s.builds);
  const load = useBuilds((s) => s.load);
  const { ids, baselineId, tornadoId, toggle, setBaseline, setTornado, reconcile } = useCompare();
  const dark = useSettings((s) => s.dark);
  const staleDays = useCatalog(selectStaleDays);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => reconcile(builds.map((b) => b.id)), [builds, reconcile]);

  const chosen = useMemo(() => builds.filter((b) => ids.includes(b.id)), [builds, ids]);
  const evaluations = useEvaluations(chosen, true);
  const ok = chosen
    .map((b) => ({ b, e: evaluations.get(b.id) }))
    .filter((x): x is { b: typeof x.b; e: { ok: true; result: EvaluationResult } } => x.e?.ok === true);
  const results: BuildResult[] = ok.map((x) => x.e.result.builds[0]!);
  const failed = chosen.filter((b) => evaluations.get(b.id)?.ok === false);
  const lang = i18n.language as Lang;
  const wan = useSettings(selectWan);
  const currency = results[0]?.currency ?? 'CNY';
  const ctx: ChartContext = {
    lang,
    dark,
    currency,
    finance: ok.map((x) => ({ discountRate: x.e.result.assumptions.finance.discountRate, years: x.e.result.assumptions.finance.years })),
  };
  const baseIdx = ok.findIndex((x) => x.b.id === baselineId);
  const tornadoIdx = Math.max(0, ok.findIndex((x) => x.b.id === tornadoId));
  const mixedCurrency = results.some((r) => r.currency !== currency);

  return (
    <div className="page compare-page">
      <header className="page-header">
        <h1>{t('compare.title')}</h1>
        <CompareExport builds={chosen} />
      </header>
      <fieldset className="compare-pick">
        <legend>{t('compare.pick')}</legend>
        {builds.map((b) => (
          <label key={b.id}>
            <input type="checkbox" checked={ids.includes(b.id)} disabled={!ids.includes(b.id) && ids.length >= MAX_COMPARED} onChange={() => toggle(b.id)} />
            {b.name}
          </label>
        ))}
        <label className="baseline">
          {t('compare.baseline')}
          <select aria-label={t('compare.baseline')} value={baselineId ?? ''} onChange={(e) => setBaseline(Number(e.target.value))}>
            {chosen.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <div className="compare-scroll">
        {failed.map((b) => {
          const e = evaluations.get(b.id);
          return (
            <div key={b.id} className="error-banner" role="alert">
              {b.name}: {t('compare.notEvaluated', { reason: e && !e.ok ? e.issues.map((i) => i.message).join('; ') : '' })}
            </div>
          );
        })}
        {ok.length < 2 ? (
          <p className="muted">{t('compare.needTwo')}</p>
        ) : (
          <>
            <table className="kpi-table card" aria-label={t('compare.title')}>
              <thead>
                <tr>
                  <th>{t('compare.kpi')}</th>
                  {ok.map((x) => (
                    <th key={x.b.id} className="num">
                      {x.b.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {KPIS.map((k) => {
                  const values = results.map((r) => k.value(r));
                  const best = bestIndex(k, values);
                  const money = rowMoneyFormat(values, wan);
                  return (
                    <tr key={k.key} data-kpi={k.key}>
                      <th scope="row">{t(`kpi.${k.key}`)}</th>
                      {values.map((v, i) => {
                        const d = i === baseIdx || baseIdx < 0 ? null : deltaVs(v, values[baseIdx] ?? null);
                        return (
                          <td key={i} className={`num${i === best ? ' best' : ''}`} data-build={ok[i]!.b.id}>
                            <span className="value">{k.key === 'bound' ? t(`bound.${String(v)}`) : formatKpi(k.unit, v, results[i]!.currency, lang, money)}</span>
                            {d !== null && Math.abs(d) > 1e-9 && (
                              <span className={`delta ${k.better === 'none' ? '' : (d < 0) === (k.better === 'lower') ? 'good' : 'bad'}`}>
                                {d > 0 ? '+' : ''}
                                {(d * 100).toFixed(1)}%
                              </span>
                            )}
                            {i === best && <span className="sr-only"> ({t('compare.best')})</span>}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
                <tr data-kpi="cardPrices">
                  <th scope="row">{t('price.cardsUsed')}</th>
                  {results.map((r, i) => (
                    <td key={i} data-build={ok[i]!.b.id}>
                      <PriceRows rows={buildPriceRows(r.lines, staleDays)} currency={r.currency} />
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
            {!mixedCurrency && (
              <div className="charts">
                <Chart name="tco-breakdown" option={tcoBreakdownOption(results, ctx)} />
                <Chart name="cumulative-cost" option={cumulativeCostOption(results, ctx)} />
                <Chart name="cost-vs-throughput" option={costVsThroughputOption(results, ctx)} />
                <Chart name="risk-factors" option={riskFactorsOption(results, ctx)} />
                <div className="tornado">
                  <label>
                    {t('compare.tornadoFor')}{' '}
                    <select aria-label={t('compare.tornadoFor')} value={ok[tornadoIdx]?.b.id ?? ''} onChange={(e) => setTornado(Number(e.target.value))}>
                      {ok.map((x) => (
                        <option key={x.b.id} value={x.b.id}>
                          {x.b.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <Chart name="sensitivity-tornado" option={tornadoOption(results[tornadoIdx]!, ctx, Math.round((ok[tornadoIdx]?.e.result.assumptions.sensitivityDelta ?? 0.2) * 100))} />
                </div>
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
