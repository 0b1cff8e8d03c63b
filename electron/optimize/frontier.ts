/**
 * The cost–risk frontier: the least TCO at each supply-risk cap, with every other constraint
 * kept. The caps run from the least risk any feasible build reaches (minimised as a ratio) to
 * the risk of the cheapest build without a cap, evenly spaced.
 */
import { rackTco } from '../../shared/optimize/costs';
import { planMetrics } from '../../shared/optimize/result';
import type { FrontierPoint } from '../../shared/optimize/types';
import type { AnalysisResult, AnalysisTask } from './analysis';
import { resultOf } from './analysis';
import type { Outcome, SolveContext } from './solve';

/** The linear risk row over-estimates the score by at most c·100/(4K²) per vendor; this covers it. */
const TOP_MARGIN = 0.1;

export interface FrontierPlan {
  /** The least-risk build's search, which needs no answer: it can run beside the main solve. */
  least: AnalysisTask;
  /**
   * Whether the binding analysis's test of the risk cap is the program without the cap by TCO
   * (the objective is TCO and there is a cap): then its result gives the cheapest build.
   */
  uncappedFromBinding: boolean;
  /**
   * The cheapest build's own search (from the answer): undefined when the answer is that build, or
   * when the binding test's result (`uncapped`, once known) proves it.
   */
  cheapest(main: Outcome, uncapped?: AnalysisResult): AnalysisTask | undefined;
  /**
   * The caps' searches, from the answer, the least-risk build and the cheapest one (`own`: its own
   * search's result; else the binding test's `uncapped`); `finish` makes the points from their results.
   */
  caps(main: Outcome, least: AnalysisResult, uncapped: AnalysisResult | undefined, own: AnalysisResult | undefined): { tasks: AnalysisTask[]; finish(results: readonly AnalysisResult[]): FrontierPoint[] };
}

/**
 * The least-risk build needs no answer, so it is searched from no start of its own (beside the
 * main solve, in parallel). The cheapest build without a risk cap is the binding test's optimum
 * of that program when it is proven (or the answer, when that test proved nothing beats it and the
 * answer is proven); without a cap and by TCO it is the answer; else it is searched from the answer.
 *
 * Each cap's search starts from the cheapest build known before the caps (the answer, the
 * cheapest and the least-risk builds) whose risk is under the cap, and searches only below it (a
 * cutoff); the point is then the cheapest build under the cap among all the run has seen, so the
 * curve never rises with the cap. Caps where a known build is proven optimal — at or above the
 * cheapest build's risk, or between the answer's risk and the problem's own cap when the answer
 * is proven optimal — are answered without a search. The caps' searches depend only on the
 * builds known before them, not on one another, so they run in parallel and give the same
 * frontier on every run and on any number of threads; every one is node-limited (analysisLimits).
 */
export function frontierPlan(ctx: SolveContext, pointCount: number): FrontierPlan {
  const byTco = ctx.p.objective === 'tco';
  const capped = ctx.p.constraints.maxRiskScore !== undefined;
  const uncappedFromBinding = byTco && capped;
  return {
    least: { goal: 'risk', drop: ['risk'] },
    uncappedFromBinding,
    cheapest(main, uncapped) {
      const settled = !capped || (uncapped?.status === 'optimal' && uncapped.plan) || (uncapped?.status === 'infeasible' && main.status === 'optimal');
      if (byTco && (settled || (capped && !uncapped))) return undefined;
      return { goal: 'tco', drop: ['risk'], start: resultOf(main).start };
    },
    caps(main, first, uncapped, own) {
      const rack = rackTco(ctx.c.contexts[0]!.site, ctx.c.contexts[0]!.finance);
      const known: { r: AnalysisResult; m: ReturnType<typeof planMetrics> }[] = [];
      const remember = (r: AnalysisResult | undefined) => {
        if (!r?.plan) return undefined;
        const k = { r, m: planMetrics(ctx.c, r.plan, rack) };
        known.push(k);
        return k;
      };
      const none = { tasks: [], finish: () => [] };
      const answerR = resultOf(main);
      const answer = remember(answerR);
      // the answer is optimal at every cap from its own risk up to the problem's cap
      const cap0 = ctx.p.constraints.maxRiskScore;
      const answerProven = byTco && answer && main.status === 'optimal' && cap0 !== undefined ? { lo: answer.m.risk.score, hi: cap0 } : undefined;
      // the binding test's program without the cap: its proven optimum, or — when it proved that
      // nothing beats the answer — the answer itself, if that is proven optimal
      let cheapestR: AnalysisResult | undefined = own;
      let proven = false;
      if (own) proven = own.status === 'optimal';
      else if (!capped) [cheapestR, proven] = [answerR, main.status === 'optimal'];
      else if (uncapped?.status === 'optimal' && uncapped.plan) [cheapestR, proven] = [uncapped, true];
      else if (uncapped?.status === 'infeasible' && main.status === 'optimal') [cheapestR, proven] = [answerR, true];
      const cheapest = cheapestR === answerR ? answer : remember(cheapestR);
      const lowest = remember(first);
      if (!cheapest || !lowest) return none;
      const cheapestProven = proven || cheapest.r.status === 'optimal';
      // the least-risk build's true score: the program's HHI terms may still under-estimate it when
      // the search stopped before the cut loop closed, and every cap must admit this build
      const lo = lowest.m.risk.score;
      const hi = Math.max(cheapest.m.risk.score + TOP_MARGIN, lo + 1);
      // The cheapest known build whose true risk is under the cap; the least-risk build is under every cap.
      const bestUnder = (cap: number) => known.filter((k) => k.m.risk.score <= cap).reduce((a, b) => (b.m.tco < a.m.tco ? b : a));
      const caps = Array.from({ length: pointCount }, (_, i) =>
        // a hair above the minimum so that the least-risk build itself stays feasible in floating point
        i === 0 ? lo * (1 + 1e-9) + 1e-9 : lo + ((hi - lo) * i) / (pointCount - 1),
      );
      const tasks: AnalysisTask[] = [];
      for (const cap of caps) {
        const settled = (cheapestProven && cap >= cheapest.m.risk.score) || (answerProven && cap >= answerProven.lo && cap <= answerProven.hi);
        if (settled) continue;
        const from = bestUnder(cap);
        // only builds cheaper than the best known one under this cap are of interest
        // from the least-risk build alone (no cheaper build known under the cap), the search has to
        // find its builds: with the solver's primal heuristics (small programs have them turned
        // down either way, electron/optimize/highs.ts)
        tasks.push({ goal: 'tco', drop: ['risk'], riskCap: cap, start: from.r.start, below: from.m.tco * (1 - 1e-9), ...(from === lowest && { search: 'find' as const }) });
      }
      return {
        tasks,
        finish(results) {
          results.forEach((r) => remember(r));
          // A search that stopped before the risk cuts closed may return a build over its cap;
          // then a known build under it is the answer.
          return caps.map((cap): FrontierPoint => {
            const { r, m } = bestUnder(cap);
            const mix = new Map<number, number>();
            for (const l of r.plan!.lines) mix.set(l.part, (mix.get(l.part) ?? 0) + l.cards);
            return {
              riskCap: cap,
              feasible: true,
              tco: m.tco,
              risk: m.risk.score,
              capex: m.capex,
              cards: m.cards,
              mix: [...mix.entries()].map(([pi, count]) => ({ accelerator: ctx.c.parts[pi]!.slug ?? ctx.c.parts[pi]!.name, name: ctx.c.parts[pi]!.name, count })),
            };
          });
        },
      };
    },
  };
}
