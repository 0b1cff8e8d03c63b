/**
 * The optimizer end to end on a real seeded database and the real HiGHS: optima checked by
 * brute-force enumeration, infeasible problems and their explanations, a binding budget, a
 * risk cap that forces a domestic mix, KPIs identical to `procure evaluate`, the frontier.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/bootstrap';
import { catalogSnapshot } from '../../../electron/db/snapshot';
import { runOptimize } from '../../../electron/optimize/run';
import { optimizeProblemSchema, type OptimizeProblemInput } from '../../../shared/optimize/schema';
import { createCatalogLookup, type CatalogSnapshot } from '../../../shared/scenario/catalog-lookup';
import { evaluateScenario } from '../../../shared/scenario/evaluate';
import { parseScenario } from '../../../shared/scenario/schema';
import { tmpDbPath } from '../../helpers/tmp';
import { bruteForce, type BruteLine } from '../../unit/optimize/brute-force';

const TODAY = '2026-12-01';
const SITE = { name: 'Western China hub', powerPricePerKWh: 0.25, currency: 'CNY' as const, pue: 1.2, jurisdiction: 'CN' as const, rackCostPerYear: 24000, infraCostPerKW: 9000 };
const PARTS = ['ascend-910b', 'nvidia-h20', 'mlu590'];
const LINES: BruteLine[] = PARTS.map((a) => ({ accelerator: a, role: 'both', cardsPerServer: 8 }));

let snap: CatalogSnapshot;
beforeAll(() => {
  snap = catalogSnapshot(openApp(tmpDbPath()));
});

function problem(over: Partial<OptimizeProblemInput> & { constraints?: OptimizeProblemInput['constraints'] }) {
  return optimizeProblemSchema.parse({
    asOf: TODAY,
    site: SITE,
    demand: [{ model: 'qwen3-235b-a22b', outputTokensPerSecond: 12_000, roles: ['both'] }],
    candidates: { include: PARTS },
    options: { mipGap: 1e-9 },
    ...over,
  });
}

const solve = (p: ReturnType<typeof problem>, solveOnly = true) => runOptimize(p, snap, { today: TODAY, solveOnly });

describe('optimum = brute force over whole-server card counts', () => {
  const cases: [string, OptimizeProblemInput['constraints']][] = [
    ['no constraints', {}],
    ['budget, risk cap and domestic share', { capexBudget: 40_000_000, maxRiskScore: 40, minDomesticShare: 0.3 }],
    ['largest vendor share by cards and a power cap', { maxVendorShare: 0.5, shareBasis: 'cards', powerCapKW: 150 }],
  ];
  for (const [name, constraints] of cases) {
    it(name, async () => {
      const p = problem({ constraints });
      const r = await solve(p);
      // up to 10 servers per line: with the engine-aware step the least-TCO build can need 8 servers of one part
      const brute = bruteForce(p, snap, LINES, 10, TODAY);
      expect(brute).not.toBeNull();
      expect(r.status).toBe('optimal');
      expect(r.kpis!.tco).toBeCloseTo(brute!.tco, 0);
      // the evaluation may note idle cards (whole servers); it must not serve less than demanded
      expect(r.warnings.filter((w) => /internal|below the/.test(w))).toEqual([]);
    });
  }
});

describe('the recommendation is what procure evaluate reports', () => {
  it('evaluating the returned scenario gives the same TCO, capex, risk and throughput', async () => {
    const r = await solve(problem({ constraints: { maxRiskScore: 41 } }));
    const parsed = parseScenario(r.scenario);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const b = evaluateScenario(parsed.value, createCatalogLookup(snap), { today: TODAY }).builds[0]!;
    expect(b.tco).toBe(r.kpis!.tco);
    expect(b.capex).toBe(r.kpis!.capex);
    expect(b.risk.score).toBe(r.kpis!.risk);
    expect(b.outputTokensPerSecond).toBeGreaterThanOrEqual(12_000);
    expect(r.objective.value).toBeCloseTo(r.kpis!.tco, 0);
    expect(r.save?.lines.map((l) => l.accelerator).sort()).toEqual(r.build.lines.map((l) => l.accelerator).sort());
  });
});

describe('constraints that bind', () => {
  it('a budget below the unconstrained optimum binds and is met', async () => {
    // dear power over ten years: the least-TCO build (efficient parts) costs more capex than
    // the least-capex one (cheap, power-hungry L20s), so a budget between the two binds. The H20
    // is left out: with the calibrated engine profiles (docs/model.md § 10) an all-H20 build is
    // both the least-TCO and the least-capex one, and no budget below its capex could be met.
    const dear = {
      site: { name: 'dear power', powerPricePerKWh: 3, currency: 'CNY' as const, pue: 1.5, jurisdiction: 'CN' as const },
      finance: { years: 10, utilization: 0.9 },
      candidates: { include: ['ascend-910b', 'mlu590', 'nvidia-l20'] },
    };
    const free = await solve(problem(dear));
    const cheapest = await solve(problem({ ...dear, objective: 'capex' }));
    expect(free.status).toBe('optimal');
    expect(cheapest.kpis!.capex).toBeLessThan(free.kpis!.capex);
    // below the unconstrained optimum's capex, at or above the least capex that serves the demand
    const budget = Math.round((free.kpis!.capex + cheapest.kpis!.capex) / 2);
    expect(budget).toBeLessThan(free.kpis!.capex);
    const r = await runOptimize(problem({ ...dear, constraints: { capexBudget: budget } }), snap, { today: TODAY });
    expect(r.status).toBe('optimal');
    expect(r.kpis!.capex).toBeLessThanOrEqual(budget);
    expect(r.kpis!.tco).toBeGreaterThan(free.kpis!.tco);
    expect(r.binding.map((b) => b.constraint)).toEqual(['budget']);
    expect(r.binding[0]!.objectiveWithout).toBeCloseTo(free.kpis!.tco, 0);
    // the frontier: at least 5 caps, TCO never rises as the cap loosens, each build within its cap
    expect(r.frontier.length).toBeGreaterThanOrEqual(5);
    const feasible = r.frontier.filter((f) => f.feasible);
    for (let i = 1; i < feasible.length; i++) expect(feasible[i]!.tco!).toBeLessThanOrEqual(feasible[i - 1]!.tco! * (1 + 1e-9));
    for (const f of feasible) expect(f.risk!).toBeLessThanOrEqual(f.riskCap + 1e-6);
  });

  it('a risk cap forces domestic parts into an H20 build', async () => {
    const over = { candidates: { include: ['nvidia-h20', 'ascend-910b'] } };
    const free = await solve(problem(over));
    expect(free.build.lines.every((l) => !l.domestic)).toBe(true);
    const cap = free.kpis!.risk - 4;
    const r = await solve(problem({ ...over, constraints: { maxRiskScore: cap } }));
    expect(r.status).toBe('optimal');
    expect(r.kpis!.risk).toBeLessThanOrEqual(cap);
    expect(r.build.lines.some((l) => l.domestic)).toBe(true);
    expect(r.kpis!.domesticShare).toBeGreaterThan(0);
    expect(r.kpis!.tco).toBeGreaterThan(free.kpis!.tco);
  });
});

describe('infeasible problems are explained', () => {
  it('a budget too small: the cheapest fix is the least budget that works', async () => {
    const r = await runOptimize(problem({ constraints: { capexBudget: 1_000_000, powerCapKW: 10_000 } }), snap, { today: TODAY });
    expect(r.status).toBe('infeasible');
    expect(r.kpis).toBeNull();
    const inf = r.infeasibility!;
    expect(inf.reason).toBe('constraint');
    expect(inf.cheapest).toBe('budget');
    const fix = inf.relaxations.find((x) => x.constraint === 'budget')!;
    // the least budget is the least capex that serves the demand
    const minCapex = await solve(problem({ objective: 'capex' }));
    expect(fix.needed!).toBeCloseTo(minCapex.kpis!.capex, 0);
    expect(inf.message).toMatch(/capex budget/);
    // raising the budget to it makes the problem feasible
    const ok = await solve(problem({ constraints: { capexBudget: fix.needed! + 1 } }));
    expect(ok.status).toBe('optimal');
  });

  it('a risk cap below any build: the explanation names the least achievable risk', async () => {
    const r = await solve(problem({ constraints: { maxRiskScore: 10 } }));
    expect(r.status).toBe('infeasible');
    const fix = r.infeasibility!.relaxations[0]!;
    expect(fix.constraint).toBe('risk');
    expect(fix.needed!).toBeGreaterThan(10);
    const ok = await solve(problem({ constraints: { maxRiskScore: fix.needed! + 1e-3 } }));
    expect(ok.status).toBe('optimal');
    expect(ok.kpis!.risk).toBeLessThanOrEqual(fix.needed! + 1e-3);
  });

  it('two constraints that only clash together', async () => {
    // all domestic by cards, and no vendor above 40 %: only two domestic vendors are candidates
    const r = await solve(problem({ constraints: { minDomesticShare: 1, maxVendorShare: 0.4, shareBasis: 'cards' } }));
    expect(r.status).toBe('infeasible');
    expect(['constraint', 'combination']).toContain(r.infeasibility!.reason);
    expect(r.infeasibility!.relaxations.map((x) => x.constraint).sort()).toEqual(['domestic', 'vendorShare']);
  });

  it('latency targets no part meets', async () => {
    const r = await solve(problem({ demand: [{ model: 'qwen3-235b-a22b', outputTokensPerSecond: 1000, tpotMs: 0.5, roles: ['both'] }] }));
    expect(r.status).toBe('infeasible');
    expect(r.infeasibility!.reason).toBe('demand');
    expect(r.infeasibility!.message).toMatch(/latency targets/);
  });

  it('stock below what the demand needs', async () => {
    const r = await solve(problem({ candidates: { include: ['ascend-910b'], parts: [{ accelerator: 'ascend-910b', available: 16 }] } }));
    expect(r.status).toBe('infeasible');
    const fix = r.infeasibility!.relaxations[0]!;
    expect(fix.constraint).toBe('supply');
    expect(fix.parts![0]!.needed).toBeGreaterThan(16);
  });
});

describe('candidates', () => {
  it('leaves out parts whose export is prohibited for the buyer, and says why', async () => {
    const r = await solve(problem({ candidates: {} }));
    expect(r.candidates.excluded.some((x) => /H100/.test(x.accelerator) && /prohibited/.test(x.reason))).toBe(true);
    expect(r.candidates.used.some((x) => x.accelerator === 'nvidia-h100-sxm')).toBe(false);
  });

  it('disaggregated serving: prefill and decode pools may be different parts', async () => {
    const p = problem({ demand: [{ model: 'deepseek-v3', outputTokensPerSecond: 20_000 }], candidates: { include: ['nvidia-h20', 'ascend-910b', 'ascend-910c'] } });
    const r = await solve(p);
    expect(r.status).toBe('optimal');
    expect(r.kpis!.workloads[0]!.servedOutputTokensPerSecond).toBeGreaterThanOrEqual(20_000);
    expect(r.warnings).toEqual([]);
  });
});
