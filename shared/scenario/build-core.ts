/**
 * The arithmetic of one build, shared by the evaluation and its sensitivity table: throughput
 * (the cluster model), power, TCO and cost per million tokens under optional overrides.
 */
import { evaluateCluster } from '../model/cluster';
import { blendRuns, type BlendedCluster } from './workload-mix';
import type { PerfTunables } from '../model/perf';
import { buildPower } from '../model/power';
import { tornado, type SensitivityRow } from '../model/sensitivity';
import { computeTco, costPerMillionTokens, type FinanceAssumptions, type TcoResult } from '../model/tco';
import type { ResolvedBuild, ResolvedScenario } from './resolve';

/** Multipliers and replacements the sensitivity analysis applies to one build. */
export interface Overrides {
  powerPrice: number;
  cardPrice: number;
  serverPrice: number;
  fx: number;
  pue: number;
  efficiency: number;
  utilization?: number;
  years?: number;
  discountRate?: number;
}
export const NO_OVERRIDES: Overrides = { powerPrice: 1, cardPrice: 1, serverPrice: 1, fx: 1, pue: 1, efficiency: 1 };

/** The build's throughput: every workload of the scenario run on its own, then blended by share (workload-mix.ts). */
export function runCluster(b: ResolvedBuild, r: ResolvedScenario, tun: PerfTunables, efficiency: number): BlendedCluster {
  const lines = b.lines.map((l) => ({
    spec: efficiency === 1 ? l.spec : { ...l.spec, mbu: Math.min(1, l.spec.mbu * efficiency), mfu: Math.min(1, l.spec.mfu * efficiency) },
    cards: l.count,
    role: l.role,
    hostPowerWPerCard: l.server.powerW / Math.max(1, l.server.cardsPerServer),
    cardsPerServer: l.server.cardsPerServer,
  }));
  return blendRuns(r.workloads.map((w) => ({ workload: w, cluster: evaluateCluster(lines, r.model, w.targets, tun) })));
}

export interface Core {
  tco: TcoResult;
  power: ReturnType<typeof buildPower>;
  utilization: number;
  lineCapex: number[];
  costPerMTok: number;
}

export function core(b: ResolvedBuild, r: ResolvedScenario, cluster: Pick<BlendedCluster, 'outputTokensPerSecond'>, o: Overrides): Core {
  const fin: FinanceAssumptions = {
    ...r.finance,
    utilization: o.utilization ?? r.finance.utilization,
    years: o.years ?? r.finance.years,
    discountRate: o.discountRate ?? r.finance.discountRate,
  };
  const pue = Math.max(1, r.site.pue * o.pue);
  const power = buildPower(
    b.lines.map((l) => ({ cards: l.count, tdpW: l.spec.tdpW, idleW: l.spec.idleW, servers: l.servers, hostPowerW: l.server.powerW })),
    fin.utilization,
    pue,
  );
  const fxm = (foreign: boolean) => (foreign ? o.fx : 1);
  const capexLines = b.lines.map((l) => ({
    cards: l.count,
    cardPrice: l.cardPrice * o.cardPrice * fxm(l.cardPriceForeign),
    servers: l.servers,
    serverPrice: l.server.price * o.serverPrice * fxm(l.server.foreign),
    networkPerCard: l.networkPerCard * fxm(l.networkForeign),
  }));
  const servers = b.lines.reduce((s, l) => s + l.servers, 0);
  const tco = computeTco({
    lines: capexLines,
    itPowerKW: power.itPowerKW,
    energyKWhPerYear: power.energyKWhPerYear,
    powerPricePerKWh: r.site.powerPricePerKWh * o.powerPrice,
    infraCostPerKW: r.site.infraCostPerKW,
    racks: Math.ceil(servers / Math.max(1, r.site.serversPerRack)),
    rackCostPerYear: r.site.rackCostPerYear,
    finance: fin,
  });
  return {
    tco,
    power,
    utilization: fin.utilization,
    lineCapex: capexLines.map((l) => l.cards * l.cardPrice + l.servers * l.serverPrice + l.cards * l.networkPerCard),
    costPerMTok: costPerMillionTokens(tco.annualizedCost, cluster.outputTokensPerSecond, fin.utilization),
  };
}

/** ±delta on each assumption, others held; throughput is recomputed only for the efficiency row. */
export function buildSensitivity(
  b: ResolvedBuild,
  r: ResolvedScenario,
  cluster: BlendedCluster,
  base: Core,
  tun: PerfTunables,
  delta: number,
): SensitivityRow[] {
  const f = r.finance;
  const pick = (c: Core) => ({ tco: c.tco.tco, costPerMillionTokens: c.costPerMTok });
  let effCache: Map<number, BlendedCluster> | undefined;
  return tornado(
    [
      { name: 'powerPrice', base: r.site.powerPricePerKWh },
      { name: 'utilization', base: f.utilization, min: 0, max: 1 },
      { name: 'cardPrice', base: 1 },
      { name: 'serverPrice', base: 1 },
      { name: 'fxRate', base: 1 },
      { name: 'years', base: f.years, min: 1 },
      { name: 'discountRate', base: f.discountRate, min: 0 },
      { name: 'pue', base: r.site.pue, min: 1 },
      { name: 'efficiency', base: 1 },
    ],
    (name, value) => {
      const o: Overrides = { ...NO_OVERRIDES };
      let cl = cluster;
      switch (name) {
        case 'powerPrice':
          o.powerPrice = r.site.powerPricePerKWh > 0 ? value / r.site.powerPricePerKWh : 1;
          break;
        case 'utilization':
          o.utilization = value;
          break;
        case 'cardPrice':
          o.cardPrice = value;
          break;
        case 'serverPrice':
          o.serverPrice = value;
          break;
        case 'fxRate':
          o.fx = value;
          break;
        case 'years':
          o.years = value;
          break;
        case 'discountRate':
          o.discountRate = value;
          break;
        case 'pue':
          o.pue = r.site.pue > 0 ? value / r.site.pue : 1;
          break;
        case 'efficiency': {
          effCache ??= new Map();
          cl = effCache.get(value) ?? runCluster(b, r, tun, value);
          effCache.set(value, cl);
          break;
        }
      }
      return pick(core(b, r, cl, o));
    },
    pick(base),
    delta,
  );
}
