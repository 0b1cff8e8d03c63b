/**
 * One optimize run: resolve the candidates, solve for the problem's objective, evaluate the
 * recommendation with the shared evaluation, find the binding constraints and the cost–risk
 * frontier — or, when nothing is feasible, explain which constraint to relax.
 */
import { resolveCandidates } from '../../shared/optimize/candidates';
import { allSegments } from '../../shared/optimize/options';
import { planKpis, planLines, planSave, planScenario, planUses } from '../../shared/optimize/result';
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { OptimizeResult } from '../../shared/optimize/types';
import { valueOf, type MipSolver } from '../../shared/optimize/mip';
import { MONEY } from '../../shared/optimize/formulation';
import { createCatalogLookup, type CatalogSnapshot } from '../../shared/scenario/catalog-lookup';
import { analysisExecutor, warmThreads } from './pool';
import type { AnalysisContext } from './analysis';
import { activeConstraints, bindingPlan } from './constraints';
import { frontierPlan } from './frontier';
import { highs, solveWith } from './highs';
import { explainInfeasible } from './infeasibility';
import { minimise, objectiveGoal, startOf, type LabelledBuild, type SolveContext } from './solve';

export interface RunOptions {
  today: string;
  /** Skip the binding analysis and the frontier (the bench's bare solve). */
  solveOnly?: boolean;
  /** A solver other than HiGHS (tests). */
  solver?: MipSolver;
  /** The formulation before issue 15, for the bench's baseline (see SolveContext). */
  baseline?: boolean;
  /** Answers of earlier runs (before an edit): the solve starts from the best that still fits. */
  known?: readonly LabelledBuild[];
  /** Told the answer's build, as a start for later runs. */
  remember?: (build: LabelledBuild) => void;
  /**
   * Solver threads for the analyses (this one included): 1 runs them here one after another; by
   * default one per core (os.availableParallelism, at most 4). The answer is the same either way.
   */
  threads?: number;
  /** Also start and compile the analyses' solver threads on this problem (the app's warm-up). */
  warmThreads?: boolean;
  /** Before each solve: the phase and the solves done so far (a job's progress; may throw to cancel). */
  onProgress?: (phase: RunPhase, done: number) => void;
}

export type RunPhase = 'solving' | 'binding' | 'frontier' | 'explaining';

export async function runOptimize(p: OptimizeProblem, snapshot: CatalogSnapshot, opts: RunOptions): Promise<OptimizeResult> {
  const t0 = performance.now();
  const lookup = createCatalogLookup(snapshot);
  const c = resolveCandidates(p, lookup, snapshot.accelerators, opts.today);
  const segments = allSegments(p, c);
  const solver = opts.solver ?? solveWith(await highs());
  let phase: RunPhase = 'solving';
  const ctx: SolveContext = { p, c, segments, solver, solves: 0, ...(opts.baseline && { baseline: true }), ...(opts.known && { known: opts.known }) };
  if (opts.onProgress) ctx.beforeSolve = () => opts.onProgress!(phase, ctx.solves);
  // the analyses' executor, made now: new solver threads compile while this one solves
  const tick = (n: number) => {
    opts.onProgress?.(phase, ctx.solves);
    ctx.solves += n;
  };
  const actx: AnalysisContext = { p, c, segments, ...(opts.baseline && { baseline: true }) };
  const threads = opts.solver ? 1 : opts.threads;
  const exec = opts.solveOnly ? undefined : analysisExecutor(actx, solver, tick, threads);
  const warming = opts.warmThreads && !opts.solver ? warmThreads(actx, threads) : undefined;
  const t1 = performance.now();

  const result: OptimizeResult = {
    status: 'infeasible',
    objective: { kind: p.objective, value: null, bound: null },
    currency: p.currency,
    asOf: c.asOf,
    build: { lines: [], uses: [] },
    kpis: null,
    binding: [],
    constraints: [],
    frontier: [],
    infeasibility: null,
    candidates: {
      used: c.parts.map((part, i) => ({
        accelerator: part.slug ?? part.name,
        name: part.name,
        vendor: part.vendor,
        domestic: part.domestic,
        cardPrice: part.resolved.cardPrice,
        risk: part.risk,
        options: segments.filter((s) => s.part === i).length,
      })),
      excluded: c.excluded,
    },
    save: null,
    scenario: null,
    timings: { candidatesMs: t1 - t0, solveMs: 0, bindingMs: 0, frontierMs: 0, totalMs: 0, solves: 0 },
    search: { startedFrom: 'none', startObjective: null, gap: null },
    warnings: [],
  };
  const done = async () => {
    await warming;
    result.timings.totalMs = performance.now() - t0;
    result.timings.solves = ctx.solves;
    return result;
  };

  const unserved = p.demand.flatMap((d, w) => (segments.some((s) => s.workload === w) ? [] : [d.name ?? c.contexts[w]!.model.name]));
  // the frontier's least-risk build needs no answer: its search starts beside the main solve
  const frontier = frontierPlan(ctx, p.options.frontierPoints);
  const early = unserved.length ? undefined : exec?.submit([frontier.least]);
  const { goal, fo } = objectiveGoal(p, c);
  const main = unserved.length ? null : minimise(ctx, goal, fo);
  result.timings.solveMs = performance.now() - t1;
  if (main) {
    const from = main.startedFrom === 'previous' || main.startedFrom === 'relaxation' ? main.startedFrom : 'none';
    result.search = { startedFrom: from, startObjective: from === 'none' ? null : main.startValue ?? null, gap: null };
  }

  if (!main || !main.plan) {
    if (main?.status === 'error') {
      result.status = 'error';
      result.warnings.push(main.message ?? 'the solver failed');
      return await done();
    }
    const t2 = performance.now();
    phase = 'explaining';
    result.infeasibility = explainInfeasible(ctx, unserved);
    result.timings.bindingMs = performance.now() - t2;
    return await done();
  }

  const plan = main.plan;
  result.status = main.status === 'optimal' ? 'optimal' : 'feasible';
  result.objective.value = main.value;
  result.objective.bound = main.bound ?? (main.status === 'optimal' ? main.value : null);
  const { value, bound } = result.objective;
  result.search.gap = main.status === 'optimal' ? 0 : value !== null && bound !== null && value > 0 ? (value - bound) / value : null;
  const answer = startOf(main);
  if (answer) opts.remember?.(answer);
  result.build = { lines: planLines(c, plan), uses: planUses(c, plan) };
  const name = p.name || 'Optimized build';
  result.scenario = planScenario(p, c, plan, name);
  result.save = planSave(p, c, plan, name);
  const { kpis, whole, warnings } = planKpis(p, c, plan, main.f.needs, lookup, opts.today);
  result.kpis = kpis;
  result.warnings.push(...warnings, ...whole.warnings);
  const cap = p.constraints.maxRiskScore;
  if (cap !== undefined && kpis.risk > cap + 1e-6) result.warnings.push(`the solve stopped at its time limit with a build whose risk score ${kpis.risk.toFixed(2)} exceeds the cap ${cap}`);
  if (plan.atBound > 0) result.warnings.push('a line reached the search bound (a server beyond the cards that serve its workload alone); the optimum may lie beyond it');
  // the program's TCO is the evaluation's by construction; say so loudly if they ever part
  const programTco = valueOf(main.f.e.tco, main.values) / MONEY;
  if (Math.abs(programTco - kpis.tco) > 1e-6 * Math.max(1, kpis.tco)) {
    result.warnings.push(`internal: the program's TCO ${programTco.toFixed(0)} differs from the evaluation's ${kpis.tco.toFixed(0)}`);
  }
  if (!exec) return await done();

  const t3 = performance.now();
  phase = 'binding';
  // the binding tests (the risk cap's first: the frontier's caps need the cheapest build it may
  // give) and the frontier's caps in parallel, then any binding test still to run alone
  const binding = bindingPlan(ctx, kpis, main);
  const riskAt = binding.tests.findIndex((t) => t.keys.length === 1 && t.keys[0] === 'risk');
  const riskTest = riskAt >= 0 && frontier.uncappedFromBinding ? exec.submit([binding.tests[riskAt]!.task]) : undefined;
  const ownTask = frontier.uncappedFromBinding ? undefined : frontier.cheapest(main);
  const own = ownTask ? exec.submit([ownTask]) : undefined;
  const rest = exec.submit(binding.tests.filter((_, i) => riskTest === undefined || i !== riskAt).map((t) => t.task));
  const least = (await exec.wait(early!))[0]!;
  const uncapped = riskTest ? (await exec.wait(riskTest))[0] : undefined;
  const late = riskTest ? frontier.cheapest(main, uncapped) : undefined;
  const ownR = own ? (await exec.wait(own))[0] : late ? (await exec.wait(exec.submit([late])))[0] : undefined;
  const curve = frontier.caps(main, least, uncapped, ownR);
  const capSearches = exec.submit(curve.tasks);
  const restR = await exec.wait(rest);
  const { statuses, again } = binding.verdicts(riskTest ? [...restR.slice(0, riskAt), uncapped!, ...restR.slice(riskAt)] : restR);
  for (const [i, r] of (await exec.wait(exec.submit(again.map((t) => t.task)))).entries()) statuses.set(again[i]!.keys[0]!, binding.verdict(again[i]!.keys[0]!, r));
  result.constraints = activeConstraints(p, c).map((k) => statuses.get(k)!);
  result.binding = result.constraints.filter((x) => x.binding);
  const t4 = performance.now();
  result.timings.bindingMs = t4 - t3;
  phase = 'frontier';
  result.frontier = curve.finish(await exec.wait(capSearches));
  // the two run side by side: each is the time from the analyses' start until its own results are in
  result.timings.frontierMs = performance.now() - t3;
  return await done();
}
