/** The evaluation: recommendation, then every bid with pass/fail and reasons, scores and rank (failing bids last, unranked). */
import { useTranslation } from 'react-i18next';
import { describeFailure } from '../../../shared/bids/constraints';
import { formatKpi } from '../../../shared/report/kpis';
import type { BidEvaluationState } from '../hooks/useBidEvaluation';
import { ProblemList } from './ProblemList';
import { PriceRows } from './PriceSource';
import { bidPriceRows } from '../../../shared/report/price-source';
import { selectStaleDays, useCatalog } from '../stores/catalog';
import { nearTie, NEAR_TIE_POINTS } from '../../../shared/bids/near-tie';
import { formatNumber, rowMoneyFormat } from '../../../shared/format';
import { selectWan, useSettings } from '../stores/settings';

export function BidResults({ evaluation }: { evaluation: BidEvaluationState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const staleDays = useCatalog(selectStaleDays);
  const wan = useSettings(selectWan);
  if (!evaluation) return <section className="card bid-results">{t('common.loading')}</section>;
  if (!evaluation.ok) {
    return (
      <section className="card bid-results" aria-label={t('bids.results')}>
        <h2>{t('bids.problems')}</h2>
        <ProblemList issues={evaluation.issues} />
      </section>
    );
  }
  const r = evaluation.result;
  const cur = r.currency;
  // the evaluated prices are compared down the column: one unit for all of them, 万元 when one reaches 100 万 and the 万元 / 元 setting says so (shared/format rowMoneyFormat)
  const priceFormat = rowMoneyFormat(
    r.bids.map((b) => b.evaluatedPrice),
    wan,
  );
  const money = (v: number) => formatKpi('money', v, cur, lang, priceFormat);
  const order = [...r.ranking, ...r.bids.filter((b) => !b.pass).map((b) => b.index)];
  const rec = r.recommended.map((i) => r.bids[i]!.label);
  const close = nearTie(r);
  return (
    <section className="card bid-results" aria-label={t('bids.results')}>
      <h2>{t('bids.results')}</h2>
      <p className={rec.length ? 'recommendation' : 'recommendation none'} data-testid="recommendation">
        {rec.length === 1 ? t('bids.recommended', { vendor: rec[0] }) : rec.length > 1 ? t('bids.tiedFirst', { vendors: rec.join(', ') }) : t('bids.noneRecommended')}
      </p>
      {close && (
        <p className="warn-text near-tie" data-testid="near-tie">
          {t('nearTie.note', { points: formatNumber(NEAR_TIE_POINTS, 1, lang), first: close.first, second: close.second, gap: formatNumber(close.gap, 2, lang) })}
        </p>
      )}
      <table className="bid-table">
        <thead>
          <tr>
            <th className="num">{t('bids.rank')}</th>
            <th>{t('bids.vendor')}</th>
            <th>{t('bids.status')}</th>
            <th className="num">{t('bids.evaluatedPriceCol')}</th>
            <th className="num">{t('bids.priceScore')}</th>
            <th className="num">{t('bids.technicalScore')}</th>
            <th className="num">{t('bids.totalScore')}</th>
            <th className="num">{t('kpi.costPerMillionOutputTokens')}</th>
            <th className="num">{t('kpi.outputTokensPerSecond')}</th>
            <th className="num">{t('kpi.risk')}</th>
            <th className="bid-prices">{t('price.cardsUsed')}</th>
          </tr>
        </thead>
        <tbody>
          {order.map((i) => {
            const b = r.bids[i]!;
            return (
              <tr key={i} data-bid-row={i} data-rank={b.rank ?? ''} className={b.pass ? '' : 'failing'}>
                <td className="num">
                  {b.rank ?? '–'}
                  {b.tied && <span className="badge edited">{t('bids.tied')}</span>}
                </td>
                <td className="vendor">{b.label}</td>
                <td>
                  <span className={`badge ${b.pass ? 'pass' : 'fail'}`}>{t(b.pass ? 'bids.pass' : 'bids.fail')}</span>
                  {!b.pass && (
                    <ul className="reasons">
                      {b.failures.map((f) => (
                        <li key={f.code}>{describeFailure(f, lang, cur, wan)}</li>
                      ))}
                    </ul>
                  )}
                  {!b.pass && <span className="muted small">{t('bids.notRanked')}</span>}
                </td>
                <td className="num">{money(b.evaluatedPrice)}</td>
                <td className="num">{b.priceScore?.toFixed(2) ?? '–'}</td>
                <td className="num">{b.technicalScore?.toFixed(2) ?? '–'}</td>
                <td className="num total">{b.totalScore?.toFixed(2) ?? '–'}</td>
                <td className="num">{formatKpi('moneyPerMTok', b.build.costPerMillionOutputTokens, cur, lang)}</td>
                <td className="num">{formatKpi('tokPerSec', b.build.outputTokensPerSecond, cur, lang)}</td>
                <td className="num">{b.build.risk.score.toFixed(0)}</td>
                <td className="bid-prices">
                  <PriceRows rows={bidPriceRows(b, r.evaluation.assumptions.asOf, staleDays)} currency={cur} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {r.warnings.length > 0 && (
        <ul className="warnings" role="status">
          {r.warnings.map((w, k) => (
            <li key={k}>{w}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
