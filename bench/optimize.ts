/**
 * Optimizer benchmark. A: 30 candidate parts × 3 workloads (DeepSeek-V3, Qwen3-235B, Llama-3.1-70B)
 * with every constraint set — solve time (target under 1 s) and the 7-point cost–risk frontier
 * (target under 5 s). B: a problem small enough for brute force (3 parts, colocated serving,
 * up to 6 servers each), solved by HiGHS and by enumeration in the same run; the ratio shows
 * what the solver saves and the two optima must agree.
 */
import { openApp } from '../electron/bootstrap';
import { catalogSnapshot } from '../electron/db/snapshot';
import { highs } from '../electron/optimize/highs';
import { runOptimize } from '../electron/optimize/run';
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_ROOT } from '../electron/bootstrap';
import { optimizeProblemSchema, parseOptimizeText, type OptimizeProblemInput } from '../shared/optimize/schema';
import { createCatalogLookup } from '../shared/scenario/catalog-lookup';
import { tmpDbPath } from '../test/helpers/tmp';
import { bruteForce } from '../test/unit/optimize/brute-force';
import { row } from './timing';

const TODAY = '2026-12-01';
const SITE = { name: 'Western China hub', powerPricePerKWh: 0.25, currency: 'CNY' as const, pue: 1.2, jurisdiction: 'CN' as const, rackCostPerYear: 24000, infraCostPerKW: 9000 };

export function largeProblem(slugs: string[], prices: Map<string, number | undefined>): OptimizeProblemInput {
  return {
    name: 'bench: 30 parts × 3 workloads',
    asOf: TODAY,
    site: SITE,
    demand: [
      { model: 'deepseek-v3', outputTokensPerSecond: 100_000 },
      { model: 'qwen3-235b-a22b', outputTokensPerSecond: 60_000, inputTokens: 1000, outputTokens: 300 },
      { model: 'llama-3.1-70b', outputTokensPerSecond: 30_000, tpotMs: 40 },
    ],
    candidates: {
      include: slugs,
      includeProhibited: true,
      // parts without a catalog quote get a price from their bandwidth and compute (a stand-in)
      parts: slugs.flatMap((s, i) => (prices.get(s) === undefined ? [{ accelerator: s, unitPrice: { amount: 40_000 + 10_000 * i, currency: 'CNY' as const } }] : [])).concat([
        { accelerator: 'ascend-910b', available: 256, moq: 16 } as never,
      ]),
    },
    constraints: { capexBudget: 300_000_000, powerCapKW: 2500, maxRiskScore: 45, minDomesticShare: 0.3, maxVendorShare: 0.6 },
  };
}

export default async function bench(): Promise<void> {
  const ctx = openApp(tmpDbPath());
  const snap = catalogSnapshot(ctx);
  const lookup = createCatalogLookup(snap);
  const tLoad = performance.now();
  await highs();
  console.log(row('HiGHS load + warm-up (once per process)', performance.now() - tLoad));

  // ---- E: the shipped example, the formulation against the one before issue 15 (loose group
  // bounds, no start, every cut round) in the same run, interleaved; medians of the warm runs
  const ex = parseOptimizeText(fs.readFileSync(path.join(SOURCE_ROOT, 'examples', 'optimize-deepseek-v3-west-china.json'), 'utf8'));
  if (!ex.ok) throw new Error('the shipped example does not parse');
  const times = { new: [] as number[][], old: [] as number[][] };
  let answers = '';
  for (let i = 0; i < 3; i++) {
    for (const baseline of [false, true]) {
      const r = await runOptimize(ex.value, snap, { today: TODAY, baseline });
      if (i > 0) (baseline ? times.old : times.new).push([r.timings.solveMs, r.timings.bindingMs, r.timings.frontierMs, r.timings.totalMs]);
      answers += ` ${baseline ? 'before' : 'now'} ¥${Math.round(r.kpis?.tco ?? NaN).toLocaleString('en')} (${r.status});`;
    }
  }
  const med = (xs: number[][], k: number) => xs.map((x) => x[k]!).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  ['solve', 'binding analysis', 'frontier', 'whole answer'].forEach((label, k) => {
    console.log(row(`E example ${label}, before issue 15`, med(times.old, k)));
    console.log(row(`E example ${label}, now`, med(times.new, k), med(times.old, k)));
  });
  console.log(`   optima:${answers}`);

  // ---- A: 30 parts × 3 workloads, all constraints
  const slugs = snap.accelerators.map((a) => a.slug).sort().slice(0, 30);
  const prices = new Map(slugs.map((s) => [s, lookup.bestCardPrice(s, TODAY, 'CNY')?.price]));
  const big = optimizeProblemSchema.parse(largeProblem(slugs, prices));
  // a first run compiles the solver's hot paths (V8 tiers WebAssembly up lazily); report the second
  await runOptimize(big, snap, { today: TODAY, solveOnly: true });
  const solveOnly = await runOptimize(big, snap, { today: TODAY, solveOnly: true });
  const full = await runOptimize(big, snap, { today: TODAY });
  // the same program without the time limit: how long the proof of optimality takes, and how far
  // the time-limited answer is from the optimum
  const proven = await runOptimize({ ...big, options: { ...big.options, timeLimitS: 120 } }, snap, { today: TODAY, solveOnly: true });
  const segments = solveOnly.candidates.used.reduce((s, c) => s + c.options, 0);
  const gapOf = (r: typeof full) => (r.objective.value && r.objective.bound !== null ? `${((100 * (r.objective.value - r.objective.bound)) / r.objective.value).toFixed(2)} %` : 'n/a');
  const tco = (r: typeof full) => `¥${Math.round(r.kpis?.tco ?? 0).toLocaleString('en')}`;
  console.log(`A: ${solveOnly.candidates.used.length} parts × 3 workloads, ${segments} serving options`);
  console.log(row('A candidate generation (serving-group search)', solveOnly.timings.candidatesMs));
  console.log(row(`A solve, ${big.options.timeLimitS} s limit (target < 1000 ms)`, solveOnly.timings.solveMs));
  console.log(`   status ${solveOnly.status}, TCO ${tco(solveOnly)}, proven gap ${gapOf(solveOnly)}`);
  console.log(row('A solve to proven optimum (no limit)', proven.timings.solveMs, solveOnly.timings.solveMs));
  const over = proven.kpis && solveOnly.kpis ? ((100 * (solveOnly.kpis.tco - proven.kpis.tco)) / proven.kpis.tco).toFixed(2) : 'n/a';
  console.log(`   status ${proven.status}, TCO ${tco(proven)}; the time-limited answer is ${over} % above it`);
  console.log(row(`A frontier, ${full.frontier.length} risk caps (target < 5000 ms)`, full.timings.frontierMs, solveOnly.timings.solveMs));
  console.log(`   ${full.frontier.map((f) => `risk ≤ ${f.riskCap.toFixed(1)}: ${f.tco === null ? '—' : `¥${(f.tco / 1e6).toFixed(2)}M`}`).join('; ')}`);
  console.log(row(`A binding-constraint analysis (${full.constraints.length} constraints)`, full.timings.bindingMs, solveOnly.timings.solveMs));
  console.log(`   ${full.constraints.map((b) => `${b.constraint}: ${b.binding === null ? 'not settled' : b.binding ? 'binds' : 'slack'}`).join(', ')}; solves in the full run: ${full.timings.solves}`);
  console.log(`   mix: ${full.build.lines.map((l) => `${l.name} ${l.role} ×${l.count}`).join(', ')}`);

  // ---- B: brute force vs the solver on a small problem
  const small = optimizeProblemSchema.parse({
    asOf: TODAY,
    site: SITE,
    demand: [{ model: 'qwen3-235b-a22b', outputTokensPerSecond: 12_000, roles: ['both'] }],
    candidates: { include: ['ascend-910b', 'nvidia-h20', 'mlu590'] },
    constraints: { capexBudget: 40_000_000, maxRiskScore: 40, minDomesticShare: 0.3 },
    options: { mipGap: 1e-9 },
  });
  const tB = performance.now();
  const solved = await runOptimize(small, snap, { today: TODAY, solveOnly: true });
  const solverMs = performance.now() - tB;
  const tBF = performance.now();
  const brute = bruteForce(small, snap, ['ascend-910b', 'nvidia-h20', 'mlu590'].map((a) => ({ accelerator: a, role: 'both' as const, cardsPerServer: 8 })), 6, TODAY);
  const bruteMs = performance.now() - tBF;
  console.log(row(`B brute force (${brute?.evaluated ?? 0} builds evaluated)`, bruteMs));
  console.log(row('B solver (candidates + solve + evaluation)', solverMs, bruteMs));
  const agree = brute && solved.kpis && Math.abs(brute.tco - solved.kpis.tco) <= 1e-6 * brute.tco;
  console.log(`   optimum: solver ¥${Math.round(solved.kpis?.tco ?? NaN).toLocaleString('en')}, brute force ¥${Math.round(brute?.tco ?? NaN).toLocaleString('en')} — ${agree ? 'agree' : 'DIFFER'}; brute force / solver = ${(bruteMs / solverMs).toFixed(1)}×`);
  ctx.db.close();
}
