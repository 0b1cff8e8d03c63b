/**
 * Brute force for small optimize problems, independent of the program: enumerate whole-server
 * card counts for every part × role line, evaluate each build with `evaluateScenario` (what
 * `procure evaluate` reports) and keep the cheapest that serves the demand and meets every
 * constraint. Used by the tests and the bench; exponential, so only for a few lines.
 */
import type { CatalogSnapshot } from '../../../shared/scenario/catalog-lookup';
import { createCatalogLookup } from '../../../shared/scenario/catalog-lookup';
import { evaluateScenario, type BuildResult } from '../../../shared/scenario/evaluate';
import { parseScenario, type ScenarioInput } from '../../../shared/scenario/schema';
import { workloadOf } from '../../../shared/optimize/candidates';
import { demandRequestsPerSecond, type OptimizeProblem } from '../../../shared/optimize/schema';

export interface BruteLine {
  /** Catalog slug. */
  accelerator: string;
  role: 'both' | 'prefill' | 'decode';
  cardsPerServer: number;
  unitPrice?: { amount: number; currency: 'CNY' | 'USD' };
}

export interface BruteResult {
  tco: number;
  counts: number[];
  build: BuildResult;
  evaluated: number;
}

function counts(n: number, max: number): number[][] {
  if (n === 0) return [[]];
  const rest = counts(n - 1, max);
  const out: number[][] = [];
  for (let k = 0; k <= max; k++) for (const r of rest) out.push([k, ...r]);
  return out;
}

export function bruteForce(p: OptimizeProblem, snapshot: CatalogSnapshot, lines: BruteLine[], maxServers: number, today: string): BruteResult | null {
  const lookup = createCatalogLookup(snapshot);
  const demand = demandRequestsPerSecond(p.demand[0]!) * p.demand[0]!.outputTokens;
  const k = p.constraints;
  const domestic = new Map(snapshot.accelerators.map((a) => [a.model, a.domestic]));
  const pooled = lines.some((l) => l.role !== 'both');
  let best: BruteResult | null = null;
  let evaluated = 0;
  for (const servers of counts(lines.length, maxServers)) {
    const used = lines.map((l, i) => ({ ...l, count: servers[i]! * l.cardsPerServer })).filter((l) => l.count > 0);
    if (used.length === 0) continue;
    const scenario: ScenarioInput = {
      version: 1,
      currency: p.currency,
      asOf: p.asOf ?? today,
      site: p.site,
      finance: p.finance,
      workload: workloadOf(p.demand[0]!),
      risk: p.risk,
      builds: [{ name: 'b', lines: used.map((l) => ({ accelerator: l.accelerator, count: l.count, role: l.role, ...(l.unitPrice ? { unitPrice: l.unitPrice } : {}) })) }],
    };
    const parsed = parseScenario(scenario);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const b = evaluateScenario(parsed.value, lookup, { today }).builds[0]!;
    evaluated++;
    // only groups that meet the latency targets count as serving
    const served = pooled ? (b.lines.every((l) => l.meetsTargets) ? b.outputTokensPerSecond : 0) : b.lines.filter((l) => l.meetsTargets).reduce((s, l) => s + l.outputTokensPerSecond, 0);
    if (served < demand * (1 - 1e-9)) continue;
    if (k.capexBudget !== undefined && b.capex > k.capexBudget) continue;
    if (k.powerCapKW !== undefined && b.facilityPowerKW > k.powerCapKW) continue;
    if (k.maxRiskScore !== undefined && b.risk.score > k.maxRiskScore) continue;
    const basis = (l: BuildResult['lines'][number]) => (k.shareBasis === 'capex' ? l.capex : l.count);
    const total = b.lines.reduce((s, l) => s + basis(l), 0);
    const dom = b.lines.filter((l) => domestic.get(l.accelerator)).reduce((s, l) => s + basis(l), 0);
    if (k.minDomesticShare !== undefined && dom < k.minDomesticShare * total - 1e-9) continue;
    if (k.maxVendorShare !== undefined) {
      const byVendor = new Map<string, number>();
      for (const l of b.lines) byVendor.set(l.vendor, (byVendor.get(l.vendor) ?? 0) + basis(l));
      if ([...byVendor.values()].some((v) => v > k.maxVendorShare! * total + 1e-9)) continue;
    }
    if (!best || b.tco < best.tco) best = { tco: b.tco, counts: lines.map((l, i) => servers[i]! * l.cardsPerServer), build: b, evaluated: 0 };
  }
  if (best) best.evaluated = evaluated;
  return best;
}
