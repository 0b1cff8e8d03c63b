/**
 * Warming the solver at start-up. V8 compiles WebAssembly lazily and tiers hot functions up as
 * they run, so a process's first real solve pays 2–3 s of compilation for HiGHS's presolve, cut
 * and branch-and-bound code. A job worker solves a real model in the background as soon as the
 * app starts (the shipped example's problem over the user's own catalog), and the runner keeps
 * that worker for later optimizer jobs, so the user's first solve runs warm.
 */
import { optimizeProblemSchema, type OptimizeProblemInput } from '../../shared/optimize/schema';
import type { CatalogSnapshot } from '../../shared/scenario/catalog-lookup';
import { highs } from './highs';
import { runOptimize } from './run';

/**
 * The shipped example (examples/optimize-deepseek-v3-west-china.json) with its site written out,
 * so that it needs no catalog site, and a short time limit: it is run for the compiled code, and
 * its answer is thrown away.
 */
export const WARM_PROBLEM: OptimizeProblemInput = {
  name: 'solver warm-up',
  site: { name: 'warm-up site', powerPricePerKWh: 0.25, currency: 'CNY', pue: 1.2, jurisdiction: 'CN' },
  demand: [{ model: 'deepseek-v3', inputTokens: 2000, outputTokens: 500, tpotMs: 50, ttftMs: 3000, outputTokensPerSecond: 100_000 }],
  constraints: { capexBudget: 80_000_000, powerCapKW: 600, maxRiskScore: 38, minDomesticShare: 0.5, maxVendorShare: 0.8 },
  options: { timeLimitS: 3 },
};

export interface WarmUp {
  /** What was solved: the example's model, or only HiGHS's own small model when the catalog has no part for it. */
  model: 'example' | 'tiny';
  ms: number;
}

export async function warmSolver(snapshot: CatalogSnapshot, today: string): Promise<WarmUp> {
  const t0 = performance.now();
  await highs();
  try {
    const r = await runOptimize(optimizeProblemSchema.parse(WARM_PROBLEM), snapshot, { today, solveOnly: true, warmThreads: true });
    return { model: r.status === 'error' ? 'tiny' : 'example', ms: performance.now() - t0 };
  } catch {
    // a catalog without a priced part for the model (a fresh database of the user's own): the
    // small model highs() solved is all there is to warm with
    return { model: 'tiny', ms: performance.now() - t0 };
  }
}
