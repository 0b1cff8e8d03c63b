/**
 * Minimising one goal over the program: a linear expression (TCO, capex, facility power) in one
 * solve, or a ratio of two (cost per token, risk score, a share) by Dinkelbach's method:
 * minimise N − λ·D, set λ to N/D of the answer, repeat until the minimum is 0. For a ratio
 * with a positive denominator this reaches the exact optimum of the ratio in a few solves, and
 * each solve is an ordinary MIP.
 */
import type { CandidateSet } from '../../shared/optimize/candidates';
import { formulate, MONEY, type Expressions, type Formulation, type FormulationOptions, type Plan } from '../../shared/optimize/formulation';
import { plus, valueOf, type LinExpr, type MipSolver } from '../../shared/optimize/mip';
import type { ServingSegment } from '../../shared/optimize/options';
import type { OptimizeProblem } from '../../shared/optimize/schema';

/** `unit` turns the program's value back into the reported one (money is in millions there). */
export type Goal =
  | { kind: 'linear'; of: (e: Expressions) => LinExpr; unit: number }
  | { kind: 'ratio'; num: (e: Expressions) => LinExpr; den: (e: Expressions) => LinExpr; unit: number };

export interface Outcome {
  status: 'optimal' | 'feasible' | 'infeasible' | 'error';
  value: number | null;
  /** Proven lower bound on the value (linear goals; equal to it when optimal). */
  bound?: number;
  values: number[];
  plan: Plan | null;
  f: Formulation;
  message?: string;
  /** Where the search started: a build given or remembered from an earlier run, the rounded relaxation, or nowhere. */
  startedFrom?: StartSource;
  /** The start build's value (linear goals, in the goal's units). */
  startValue?: number;
}

export type StartSource = 'given' | 'previous' | 'relaxation' | 'none';

/** A build as a start for another program: its integer variables by label. */
export type LabelledBuild = ReadonlyMap<string, number>;

/** How long one solve may search: its gap, a time limit and, for the analyses, a node limit. */
export interface Limits {
  timeLimitS: number;
  mipGap: number;
  nodeLimit?: number;
  /** With a node limit: 'prove' (default) turns the solver's primal heuristics down, 'find' keeps them. */
  search?: 'find' | 'prove';
}

/** Shared by every solve of one run: the problem, its candidates and segments, the solver. */
export interface SolveContext {
  p: OptimizeProblem;
  c: CandidateSet;
  segments: ServingSegment[];
  solver: MipSolver;
  solves: number;
  /** The formulation before issue 15 (loose group bounds, every cut round): the bench's baseline. */
  baseline?: boolean;
  /**
   * Builds known from earlier runs (the answers before an edit): a solve without a given start
   * begins from the best of them that fits its program, or from the rounded relaxation if that
   * is better.
   */
  known?: readonly LabelledBuild[];
  /** Called before each solver call (progress, and a cancel that throws). */
  beforeSolve?: () => void;
}

const MAX_DINKELBACH = 25;

/** Risk points by which a HHI term may fall short of C·s² before the loop adds a tangent there. */
const HHI_TOLERANCE = 1e-6;
const MAX_CUT_ROUNDS = 40;

/** Tangents at the vendor shares where the outer approximation is still too low; false when none is. */
function addHhiCuts(f: Formulation, values: readonly number[], cuts: Map<string, number[]>): boolean {
  let added = false;
  for (const h of f.hhi) {
    const total = values[h.total] ?? 0;
    if (total <= 0) continue;
    const share = Math.min(1, Math.max(0, (values[h.cv] ?? 0) / total));
    const shortfall = (f.concentrationWeight * 100 * (total * share * share - (values[h.t] ?? 0))) / total;
    if (shortfall <= HHI_TOLERANCE) continue;
    const list = cuts.get(h.vendor) ?? [];
    list.push(share);
    cuts.set(h.vendor, list);
    added = true;
  }
  return added;
}

/**
 * Whether a build meets the program's risk cap with the exact HHI terms (C·s_v², not the
 * tangents' under-estimate). The tangents make the program a relaxation of the true one, so an
 * answer of the relaxation that is feasible for the true program is optimal for it: no further
 * cut round is needed (unless the risk score is itself the objective, which needs exact terms).
 */
export function meetsExactRiskCap(f: Formulation, values: readonly number[]): boolean {
  if (f.riskCap === undefined || !f.e.riskTimesCapex) return true;
  const hardware = valueOf(f.e.hardware, values);
  let score = valueOf(f.e.riskTimesCapex, values);
  for (const h of f.hhi) {
    const total = values[h.total] ?? 0;
    const cv = values[h.cv] ?? 0;
    score += f.concentrationWeight * 100 * ((total > 0 ? (cv * cv) / total : 0) - (values[h.t] ?? 0));
  }
  return score - f.riskCap * hardware <= HHI_TOLERANCE * Math.max(hardware, 1e-12);
}

/**
 * Branch-and-bound nodes per analysis solve (binding tests, frontier points, relaxations). A
 * node limit, not a share of a time budget, ends them: HiGHS is deterministic on one thread, so
 * the same problem gets the same verdicts and the same frontier on every run and under any load.
 * The shipped example's analysis solves take 0–41 nodes; the time limit is only a safety net.
 */
export const ANALYSIS_NODES = 500;

/** The analyses' limits: a 0.1 % gap, ANALYSIS_NODES nodes, the problem's own time limit as a net. */
export function analysisLimits(p: OptimizeProblem): Limits {
  return { mipGap: Math.max(p.options.mipGap, 1e-3), timeLimitS: p.options.timeLimitS, nodeLimit: ANALYSIS_NODES };
}

/** The LP relaxation of `f` (every column continuous), its solution rounded up to a build. */
function relaxedStart(ctx: SolveContext, f: Formulation, objective: LinExpr): Map<string, number> | undefined {
  const m = f.builder.build(objective);
  const lp = ctx.solver({ ...m, vars: m.vars.map((v) => ({ ...v, type: 'continuous' as const })) }, { timeLimitS: 1 });
  return lp.status === 'optimal' ? f.roundUp(lp.values) : undefined;
}

/**
 * The value of a build in program `f`: its integer variables fixed, the LP completes the rest
 * (what HiGHS does with a start); undefined when it does not fit (an edit made it infeasible).
 */
function valueAsStart(ctx: SolveContext, f: Formulation, objective: LinExpr, start: LabelledBuild): number | undefined {
  const m = f.builder.build(objective);
  let fits = true;
  const vars = m.vars.map((v) => {
    if (v.type === 'continuous') return v;
    const x = Math.round(start.get(v.label) ?? 0);
    if (x < v.lb || x > v.ub) fits = false;
    return { ...v, type: 'continuous' as const, lb: x, ub: x };
  });
  if (!fits) return undefined;
  const lp = ctx.solver({ ...m, vars }, { timeLimitS: 1 });
  return lp.status === 'optimal' ? lp.objective : undefined;
}

/** The best start among the builds known from earlier runs and the rounded relaxation. */
function bestStart(ctx: SolveContext, f: Formulation, objective: LinExpr): { start?: LabelledBuild; from: StartSource; value?: number } {
  let best: { start?: LabelledBuild; from: StartSource; value?: number } = { from: 'none' };
  const offer = (start: LabelledBuild | undefined, from: StartSource) => {
    if (!start) return;
    const value = valueAsStart(ctx, f, objective, start);
    if (value !== undefined && (best.value === undefined || value < best.value - 1e-12)) best = { start, from, value };
  };
  for (const k of ctx.known ?? []) offer(k, 'previous');
  offer(relaxedStart(ctx, f, objective), 'relaxation');
  return best;
}

/** A solution of `f` as a start for a related program: its integer variables by label. */
function integerStart(f: Formulation, values: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  f.builder.vars.forEach((v, i) => {
    if (v.type !== 'continuous' && values[i]) out.set(v.label, values[i]!);
  });
  return out;
}

/** A solved build as a start for a related program (other caps, a dropped constraint, a later run). */
export function startOf(o: Outcome | undefined): Map<string, number> | undefined {
  return o && o.values.length > 0 ? integerStart(o.f, o.values) : undefined;
}

/** Idle cards that came out fractional (see `idleContinuous`). */
function fractionalIdle(f: Formulation, values: readonly number[]): boolean {
  return f.idle.some((i) => Math.abs((values[i] ?? 0) - Math.round(values[i] ?? 0)) > 1e-6);
}

export function minimise(
  ctx: SolveContext,
  goal: Goal,
  fo: FormulationOptions = {},
  p: OptimizeProblem = ctx.p,
  limits: Limits = p.options,
  start?: LabelledBuild,
  /** Linear goals only: look for builds below this value (in the goal's units) and nothing else. */
  below?: number,
): Outcome {
  const cuts = new Map<string, number[]>();
  // Idle cards first as continuous variables (whole servers make their sum integral, and the
  // solver is 1.5–4× faster without them on the bench problems); an answer with a fractional one is solved
  // again with integer idle cards, starting from it, so the result is exact either way.
  let idleContinuous = p.constraints.wholeServers;
  const build = () => formulate(p, ctx.c, { ...fo, hhiCuts: cuts, idleContinuous, ...(ctx.baseline && { looseBounds: true }) }, ctx.segments);
  let f = build();
  // One MIP solve, repeated with more HHI tangents until the risk terms are exact. The rounds
  // share the time limit: past it, the last answer stands (its true risk is what is reported).
  const started = performance.now();
  const left = () => limits.timeLimitS - (performance.now() - started) / 1000;
  let from = start;
  const cutoff = below !== undefined && goal.kind === 'linear' ? below / goal.unit : undefined;
  let greedy: LabelledBuild | undefined;
  let startedFrom: StartSource = start ? 'given' : 'none';
  let startValue: number | undefined;
  const run = (objective: (e: Expressions) => LinExpr) => {
    // Without a given start: the best of the builds known from earlier runs and the rounded-up
    // LP relaxation (the solver's own first builds are often several times the optimum).
    if (!from && !ctx.baseline) {
      const best = bestStart(ctx, f, objective(f.e));
      from = greedy = best.start;
      startedFrom = best.from;
      startValue = best.value;
    }
    for (let round = 0; ; round++) {
      ctx.beforeSolve?.();
      ctx.solves++;
      const s = ctx.solver(f.builder.build(objective(f.e)), {
        timeLimitS: Math.max(0.2, left()),
        mipGap: limits.mipGap,
        ...(limits.nodeLimit !== undefined && { nodeLimit: limits.nodeLimit, search: limits.search ?? 'prove' }),
        ...(from && { start: from }),
        ...(cutoff !== undefined && { cutoff }),
      });
      if (s.status === 'infeasible' || s.status === 'error') return s;
      if (idleContinuous && fractionalIdle(f, s.values)) {
        idleContinuous = false;
        from = integerStart(f, s.values);
        f = build();
        continue;
      }
      if (!ctx.baseline && !fo.riskTerms && meetsExactRiskCap(f, s.values)) return s;
      if (round >= MAX_CUT_ROUNDS || left() <= 0 || !addHhiCuts(f, s.values, cuts)) return s;
      // The given start meets the true risk terms, so it meets every tangent too: it stays a
      // valid start however many rounds the loop takes (and the answer can't fall back below it).
      from = start ?? greedy;
      f = build();
    }
  };
  if (goal.kind === 'linear') {
    const s = run(goal.of);
    const origin = { startedFrom, ...(startValue !== undefined && { startValue: startValue * goal.unit }) };
    if (s.status === 'infeasible' || s.status === 'error') {
      return { status: s.status, value: null, ...(s.bound !== undefined && { bound: s.bound * goal.unit }), values: [], plan: null, f, message: s.message, ...origin };
    }
    const value = valueOf(goal.of(f.e), s.values) * goal.unit;
    const bound = s.status === 'optimal' ? value : s.bound === undefined ? undefined : Math.min(value, s.bound * goal.unit);
    return { status: s.status, value, ...(bound !== undefined && { bound }), values: s.values, plan: f.decode(s.values), f, ...origin };
  }
  // Dinkelbach, λ₀ = 0: the first answer is feasible and gives the first ratio
  let lambda = 0;
  let best: { values: number[]; ratio: number; status: 'optimal' | 'feasible' } | undefined;
  for (let i = 0; i < MAX_DINKELBACH; i++) {
    if (best) from = integerStart(f, best.values);
    const s = run((e) => plus(goal.num(e), goal.den(e), -lambda));
    if (s.status === 'infeasible' || s.status === 'error') {
      if (!best) return { status: s.status, value: null, values: [], plan: null, f, message: s.message };
      break;
    }
    const n = valueOf(goal.num(f.e), s.values);
    const d = valueOf(goal.den(f.e), s.values);
    if (!(d > 0)) return { status: 'error', value: null, values: [], plan: null, f, message: 'ratio with a zero denominator' };
    const ratio = n / d;
    const gap = n - lambda * d;
    if (!best || ratio < best.ratio) best = { values: s.values, ratio, status: s.status };
    // F(λ) = min N − λD ≤ 0 always; at the optimum it reaches 0
    if (gap >= -1e-9 * Math.max(1, Math.abs(n)) || Math.abs(ratio - lambda) <= 1e-10 * Math.max(1, Math.abs(lambda)) || left() <= 0) break;
    lambda = ratio;
  }
  return { status: best!.status, value: best!.ratio * goal.unit, values: best!.values, plan: f.decode(best!.values), f, startedFrom };
}

export const GOALS = {
  tco: { kind: 'linear', of: (e) => e.tco, unit: 1 / MONEY },
  capex: { kind: 'linear', of: (e) => e.capex, unit: 1 / MONEY },
  power: { kind: 'linear', of: (e) => e.facilityKW, unit: 1 },
  /** Money per million output tokens = annualised cost / (tokens/s · u · 3600 · 8760) · 10⁶ (annual in millions here). */
  costPerMillionTokens: (utilization: number): Goal => ({
    kind: 'ratio',
    num: (e) => e.annual,
    den: (e) => scaleBy(e.servedTokens, (Math.max(1e-9, utilization) * 3600 * 8760) / 1e6),
    unit: 1 / MONEY,
  }),
  risk: { kind: 'ratio', num: (e) => e.riskTimesCapex ?? new Map(), den: (e) => e.hardware, unit: 1 },
  /** Minus the domestic share (minimised, so the share is maximised). */
  domesticShare: { kind: 'ratio', num: (e) => scaleBy(e.domestic, -1), den: (e) => e.shareTotal, unit: 1 },
  largestVendorShare: { kind: 'ratio', num: (e) => e.vendorMax ?? new Map(), den: (e) => e.shareTotal, unit: 1 },
} satisfies Record<string, Goal | ((u: number) => Goal)>;

function scaleBy(e: LinExpr, k: number): LinExpr {
  const out: LinExpr = new Map();
  for (const [v, c] of e) out.set(v, c * k);
  return out;
}

/** The problem's own objective. */
export function objectiveGoal(p: OptimizeProblem, c: CandidateSet): { goal: Goal; fo: FormulationOptions } {
  if (p.objective === 'capex') return { goal: GOALS.capex, fo: {} };
  if (p.objective === 'costPerMillionTokens') return { goal: GOALS.costPerMillionTokens(c.contexts[0]!.finance.utilization), fo: { capacityCap: true } };
  return { goal: GOALS.tco, fo: {} };
}
