/**
 * From the solver's plan to what people see: the build's lines, a scenario that reproduces it,
 * and its KPIs computed by `evaluateScenario` — the same code `procure evaluate` runs — so the
 * recommendation's numbers are never a second implementation. `planMetrics` is the cheap
 * version (no serving search) for the frontier's many points.
 */
import type { BuildAssumptions, BuildLine } from '../scenario/build';
import { buildRisk, type RiskResult } from '../model/risk';
import { costPerMillionTokens } from '../model/tco';
import type { CatalogLookup } from '../scenario/catalog-lookup';
import { evaluateScenario, type BuildResult } from '../scenario/evaluate';
import { parseScenario, type ScenarioInput, type ScenarioLine } from '../scenario/schema';
import { workloadOf, type CandidateSet } from './candidates';
import type { Plan } from './formulation';
import type { WorkloadNeed } from './options';
import type { OptimizeProblem } from './schema';
import type { OptimizeKpis, OptimizeLine, OptimizeUse } from './types';

export function planLines(c: CandidateSet, plan: Plan): OptimizeLine[] {
  return plan.lines
    .map((l) => {
      const p = c.parts[l.part]!;
      return {
        accelerator: p.slug ?? p.name,
        name: p.name,
        vendor: p.vendor,
        domestic: p.domestic,
        count: l.cards,
        role: l.role,
        servers: l.servers,
        cardsPerServer: p.cardsPerServer,
        unitPrice: p.resolved.cardPrice,
        partRisk: p.risk,
      };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export function planUses(c: CandidateSet, plan: Plan): OptimizeUse[] {
  return plan.uses.map((u) => {
    const p = c.parts[u.part]!;
    return {
      accelerator: p.slug ?? p.name,
      name: p.name,
      workload: u.workload,
      role: u.role,
      groupSize: u.groupSize,
      groups: u.groups,
      cards: u.cards,
      requestsPerSecondPerGroup: u.segment?.rate ?? 0,
      batch: u.segment?.group.batch ?? 0,
      bound: u.segment?.group.bound ?? null,
    };
  });
}

function scenarioLines(c: CandidateSet, lines: { part: number; role: ScenarioLine['role']; cards: number }[]): ScenarioInput['builds'][number]['lines'] {
  return lines.map((l) => ({ ...(c.parts[l.part]!.line as ScenarioInput['builds'][number]['lines'][number]), count: l.cards, role: l.role }));
}

function scenarioOf(p: OptimizeProblem, c: CandidateSet, w: number, name: string, lines: { part: number; role: ScenarioLine['role']; cards: number }[]): ScenarioInput {
  return {
    version: 1,
    name,
    description: `Recommended by procure optimize (${p.objective}) on ${c.asOf}`,
    currency: p.currency,
    asOf: c.asOf,
    ...(p.fx ? { fx: p.fx } : {}),
    site: p.site,
    finance: p.finance,
    workload: workloadOf(p.demand[w]!),
    builds: [{ name, lines: scenarioLines(c, lines) }],
    risk: p.risk,
  };
}

export function planScenario(p: OptimizeProblem, c: CandidateSet, plan: Plan, name: string): ScenarioInput {
  return scenarioOf(p, c, 0, name, plan.lines.map((l) => ({ part: l.part, role: l.role, cards: l.cards })));
}

function evaluate(s: ScenarioInput, lookup: CatalogLookup, today: string): BuildResult {
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(`internal: the recommended build is not a valid scenario: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return evaluateScenario(parsed.value, lookup, { today }).builds[0]!;
}

/**
 * KPIs of the plan by the evaluation. With several workloads the whole build gives cost, power
 * and risk, and each workload's own lines give its throughput.
 */
export function planKpis(p: OptimizeProblem, c: CandidateSet, plan: Plan, needs: WorkloadNeed[], lookup: CatalogLookup, today: string): { kpis: OptimizeKpis; whole: BuildResult; warnings: string[] } {
  const warnings: string[] = [];
  const whole = evaluate(planScenario(p, c, plan, 'recommended'), lookup, today);
  const served = needs.map((need, w) => {
    if (needs.length === 1) return whole.outputTokensPerSecond;
    const mine = plan.uses.filter((u) => u.workload === w);
    return mine.length ? evaluate(scenarioOf(p, c, w, 'workload', mine.map((u) => ({ part: u.part, role: u.role, cards: u.cards }))), lookup, today).outputTokensPerSecond : 0;
  });
  const workloads = needs.map((need, w) => ({ name: need.label, demandOutputTokensPerSecond: need.requestsPerSecond * need.outputTokens, servedOutputTokensPerSecond: served[w] ?? 0 }));
  for (const x of workloads) {
    if (x.servedOutputTokensPerSecond < x.demandOutputTokensPerSecond * (1 - 1e-6)) {
      warnings.push(`${x.name}: the evaluation serves ${Math.round(x.servedOutputTokensPerSecond)} output tok/s, below the ${Math.round(x.demandOutputTokensPerSecond)} demanded`);
    }
  }
  const total = served.reduce((a, b) => a + b, 0);
  const basis = shares(p, c, plan);
  const u = c.contexts[0]!.finance.utilization;
  const cpm = needs.length === 1 ? whole.costPerMillionOutputTokens : costPerMillionTokens(whole.annualizedCost, total, u);
  return {
    kpis: {
      capex: whole.capex,
      tco: whole.tco,
      annualizedCost: whole.annualizedCost,
      opexPerYear: whole.opexPerYear,
      itPowerKW: whole.itPowerKW,
      facilityPowerKW: whole.facilityPowerKW,
      energyKWhPerYear: whole.energyKWhPerYear,
      cards: whole.cards,
      servers: plan.lines.reduce((s, l) => s + l.servers, 0),
      outputTokensPerSecond: total,
      costPerMillionOutputTokens: cpm !== null && Number.isFinite(cpm) ? cpm : null,
      tokensPerSecondPerWatt: whole.itPowerKW > 0 ? total / (whole.itPowerKW * 1000) : 0,
      risk: whole.risk.score,
      riskFactors: whole.risk.factors,
      ...basis,
      workloads,
    },
    whole,
    warnings,
  };
}

function shares(p: OptimizeProblem, c: CandidateSet, plan: Plan): Pick<OptimizeKpis, 'domesticShare' | 'largestVendor' | 'largestVendorShare'> {
  const byCapex = p.constraints.shareBasis === 'capex';
  let total = 0;
  let dom = 0;
  const vendors = new Map<string, number>();
  for (const l of plan.lines) {
    const part = c.parts[l.part]!;
    const x = byCapex ? l.cards * part.costs.perCard.hardware + l.servers * part.costs.perServer.hardware : l.cards;
    total += x;
    if (part.domestic) dom += x;
    vendors.set(part.vendor, (vendors.get(part.vendor) ?? 0) + x);
  }
  const top = [...vendors.entries()].sort((a, b) => b[1] - a[1])[0];
  return { domesticShare: total > 0 ? dom / total : 0, largestVendor: top?.[0] ?? '', largestVendorShare: total > 0 && top ? top[1] / total : 0 };
}

/** TCO, capex and the true risk score of a plan from the unit costs (no serving search). */
export function planMetrics(c: CandidateSet, plan: Plan, rackTcoPerRack: number): { tco: number; capex: number; risk: RiskResult; cards: number } {
  let tco = 0;
  let capex = 0;
  let servers = 0;
  const parts = plan.lines.map((l) => {
    const p = c.parts[l.part]!;
    const { perCard: pc, perServer: ps } = p.costs;
    tco += l.cards * pc.tco + l.servers * ps.tco;
    capex += l.cards * pc.capex + l.servers * ps.capex;
    servers += l.servers;
    return { vendor: p.vendor, capex: l.cards * pc.hardware + l.servers * ps.hardware, risk: p.riskResult };
  });
  tco += Math.ceil(servers / Math.max(1, c.contexts[0]!.site.serversPerRack)) * rackTcoPerRack;
  return { tco, capex, risk: buildRisk(parts, c.contexts[0]!.concentrationWeight), cards: plan.lines.reduce((s, l) => s + l.cards, 0) };
}

/** The build for `builds:create`, when every part is a catalog part (inline ones cannot be saved as a build). */
export function planSave(p: OptimizeProblem, c: CandidateSet, plan: Plan, name: string): { name: string; assumptions: BuildAssumptions; lines: BuildLine[] } | null {
  const lines: BuildLine[] = [];
  for (const l of plan.lines) {
    const part = c.parts[l.part]!;
    const src = part.line;
    // a build line has no place for inline parts or hosts, nor for efficiency and lead-time overrides
    if (!part.slug || (src.server !== undefined && typeof src.server !== 'string') || src.mbu !== undefined || src.mfu !== undefined || src.leadTimeWeeks !== undefined) return null;
    lines.push({
      accelerator: part.slug,
      count: l.cards,
      role: l.role,
      ...(typeof src.server === 'string' ? { server: src.server } : {}),
      ...(src.networkPerCard ? { networkPerCard: src.networkPerCard } : {}),
      ...(src.unitPrice ? { unitPrice: src.unitPrice } : {}),
    });
  }
  const assumptions = { currency: p.currency, site: p.site, finance: p.finance, workload: workloadOf(p.demand[0]!), risk: p.risk } as BuildAssumptions;
  return { name, assumptions, lines };
}
