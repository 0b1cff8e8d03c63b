/**
 * evaluateScenario: a validated scenario + a catalog look-up → per build the TCO, power,
 * throughput, cost per million tokens, tokens per watt, supply risk and (optionally) the
 * sensitivity table, in the scenario's currency (major units), echoing every assumption used.
 */
import type { Currency, FxTable } from '../money';
import type { ClusterResult } from '../model/cluster';
import { PERF_DEFAULTS, type PerfTunables } from '../model/perf';
import { HOURS_PER_YEAR } from '../model/power';
import { buildRisk, partRisk, type RiskResult } from '../model/risk';
import type { SensitivityRow } from '../model/sensitivity';
import type { KvFit } from '../model/perf';
import { stepReport, type Bound, type EngineRef, type StepReport, type WorkloadTargets } from '../model/serving';
import { modelShape, type ModelSpec } from '../model/spec';
import { buyVsRent, type BuyVsRent, type FinanceAssumptions, type TcoResult } from '../model/tco';
import { buildSensitivity, core, NO_OVERRIDES, runCluster } from './build-core';
import type { CatalogLookup, PriceFound } from './catalog-lookup';
import { resolveScenario, type PriceOrigin, type ResolvedBuild, type ResolvedScenario, type ResolvedSite } from './resolve';
import type { Scenario } from './schema';
import { workloadResults, type WorkloadResult } from './workload-results';
import { selfHostVsApi, tokenCosts, type ApiComparison, type TokenCosts } from '../model/workload';

export interface LineResult {
  accelerator: string;
  slug?: string;
  vendor: string;
  count: number;
  role: string;
  effectiveRole: string;
  groupSize: number;
  attnTp: number;
  batch: number;
  replicas: number;
  idleCards: number;
  outputTokensPerSecond: number;
  inputTokensPerSecond: number;
  /** Prompt tokens per request from the prefix cache, their host-tier reload per prefill pass, output tokens per decode step (MTP). */
  cachedInputTokens: number;
  kvReloadMs: number | null;
  tokensPerStep: number;
  /** What the line could serve alone, and the share of it the build uses. */
  capacityOutputTokensPerSecond: number;
  load: number;
  bound: Bound;
  batchLimit: string;
  meetsTargets: boolean;
  tpotMs: number;
  ttftMs: number;
  mbu: number;
  mfu: number;
  /** The serving engine profile the line was evaluated with. */
  engine: EngineRef;
  /** The pacing step (decode, or prefill for a prefill pool): memory, compute, communication, fixed overhead, overlap, total and what binds. */
  step: StepReport | null;
  /** KV tokens held per sequence (paged engines: mean occupancy + margin; static: full context). */
  kvTokensPerSequence: number;
  /** When the line's group does not fit: KV needed at mean / full context, memory free, largest batch (GB per card). */
  kvFit?: KvFit;
  computePrecision: string;
  weightGBPerCard: number;
  cardPrice: number;
  /** Where the price came from: "quote: SUPPLIER, DATE (N days old)", "estimate: …", "scenario", "default" or "none". */
  cardPriceSource: string;
  /** The catalog quote the price policy chose (absent for a scenario's own price). */
  cardPriceQuote?: PriceQuoteRef;
  server: { name: string; cardsPerServer: number; price: number; powerW: number; source: string; count: number };
  capex: number;
  itPowerKW: number;
  risk: RiskResult;
}

/** A chosen quote as results name it: whose, when, how old and what to watch for. */
export interface PriceQuoteRef {
  id?: number;
  supplier: string;
  quoteDate: string;
  ageDays: number;
  validUntil?: string;
  estimate: boolean;
  expired: boolean;
  stale: boolean;
  /** Set when the line pinned a quote or a supplier. */
  pin?: 'quote' | 'supplier' | 'unavailable';
}

export function priceQuoteRef(c: PriceFound): PriceQuoteRef {
  const ref: PriceQuoteRef = { supplier: c.supplier, quoteDate: c.quoteDate, ageDays: c.ageDays, ...c.flags };
  if (c.quote.id !== undefined) ref.id = c.quote.id;
  if (c.quote.validUntil) ref.validUntil = c.quote.validUntil;
  if (c.pin) ref.pin = c.pin;
  return ref;
}

export interface BuildResult {
  name: string;
  currency: Currency;
  cards: number;
  capex: number;
  opexPerYear: number;
  tco: number;
  annualizedCost: number;
  costPerCardHour: number;
  itPowerKW: number;
  facilityPowerKW: number;
  energyKWhPerYear: number;
  outputTokensPerSecond: number;
  /** All input tokens, cached or computed; the computed (prefilled) ones; the cached ones. */
  inputTokensPerSecond: number;
  computedInputTokensPerSecond: number;
  cachedInputTokensPerSecond: number;
  /** The whole annualised cost over output tokens (the ranking figure). */
  costPerMillionOutputTokens: number | null;
  /** The annualised cost split by card-time between input (uncached, cached) and output tokens. */
  tokenCosts: TokenCosts;
  costPerMillionInputTokens: number | null;
  costPerMillionCachedInputTokens: number | null;
  /** Self-host vs a per-token API price (finance.apiPrice), null when none is given. */
  selfHostVsApi: ApiComparison | null;
  /** Per workload of the mix (one without a mix), blended above. */
  workloads: WorkloadResult[];
  tokensPerSecondPerWatt: number;
  outputTokensPerKWh: number;
  groupSize: number;
  batch: number;
  bound: Bound;
  /** Which pool limits a disaggregated build ('colocated' when no pools). */
  binding: ClusterResult['binding'];
  kvTransferGBps: number;
  risk: RiskResult;
  buyVsRent: BuyVsRent | null;
  costBreakdown: Omit<TcoResult, 'tco' | 'annualizedCost' | 'costPerCardHour' | 'capex' | 'opexPerYear'>;
  lines: LineResult[];
  warnings: string[];
  sensitivity?: SensitivityRow[];
}

export interface EvaluationAssumptions {
  currency: Currency;
  asOf: string;
  fx: FxTable;
  site: ResolvedSite;
  finance: FinanceAssumptions;
  workload: WorkloadTargets & { model: string; kvBytesPerToken: number; totalParamsB: number; activeParamsB: number };
  model: ModelSpec;
  perf: PerfTunables;
  risk: { weights: Record<string, number>; concentrationWeight: number; jurisdiction: string };
  sensitivityDelta: number;
}

export interface EvaluationResult {
  name: string;
  assumptions: EvaluationAssumptions;
  builds: BuildResult[];
  warnings: string[];
}

export interface EvaluateOptions {
  today: string;
  sensitivity?: boolean;
  sensitivityDelta?: number;
  tunables?: PerfTunables;
}

function priceSource(o: PriceOrigin): string {
  switch (o.kind) {
    case 'scenario':
      return 'scenario';
    case 'quote': {
      const c = o.choice;
      const notes = [`${c.ageDays} days old`, ...(c.flags.expired ? [`expired ${c.quote.validUntil}`] : []), ...(c.flags.stale && !c.flags.expired ? ['stale'] : [])];
      return `${c.flags.estimate ? 'estimate' : 'quote'}: ${c.supplier}, ${c.quoteDate} (${notes.join(', ')})`;
    }
    case 'default':
      return 'default';
    case 'none':
      return 'none';
  }
}

function evaluateBuild(b: ResolvedBuild, r: ResolvedScenario, opts: EvaluateOptions, tun: PerfTunables): BuildResult {
  const cluster = runCluster(b, r, tun, 1);
  const base = core(b, r, cluster, NO_OVERRIDES);
  const { tco, power } = base;
  const cards = b.lines.reduce((s, l) => s + l.count, 0);

  // supply risk: each part for the buyer's jurisdiction, then the build
  const partRisks = b.lines.map((l) =>
    partRisk(
      {
        exportStatus: l.spec.exportControl[r.site.jurisdiction],
        foundry: l.spec.foundry,
        hbmSupply: l.spec.hbmSupply,
        domestic: l.spec.domestic,
        leadTimeWeeks: l.spec.leadTimeWeeks,
        softwareMaturity: l.spec.softwareMaturity,
        quoteAgeDays: l.quoteAgeDays,
      },
      r.riskWeights,
    ),
  );
  const risk = buildRisk(
    b.lines.map((l, i) => ({ vendor: l.spec.vendor, capex: base.lineCapex[i] ?? 0, risk: partRisks[i]! })),
    r.concentrationWeight,
  );

  // energy that scales with utilisation: buy vs rent and self-host vs API
  const variable = b.lines.reduce((s, l) => s + (l.count * (l.spec.tdpW - l.spec.idleW) * r.site.pue * HOURS_PER_YEAR * r.site.powerPricePerKWh) / 1000, 0);
  // buy vs rent: only when every line has a rental price
  let bvr: BuyVsRent | null = null;
  if (b.lines.every((l) => l.rentalPricePerCardHour !== undefined) && cards > 0) {
    const rentPerHour = b.lines.reduce((s, l) => s + (l.rentalPricePerCardHour ?? 0) * l.count, 0) / cards;
    bvr = buyVsRent({ annualizedCost: tco.annualizedCost, utilization: r.finance.utilization, cards, rentalPricePerCardHour: rentPerHour, variableCostPerUtilization: variable });
  }

  const lines: LineResult[] = b.lines.map((l, i) => {
    const lr = cluster.lines[i]!;
    const g = lr.group;
    return {
      accelerator: l.name,
      slug: l.slug,
      vendor: l.spec.vendor,
      count: l.count,
      role: l.role,
      effectiveRole: lr.effectiveRole,
      groupSize: g.groupSize,
      attnTp: g.attnTp,
      batch: g.batch,
      replicas: lr.replicas,
      idleCards: lr.idleCards,
      outputTokensPerSecond: lr.outputTokensPerSecond,
      inputTokensPerSecond: lr.inputTokensPerSecond,
      cachedInputTokens: g.cachedInputTokens ?? 0,
      kvReloadMs: g.kvReloadMs ?? null,
      tokensPerStep: g.tokensPerStep ?? 1,
      capacityOutputTokensPerSecond: lr.capacityRequestsPerSecond * (r.workloads[cluster.primary]?.targets.outputTokens ?? r.targets.outputTokens),
      load: lr.load,
      bound: g.bound,
      batchLimit: g.batchLimit,
      meetsTargets: g.meetsTargets,
      tpotMs: g.tpotMs,
      ttftMs: g.ttftMs,
      mbu: l.spec.mbu,
      mfu: l.spec.mfu,
      engine: g.engine,
      step: stepReport(g),
      kvTokensPerSequence: g.kvTokensPerSequence,
      ...(g.kvFit ? { kvFit: g.kvFit } : {}),
      computePrecision: g.computePrecision,
      weightGBPerCard: g.weightGBPerCard,
      cardPrice: l.cardPrice,
      cardPriceSource: priceSource(l.cardPriceOrigin),
      ...(l.cardPriceOrigin.kind === 'quote' ? { cardPriceQuote: priceQuoteRef(l.cardPriceOrigin.choice) } : {}),
      server: { name: l.server.name, cardsPerServer: l.server.cardsPerServer, price: l.server.price, powerW: l.server.powerW, source: l.server.origin, count: l.servers },
      capex: base.lineCapex[i] ?? 0,
      itPowerKW: (l.count * l.spec.tdpW + l.servers * l.server.powerW) / 1000,
      risk: partRisks[i]!,
    };
  });

  // the line that speaks for the build: the binding pool's largest line, else the largest line
  const pool = cluster.binding === 'prefill' || cluster.binding === 'decode' ? lines.filter((l) => l.effectiveRole === cluster.binding) : lines;
  const lead = [...(pool.length ? pool : lines)].sort((a, b2) => b2.count - a.count)[0];
  const out = cluster.outputTokensPerSecond;
  const cpm = base.costPerMTok;
  const rates = {
    computedInputTokensPerSecond: cluster.computedInputTokensPerSecond,
    cachedInputTokensPerSecond: cluster.cachedInputTokensPerSecond,
    outputTokensPerSecond: out,
  };
  const split = tokenCosts(tco.annualizedCost, r.finance.utilization, rates, cluster.prefillShare, cluster.cachedShareOfPrefill);
  const api = r.apiPrice
    ? selfHostVsApi({ annualizedCost: tco.annualizedCost, utilization: r.finance.utilization, variableCostPerUtilization: variable, rates, prices: r.apiPrice })
    : null;

  const result: BuildResult = {
    name: b.name,
    currency: r.currency,
    cards,
    capex: tco.capex,
    opexPerYear: tco.opexPerYear,
    tco: tco.tco,
    annualizedCost: tco.annualizedCost,
    costPerCardHour: tco.costPerCardHour,
    itPowerKW: power.itPowerKW,
    facilityPowerKW: power.facilityPowerKW,
    energyKWhPerYear: power.energyKWhPerYear,
    outputTokensPerSecond: out,
    inputTokensPerSecond: cluster.inputTokensPerSecond,
    computedInputTokensPerSecond: cluster.computedInputTokensPerSecond,
    cachedInputTokensPerSecond: cluster.cachedInputTokensPerSecond,
    costPerMillionOutputTokens: Number.isFinite(cpm) ? cpm : null,
    tokenCosts: split,
    costPerMillionInputTokens: split.perMillionInputTokens,
    costPerMillionCachedInputTokens: split.perMillionCachedInputTokens,
    selfHostVsApi: api,
    workloads: workloadResults(cluster, b, r, tco.annualizedCost),
    tokensPerSecondPerWatt: power.itPowerKW > 0 ? out / (power.itPowerKW * 1000) : 0,
    outputTokensPerKWh: power.itPowerKW > 0 ? (out * 3600) / power.itPowerKW : 0,
    groupSize: lead?.groupSize ?? 0,
    batch: lead?.batch ?? 0,
    bound: out > 0 ? (lead?.bound ?? 'capacity') : 'capacity',
    binding: cluster.binding,
    kvTransferGBps: cluster.kvTransferGBps,
    risk,
    buyVsRent: bvr,
    costBreakdown: {
      hardwareCapex: tco.hardwareCapex,
      infraCapex: tco.infraCapex,
      installation: tco.installation,
      energyCostPerYear: tco.energyCostPerYear,
      maintenancePerYear: tco.maintenancePerYear,
      rackCostPerYear: tco.rackCostPerYear,
      softwarePerYear: tco.softwarePerYear,
      residualValue: tco.residualValue,
      annuityFactor: tco.annuityFactor,
      capitalRecoveryFactor: tco.capitalRecoveryFactor,
    },
    lines,
    warnings: cluster.warnings,
  };

  if (opts.sensitivity) result.sensitivity = buildSensitivity(b, r, cluster, base, tun, opts.sensitivityDelta ?? 0.2);
  return result;
}

/** Evaluate a resolved scenario (pure). */
export function evaluateResolved(r: ResolvedScenario, opts: EvaluateOptions): EvaluationResult {
  const tun = opts.tunables ?? PERF_DEFAULTS;
  const shape = modelShape(r.model);
  const builds = r.builds.map((b) => evaluateBuild(b, r, opts, tun));
  return {
    name: r.name,
    assumptions: {
      currency: r.currency,
      asOf: r.asOf,
      fx: r.fx,
      site: r.site,
      finance: r.finance,
      workload: {
        ...r.targets,
        model: r.model.name,
        kvBytesPerToken: shape.kvBytesPerToken16,
        totalParamsB: r.model.totalParamsB,
        activeParamsB: r.model.activeParamsB ?? r.model.totalParamsB,
      },
      model: r.model,
      perf: tun,
      risk: { weights: { ...r.riskWeights }, concentrationWeight: r.concentrationWeight, jurisdiction: r.site.jurisdiction },
      sensitivityDelta: opts.sensitivityDelta ?? 0.2,
    },
    builds,
    warnings: [...r.warnings, ...builds.flatMap((b) => b.warnings.map((w) => `${b.name}: ${w}`))],
  };
}

/** Resolve a validated scenario against the catalog and evaluate it. Throws ScenarioError on unresolved names or prices. */
export function evaluateScenario(s: Scenario, lookup: CatalogLookup, opts: EvaluateOptions): EvaluationResult {
  return evaluateResolved(resolveScenario(s, lookup, { today: opts.today }), opts);
}
