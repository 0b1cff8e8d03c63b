/** A build's per-workload results (mix, sessions, MTP, KV reload) and its self-host vs API comparison. */
import { useTranslation } from 'react-i18next';
import type { BuildResult } from '../../../shared/scenario/evaluate';
import { formatKpi } from '../../../shared/report/kpis';
import { formatNumberUpTo } from '../../../shared/format';

export function WorkloadResults({ build: b }: { build: BuildResult }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const pct = (v: number) => formatKpi('percent', v, b.currency, locale);
  const num = (v: number) => formatKpi('count', v, b.currency, locale);
  const ms = (v: number) => formatNumberUpTo(v, 1, locale);
  const api = b.selfHostVsApi;
  const lead = b.lines[0];
  return (
    <>
      <h3>{t('builds.agent.workloads')}</h3>
      <ul className="per-line" data-section="workloads">
        {b.workloads.map((w, i) => (
          <li key={i} data-workload={w.preset ?? w.name}>
            <strong>{w.preset ? t(`builds.agent.presets.${w.preset}`) : w.name === 'workload' ? t('builds.workload') : w.name}</strong>:{' '}
            {t('builds.agent.row', {
              share: pct(w.share),
              out: formatKpi('tokPerSec', w.outputTokensPerSecond, b.currency, locale),
              cost: formatKpi('moneyPerMTok', w.costPerMillionOutputTokens, b.currency, locale),
            })}
            {' · '}
            {t('builds.agent.latency', { ttft: num(w.ttftMs), tpot: ms(w.tpotMs) })}
            {!w.meetsTargets && <> · {t('builds.agent.missed')}</>}
            {w.session && (
              <div>
                {t('builds.agent.session', { turns: w.session.turns, input: num(w.inputTokens), hit: pct(w.prefixCacheHitRate), ctx: num(w.session.meanDecodeContextTokens), max: num(w.session.maxContextTokens) })}
              </div>
            )}
            {w.kvReloadMs !== null && <div>{t('builds.agent.reload', { ms: ms(w.kvReloadMs) })}</div>}
            {w.offloadCapacitySessions !== null && <div>{t('builds.agent.offloadSessions', { n: num(w.offloadCapacitySessions) })}</div>}
          </li>
        ))}
      </ul>
      {lead && lead.tokensPerStep > 1 && <p className="hint">{t('builds.agent.mtp', { k: lead.tokensPerStep.toFixed(2) })}</p>}
      {api && (
        <>
          <h3>{t('builds.agent.selfHostVsApi')}</h3>
          <dl className="kpi-list" data-section="self-host-vs-api">
            <div>
              <dt>{t('builds.agent.buildCost')}</dt>
              <dd>{formatKpi('money', api.buildAnnualCost, b.currency, locale)}</dd>
            </div>
            <div>
              <dt>{t('builds.agent.apiBill')}</dt>
              <dd>{formatKpi('money', api.apiAnnualCost, b.currency, locale)}</dd>
            </div>
          </dl>
          <p className="hint" role="status">
            {api.cheaper === 'build' ? t('builds.agent.cheaperBuild') : t('builds.agent.cheaperApi')};{' '}
            {api.breakEvenUtilization !== null ? t('builds.agent.breakEven', { pct: pct(api.breakEvenUtilization) }) : t('builds.agent.noBreakEven')}
          </p>
        </>
      )}
    </>
  );
}
