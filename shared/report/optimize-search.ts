/**
 * What an optimize run's search proved, in words (result.search, the objective's bound and the
 * main solve's time): the Optimize page shows it; `t` is the caller's translator (i18next in the
 * renderer, shared/i18n tr elsewhere), so the CLI or a report can say the same.
 */
import { formatKpi } from './kpis';
import { formatNumber, formatPercent, type MoneyFormat } from '../format';
import type { Currency } from '../money';

/** The parts of an optimize result (shared/optimize/types OptimizeResult) the sentence reads; that layer sits above this one. */
export interface SearchFacts {
  status: 'optimal' | 'feasible' | 'infeasible' | 'error';
  objective: { kind: 'tco' | 'capex' | 'costPerMillionTokens'; value: number | null; bound: number | null };
  currency: Currency;
  timings: { solveMs: number };
  search: { startedFrom: 'previous' | 'relaxation' | 'none'; startObjective: number | null; gap: number | null };
}

type Money = Pick<MoneyFormat, 'wan' | 'wanFrom'>;
type T = (key: string, vars?: Record<string, string | number>) => string;

/** A value of the objective in its own unit: money for TCO and capex, money per million tokens for the cost-per-token objective. */
export function objectiveText(result: SearchFacts, v: number | null, locale: string, money: Money): string {
  return result.objective.kind === 'costPerMillionTokens' ? formatKpi('moneyPerMTok', v, result.currency, locale) : formatKpi('money', v, result.currency, locale, money);
}

/** A proven gap as people read it: 0.4 %, below 0.1 % with two decimals. */
const gapText = (gap: number, locale: string) => formatPercent(gap, locale, gap < 0.001 ? 2 : 1);

/**
 * What the main solve proved, in a buyer's words: proven optimal, within x % of the best possible
 * (the solver's bound), or stopped at the time limit without a bound; how long it took; what it started from.
 */
export function searchNote(result: SearchFacts, t: T, locale: string, money: Money): { kind: 'proven' | 'within' | 'unproven'; text: string } | null {
  if (result.status !== 'optimal' && result.status !== 'feasible') return null;
  const seconds = formatNumber(result.timings.solveMs / 1000, 1, locale);
  const { value, bound } = result.objective;
  let kind: 'proven' | 'within' | 'unproven';
  let text: string;
  if (result.status === 'optimal') {
    kind = 'proven';
    // "optimal" is to the solver's tolerance: say so when the bound leaves a gap that shows
    const tol = value !== null && bound !== null && value > 0 ? Math.max(0, (value - bound) / value) : 0;
    text = tol >= 0.00005 ? t('optimize.search.provenWithin', { seconds, gap: gapText(tol, locale) }) : t('optimize.search.proven', { seconds });
  } else if (result.search.gap !== null) {
    kind = 'within';
    text = t('optimize.search.within', { seconds, gap: gapText(Math.max(0, result.search.gap), locale) });
  } else {
    kind = 'unproven';
    text = t('optimize.search.unproven', { seconds });
  }
  const from = result.search.startedFrom;
  if (from !== 'none') {
    const start = result.search.startObjective;
    text += `${locale.startsWith('zh') ? '' : ' '}${start === null ? t(`optimize.search.${from}`) : t(`optimize.search.${from}Value`, { value: objectiveText(result, start, locale, money) })}`;
  }
  return { kind, text };
}

