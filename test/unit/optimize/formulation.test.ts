/**
 * The pure parts of the optimizer: the problem schema, the serving segments (the step function
 * the evaluation gives a line of c cards), the LP text HiGHS reads, and the risk terms.
 */
import { describe, expect, it } from 'vitest';
import { highs, solveWith } from '../../../electron/optimize/highs';
import { expr, ModelBuilder } from '../../../shared/optimize/mip';
import { segmentsFor } from '../../../shared/optimize/options';
import { resolveCandidates } from '../../../shared/optimize/candidates';
import { demandRequestsPerSecond, parseOptimizeProblem, optimizeProblemSchema } from '../../../shared/optimize/schema';
import { evaluateCluster } from '../../../shared/model/cluster';
import { createCatalogLookup, type CatalogSnapshot } from '../../../shared/scenario/catalog-lookup';

/** One inline part, priced in the scenario: no database needed. */
const PART = {
  accelerator: { name: 'Test 96G', vendor: 'Acme', memoryGB: 96, memoryBandwidthTBps: 4, tflops: { bf16: 148, fp8: 296 }, tdpW: 400, scaleUpGBps: 900, softwareStack: 'CUDA' },
  unitPrice: { amount: 100_000, currency: 'CNY' as const },
  server: { cardsPerServer: 8, price: { amount: 300_000, currency: 'CNY' as const }, powerW: 2500 },
};
const EMPTY: CatalogSnapshot = { accelerators: [], servers: [], quotes: [], sites: [], fx: [] };
const SITE = { name: 'Test site', powerPricePerKWh: 0.3, pue: 1.2 };

describe('problem schema', () => {
  it('takes exactly one demand rate and converts it to requests per second', () => {
    const base = { site: SITE, candidates: { parts: [PART] } };
    const ok = parseOptimizeProblem({ ...base, demand: [{ model: 'deepseek-v3', outputTokensPerDay: 86_400_000, outputTokens: 500 }] });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(demandRequestsPerSecond(ok.value.demand[0]!)).toBeCloseTo(2, 12);
    const none = parseOptimizeProblem({ ...base, demand: [{ model: 'deepseek-v3' }] });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.issues[0]).toEqual({ path: 'demand[0].outputTokensPerSecond', message: 'expected exactly one of outputTokensPerSecond, outputTokensPerDay, requestsPerSecond' });
  });

  it('names the path of a bad constraint and fills defaults', () => {
    const bad = parseOptimizeProblem({ site: SITE, demand: [{ model: 'deepseek-v3', requestsPerSecond: 1 }], constraints: { maxRiskScore: 140 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.path).toBe('constraints.maxRiskScore');
    const p = optimizeProblemSchema.parse({ site: SITE, demand: [{ model: 'deepseek-v3', requestsPerSecond: 1 }] });
    expect(p.objective).toBe('tco');
    expect(p.constraints.wholeServers).toBe(true);
    expect(p.demand[0]!.roles).toEqual(['both', 'prefill', 'decode']);
    expect(p.options.frontierPoints).toBeGreaterThanOrEqual(5);
  });
});

describe('serving segments', () => {
  it('give every line size the throughput the cluster evaluation gives it', () => {
    const p = optimizeProblemSchema.parse({ asOf: '2026-01-01', site: SITE, demand: [{ model: 'qwen3-235b-a22b', requestsPerSecond: 1 }], candidates: { include: [], parts: [PART] } });
    const c = resolveCandidates(p, createCatalogLookup(EMPTY), [], '2026-01-01');
    expect(c.parts).toHaveLength(1);
    const part = c.parts[0]!;
    for (const role of ['both', 'decode'] as const) {
      const segs = segmentsFor(c, 0, 0, role);
      expect(segs.length).toBeGreaterThan(0);
      for (let cards = 1; cards <= 160; cards++) {
        const seg = segs.find((s) => cards >= s.groupSize && cards <= s.maxCards);
        const mine = seg ? Math.floor(cards / seg.groupSize) * seg.rate : 0;
        // a lone decode line is evaluated as 'both'; pair it with a prefill line to keep its role
        const lines = [{ spec: part.resolved.spec, cards, role, hostPowerWPerCard: 2500 / 8 }];
        if (role === 'decode') lines.push({ spec: part.resolved.spec, cards: 1024, role: 'prefill' as 'decode', hostPowerWPerCard: 2500 / 8 });
        const ev = evaluateCluster(lines, c.contexts[0]!.model, c.contexts[0]!.targets).lines[0]!;
        const theirs = ev.group.meetsTargets ? ev.capacityRequestsPerSecond : 0;
        expect(mine, `${role}, ${cards} cards`).toBeCloseTo(theirs, 9);
      }
    }
  });
});

/** A covering knapsack: n integer items (0–5 each) of mixed sizes and costs covering `need`. */
function coverProblem(n: number, need: number) {
  const b = new ModelBuilder();
  const xs = Array.from({ length: n }, (_, i) => b.addVar(`x${i}`, 'integer', 0, 5));
  b.ge('cover', expr(...xs.map((x, i): [number, number] => [x, 7 + ((i * 13) % 17)])), need);
  return { m: b.build(expr(...xs.map((x, i): [number, number] => [x, 10 + ((i * 7) % 11) + i / 100]))), xs };
}

describe('HiGHS through sparse rows', () => {
  it('solves a small MIP: bounds, equalities, ranges, binaries', async () => {
    const b = new ModelBuilder();
    const x = b.addVar('x', 'integer', 0, 10);
    const y = b.addVar('y', 'continuous', -Infinity, Infinity);
    const z = b.addVar('z', 'binary');
    b.addRow('range', expr([x, 1], [y, 1]), 2.5, 7.25);
    b.eq('fix', expr([y, 1], [z, -1]), 0.5);
    b.ge('need', expr([x, 3], [z, 2]), 7);
    const m = b.build(expr([x, 1.5], [y, 2], [z, 1]));
    const s = solveWith(await highs())(m, { mipGap: 1e-9 });
    expect(s.status).toBe('optimal');
    // z = 1 → y = 1.5, 3x ≥ 5 → x = 2: 3 + 3 + 1 = 7; z = 0 → y = 0.5, x = 3 (≥ 7/3): 4.5 + 1 = 5.5
    expect(s.values).toEqual([3, 0.5, 0]);
    expect(s.objective).toBeCloseTo(5.5, 9);
    expect(s.bound).toBeCloseTo(5.5, 9);
  });

  it('starts from a given build: a solve stopped at once still returns it', async () => {
    const { m, xs } = coverProblem(40, 1000);
    const solve = solveWith(await highs());
    const start = new Map(xs.map((_, i) => [`x${i}`, 5]));
    const startCost = xs.reduce((sum, _, i) => sum + 5 * (10 + ((i * 7) % 11) + i / 100), 0);
    const stopped = solve(m, { start, timeLimitS: 1e-6 });
    expect(stopped.status).toBe('feasible');
    expect(stopped.objective).toBeLessThanOrEqual(startCost + 1e-6);
    // nothing proven yet: no bound, or one below the answer
    expect(stopped.bound ?? -Infinity).toBeLessThan(stopped.objective);
    // without a start the same limit ends with no build, which is an error, not "infeasible"
    const none = solve(m, { timeLimitS: 1e-6 });
    expect(none.status).toBe('error');
    expect(none.message).toMatch(/time limit/);
    const full = solve(m, { start, mipGap: 1e-9 });
    expect(full.status).toBe('optimal');
    expect(full.objective).toBeLessThan(stopped.objective);
  });

  it('with a cutoff, finds a build below it or proves there is none', async () => {
    const { m } = coverProblem(12, 200);
    const solve = solveWith(await highs());
    const best = solve(m, { mipGap: 1e-9 });
    expect(best.status).toBe('optimal');
    const none = solve(m, { mipGap: 1e-9, cutoff: best.objective * 0.999 });
    expect(none.status).toBe('infeasible');
    expect(none.message).toMatch(/cutoff/);
    const some = solve(m, { mipGap: 1e-9, cutoff: best.objective * 1.001 });
    expect(some.status).toBe('optimal');
    expect(some.objective).toBeCloseTo(best.objective, 9);
  });

  it('reports an infeasible model as such', async () => {
    const b = new ModelBuilder();
    const x = b.addVar('x', 'integer', 0, 2);
    b.ge('too much', expr([x, 1]), 5);
    expect(solveWith(await highs())(b.build(expr([x, 1]))).status).toBe('infeasible');
  });
});
