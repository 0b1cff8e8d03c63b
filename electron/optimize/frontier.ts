/**
 * The cost–risk frontier: the least TCO at each supply-risk cap, with every other constraint
 * kept. The caps run from the least risk any feasible build reaches (minimised as a ratio) to
 * the risk of the cheapest build without a cap, evenly spaced.
 */
import { rackTco } from '../../shared/optimize/costs';
import { planMetrics } from '../../shared/optimize/result';
import type { FrontierPoint } from '../../shared/optimize/types';
import { analysisLimits, GOALS, minimise, startOf, type Outcome, type SolveContext } from './solve';

/** The linear risk row over-estimates the score by at most c·100/(4K²) per vendor; this covers it. */
const TOP_MARGIN = 0.1;

/**
 * `main` is the recommended build: it meets every constraint, so it starts the solves without
 * a risk cap. `uncapped` is the binding analysis's program without the risk cap, if it ran:
 * proven optimal, it is the cheapest build of the frontier and needs no solve of its own.
 * Each cap's solve starts from the cheapest build found so far whose risk is under the cap (the
 * least-risk build fits them all) and searches only below it (a cutoff), so a point is never
 * worse than any build the run has seen; caps where a known build is proven optimal — at or
 * above the cheapest build's risk, or between the answer's risk and the problem's own cap when
 * the answer is proven optimal — are answered without a solve. Every solve is node-limited
 * (analysisLimits): the same problem gets the same frontier on every run.
 */
export function riskFrontier(ctx: SolveContext, points: number, main?: Outcome, uncapped?: Outcome): FrontierPoint[] {
  const noCap = new Set(['risk'] as const);
  const rack = rackTco(ctx.c.contexts[0]!.site, ctx.c.contexts[0]!.finance);
  const limits = analysisLimits(ctx.p);
  const known: { o: Outcome; m: ReturnType<typeof planMetrics> }[] = [];
  const remember = (o: Outcome | undefined) => {
    if (!o?.plan) return undefined;
    const k = { o, m: planMetrics(ctx.c, o.plan, rack) };
    known.push(k);
    return k;
  };
  const answer = remember(main);
  // the answer is optimal at every cap from its own risk up to the problem's cap
  const cap0 = ctx.p.constraints.maxRiskScore;
  const byTco = ctx.p.objective === 'tco';
  const answerProven = byTco && answer && main?.status === 'optimal' && cap0 !== undefined ? { lo: answer.m.risk.score, hi: cap0 } : undefined;
  // the binding analysis's program without the cap: its proven optimum, or — when it proved that
  // nothing beats the answer — the answer itself, if that is proven optimal
  const proven = !byTco ? undefined : uncapped?.status === 'optimal' && uncapped.plan ? uncapped : uncapped?.status === 'infeasible' && main?.status === 'optimal' ? main : undefined;
  const cheapest = proven ? known.find((k) => k.o === proven) ?? remember(proven) : remember(minimise(ctx, GOALS.tco, { drop: noCap }, ctx.p, limits, startOf(main)));
  if (!cheapest) return [];
  const cheapestProven = proven !== undefined || cheapest.o.status === 'optimal';
  const least = remember(minimise(ctx, GOALS.risk, { drop: noCap, riskTerms: true }, ctx.p, limits, startOf(main)));
  if (!least) return [];
  // the least-risk build's true score: the program's HHI terms may still under-estimate it when
  // the search stopped before the cut loop closed, and every cap must admit this build
  const lo = least.m.risk.score;
  const hi = Math.max(cheapest.m.risk.score + TOP_MARGIN, lo + 1);
  // The cheapest build seen so far whose true risk is under the cap; the least-risk build is
  // under every cap. As the caps grow and builds are added, the curve can only fall.
  const bestUnder = (cap: number) => known.filter((k) => k.m.risk.score <= cap).reduce((a, b) => (b.m.tco < a.m.tco ? b : a));
  const out: FrontierPoint[] = [];
  for (let i = 0; i < points; i++) {
    // a hair above the minimum so that the least-risk build itself stays feasible in floating point
    const cap = i === 0 ? lo * (1 + 1e-9) + 1e-9 : lo + ((hi - lo) * i) / (points - 1);
    const settled = (cheapestProven && cap >= cheapest.m.risk.score) || (answerProven && cap >= answerProven.lo && cap <= answerProven.hi);
    if (!settled) {
      const from = bestUnder(cap);
      // only builds cheaper than the best known one under this cap are of interest
      const below = from.m.tco * (1 - 1e-9);
      remember(minimise(ctx, GOALS.tco, { drop: noCap, riskCap: cap }, ctx.p, limits, startOf(from.o), below));
    }
    // A solve whose search stopped before the risk cuts closed may return a build over the cap;
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
