/** What the optimizer answers (the `optimize:run` channel, `procure optimize --json`, the Optimize page). */
import type { BuildAssumptions, BuildLine } from '../scenario/build';
import type { Currency } from '../money';
import type { RiskFactor } from '../model/risk';
import type { Bound, ServingRole } from '../model/serving';
import type { ScenarioInput } from '../scenario/schema';
import type { ExcludedPart } from './candidates';
import type { ConstraintKey } from './formulation';
import type { ObjectiveKind } from './schema';

export type OptimizeStatus = 'optimal' | 'feasible' | 'infeasible' | 'error';

export interface OptimizeLine {
  /** Catalog slug (or the inline part's name): what a scenario line's "accelerator" takes. */
  accelerator: string;
  name: string;
  vendor: string;
  domestic: boolean;
  count: number;
  role: ServingRole;
  servers: number;
  cardsPerServer: number;
  /** Ex-VAT card price used, in the problem's currency. */
  unitPrice: number;
  partRisk: number;
}

/** How a line's cards serve one workload: groups of one size. */
export interface OptimizeUse {
  accelerator: string;
  name: string;
  workload: number;
  role: ServingRole;
  groupSize: number;
  groups: number;
  cards: number;
  requestsPerSecondPerGroup: number;
  batch: number;
  bound: Bound | null;
}

export interface WorkloadService {
  name: string;
  demandOutputTokensPerSecond: number;
  servedOutputTokensPerSecond: number;
}

export interface OptimizeKpis {
  capex: number;
  tco: number;
  annualizedCost: number;
  opexPerYear: number;
  itPowerKW: number;
  facilityPowerKW: number;
  energyKWhPerYear: number;
  cards: number;
  servers: number;
  outputTokensPerSecond: number;
  costPerMillionOutputTokens: number | null;
  tokensPerSecondPerWatt: number;
  risk: number;
  riskFactors: RiskFactor[];
  /** On the problem's share basis (hardware capex or cards). */
  domesticShare: number;
  largestVendor: string;
  largestVendorShare: number;
  workloads: WorkloadService[];
}

export type ConstraintUnit = 'money' | 'kW' | 'score' | 'share' | 'cards';

export interface ConstraintStatus {
  constraint: ConstraintKey;
  unit: ConstraintUnit;
  /** The limit set (for supply: the tightest stock or MOQ); null where it has no single number. */
  limit: number | null;
  /** The recommended build's value of the constrained quantity. */
  value: number | null;
  /**
   * Removing it would lower the objective; null when the analysis's time ran out before it
   * either found a cheaper build without it or proved there is none.
   */
  binding: boolean | null;
  /** The objective with the constraint removed (null when not computed or infeasible). */
  objectiveWithout: number | null;
}

export interface FrontierPoint {
  riskCap: number;
  feasible: boolean;
  tco: number | null;
  /** The true risk score of the best build under this cap (at most the cap). */
  risk: number | null;
  capex: number | null;
  cards: number;
  mix: { accelerator: string; name: string; count: number }[];
}

export interface Relaxation {
  constraint: ConstraintKey;
  unit: ConstraintUnit;
  limit: number | null;
  /** The least relaxed limit that makes the demand feasible (for supply: see `parts`). */
  needed: number | null;
  /** TCO of the best build once the constraint is relaxed to `needed`. */
  tco: number | null;
  parts?: { accelerator: string; available: number | null; moq: number; needed: number }[];
}

export interface Infeasibility {
  /** constraint: relaxing one constraint restores feasibility; combination: only several together; demand: no build serves the demand. */
  reason: 'constraint' | 'combination' | 'demand';
  message: string;
  relaxations: Relaxation[];
  cheapest: ConstraintKey | null;
}

export interface CandidateSummary {
  accelerator: string;
  name: string;
  vendor: string;
  domestic: boolean;
  cardPrice: number;
  risk: number;
  /** Serving segments (part × workload × role × group size) the program may use. */
  options: number;
}

export interface OptimizeTimings {
  candidatesMs: number;
  solveMs: number;
  /** From the analyses' start (after the solve) until the binding verdicts are in. */
  bindingMs: number;
  /** From the analyses' start until the frontier is in: the two searches run side by side, so these overlap. */
  frontierMs: number;
  totalMs: number;
  solves: number;
}

/** How the main solve searched (the Optimize page and `procure optimize` show it). */
export interface OptimizeSearch {
  /**
   * The build the search started from: one of the answers of earlier runs in this session (a
   * re-run after an edit), the rounded-up LP relaxation, or none (the solver's own heuristics).
   */
  startedFrom: 'previous' | 'relaxation' | 'none';
  /** That build's objective value in this problem (null without one, or for ratio objectives). */
  startObjective: number | null;
  /** Proven relative gap of the answer, (value − bound) / value; 0 when optimal, null when unknown. */
  gap: number | null;
}

export interface OptimizeResult {
  status: OptimizeStatus;
  /**
   * `bound`: the least value any build can reach, as the solver proved it (equal to `value` when
   * optimal; below it when the time limit stopped the search; null for ratio objectives).
   */
  objective: { kind: ObjectiveKind; value: number | null; bound: number | null };
  currency: Currency;
  asOf: string;
  build: { lines: OptimizeLine[]; uses: OptimizeUse[] };
  kpis: OptimizeKpis | null;
  /** The constraints that bind (removing one would lower the objective). */
  binding: ConstraintStatus[];
  /** Every constraint set, binding or not. */
  constraints: ConstraintStatus[];
  frontier: FrontierPoint[];
  infeasibility: Infeasibility | null;
  candidates: { used: CandidateSummary[]; excluded: ExcludedPart[] };
  /** Ready for `builds:create` (null when a part is not a catalog part or nothing was found). */
  save: { name: string; assumptions: BuildAssumptions; lines: BuildLine[] } | null;
  /** The recommended build as a scenario file, which `procure evaluate` reproduces. */
  scenario: ScenarioInput | null;
  timings: OptimizeTimings;
  search: OptimizeSearch;
  warnings: string[];
}
