/**
 * The cost–risk frontier: the least TCO at each supply-risk cap, with every other constraint
 * kept. The caps run from the least risk any feasible build reaches (minimised as a ratio) to
 * the risk of the cheapest build without a cap, evenly spaced.
 */
import { rackTco } from '../../shared/optimize/costs';
import { planMetrics } from '../../shared/optimize/result';
import type { FrontierPoint } from '../../shared/optimize/types';
import { analysisOptions, GOALS, minimise, startOf, type Outcome, type SolveContext } from './solve';

/** Seconds for the whole frontier (or the problem's time limit, if shorter). */
const FRONTIER_BUDGET_S = 10;

/** The linear risk row over-estimates the score by at most c·100/(4K²) per vendor; this covers it. */
const TOP_MARGIN = 0.1;

/**
 * `main` is the recommended build: it meets every constraint, so it starts the solves without
 * a risk cap. Each cap's solve starts from the cheapest build found so far whose risk is under
 * the cap (the least-risk build fits them all), so a point is never worse than any build the
 * run has seen, even when its share of the time runs out before the solver improves on it.
 */
export function riskFrontier(ctx: SolveContext, points: number, main?: Outcome): FrontierPoint[] {
  const noCap = new Set(['risk'] as const);
  const rack = rackTco(ctx.c.contexts[0]!.site, ctx.c.contexts[0]!.finance);
  // The least-risk build sets the left end of the chart and starts every cap: it gets two shares.
  const limits = analysisOptions(ctx.p, points + 3, FRONTIER_BUDGET_S);
  const known: { o: Outcome; m: ReturnType<typeof planMetrics> }[] = [];
  const remember = (o: Outcome | undefined) => {
    if (!o?.plan) return undefined;
    const k = { o, m: planMetrics(ctx.c, o.plan, rack) };
    known.push(k);
    return k;
  };
  remember(main);
  const cheapest = remember(minimise(ctx, GOALS.tco, { drop: noCap }, ctx.p, limits, startOf(main)));
  if (!cheapest) return [];
  const least = remember(minimise(ctx, GOALS.risk, { drop: noCap, riskTerms: true }, ctx.p, { ...limits, timeLimitS: 2 * limits.timeLimitS }, startOf(main)));
  if (!least) return [];
  // the least-risk build's true score: the program's HHI terms may still under-estimate it when
  // the time ran out before the cut loop closed, and every cap must admit this build
  const lo = least.m.risk.score;
  const hi = Math.max(cheapest.m.risk.score + TOP_MARGIN, lo + 1);
  // The cheapest build seen so far whose true risk is under the cap; the least-risk build is
  // under every cap. As the caps grow and builds are added, the curve can only fall.
  const bestUnder = (cap: number) => known.filter((k) => k.m.risk.score <= cap).reduce((a, b) => (b.m.tco < a.m.tco ? b : a));
  const out: FrontierPoint[] = [];
  for (let i = 0; i < points; i++) {
    // a hair above the minimum so that the least-risk build itself stays feasible in floating point
    const cap = i === 0 ? lo * (1 + 1e-9) + 1e-9 : lo + ((hi - lo) * i) / (points - 1);
    remember(minimise(ctx, GOALS.tco, { drop: noCap, riskCap: cap }, ctx.p, limits, startOf(bestUnder(cap).o)));
    // A solve whose time ran out before the risk cuts closed may return a build over the cap;
    // then a known build under it is the answer.
    const { o, m } = bestUnder(cap);
    const mix = new Map<number, number>();
    for (const l of o.plan!.lines) mix.set(l.part, (mix.get(l.part) ?? 0) + l.cards);
    out.push({
      riskCap: cap,
      feasible: true,
      tco: m.tco,
      risk: m.risk.score,
      capex: m.capex,
      cards: m.cards,
      mix: [...mix.entries()].map(([pi, count]) => ({ accelerator: ctx.c.parts[pi]!.slug ?? ctx.c.parts[pi]!.name, name: ctx.c.parts[pi]!.name, count })),
    });
  }
  return out;
}
