/**
 * Which constraints a problem sets, their limits, the recommended build's values of them, and
 * which of them bind: a constraint binds when the program without it finds a cheaper build
 * (slack alone says little in an integer program, where a loose constraint can still decide).
 */
import { CONSTRAINT_KEYS, type ConstraintKey } from '../../shared/optimize/formulation';
import type { CandidateSet } from '../../shared/optimize/candidates';
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { ConstraintStatus, ConstraintUnit, OptimizeKpis } from '../../shared/optimize/types';
import type { AnalysisResult, AnalysisTask } from './analysis';
import { startOf, type Outcome, type SolveContext } from './solve';

export const UNITS: Record<ConstraintKey, ConstraintUnit> = {
  budget: 'money',
  power: 'kW',
  risk: 'score',
  domestic: 'share',
  vendorShare: 'share',
  supply: 'cards',
};

export function isActive(p: OptimizeProblem, c: CandidateSet, k: ConstraintKey): boolean {
  const x = p.constraints;
  switch (k) {
    case 'budget':
      return x.capexBudget !== undefined;
    case 'power':
      return x.powerCapKW !== undefined;
    case 'risk':
      return x.maxRiskScore !== undefined;
    case 'domestic':
      return x.minDomesticShare !== undefined && x.minDomesticShare > 0;
    case 'vendorShare':
      return x.maxVendorShare !== undefined && x.maxVendorShare < 1;
    case 'supply':
      return c.parts.some((part) => part.available !== undefined || part.moq > 1);
  }
}

export function activeConstraints(p: OptimizeProblem, c: CandidateSet): ConstraintKey[] {
  return CONSTRAINT_KEYS.filter((k) => isActive(p, c, k));
}

export function limitOf(p: OptimizeProblem, c: CandidateSet, k: ConstraintKey): number | null {
  const x = p.constraints;
  switch (k) {
    case 'budget':
      return x.capexBudget ?? null;
    case 'power':
      return x.powerCapKW ?? null;
    case 'risk':
      return x.maxRiskScore ?? null;
    case 'domestic':
      return x.minDomesticShare ?? null;
    case 'vendorShare':
      return x.maxVendorShare ?? null;
    case 'supply': {
      const stock = c.parts.flatMap((part) => (part.available !== undefined ? [part.available] : []));
      return stock.length ? Math.min(...stock) : null;
    }
  }
}

export function valueIn(k: ConstraintKey, kpis: OptimizeKpis): number | null {
  switch (k) {
    case 'budget':
      return kpis.capex;
    case 'power':
      return kpis.facilityPowerKW;
    case 'risk':
      return kpis.risk;
    case 'domestic':
      return kpis.domesticShare;
    case 'vendorShare':
      return kpis.largestVendorShare;
    case 'supply':
      return null;
  }
}

/**
 * A constraint binds when the program without it has a build more than this share cheaper than
 * the best the program with it can reach. Decided by proofs, never by a time share: a build found
 * below the answer's proven bound proves "binds", a proven bound of the relaxed program at the
 * answer's value proves "does not"; the searches are node-limited, hence the same on every run.
 */
export const BINDING_TOLERANCE = 1e-3;

/** An answer within this share of a limit (1 %, or 0.01 of a share) is at it: that constraint is tested alone. */
const AT_LIMIT = 0.01;

function atLimit(p: OptimizeProblem, c: CandidateSet, k: ConstraintKey, kpis: OptimizeKpis): boolean {
  const limit = limitOf(p, c, k);
  const v = valueIn(k, kpis);
  if (k === 'risk') return true;
  if (limit === null || v === null) return false;
  if (k === 'domestic') return v <= limit + AT_LIMIT;
  if (k === 'vendorShare') return v >= limit - AT_LIMIT;
  return v >= limit * (1 - AT_LIMIT);
}

/** One search of the program without `keys`, below the answer's value less the tolerance. */
export interface BindingTest {
  keys: ConstraintKey[];
  task: AnalysisTask;
}

export interface BindingPlan {
  /** The first searches: each constraint at its limit (and the risk cap) alone, the others together. */
  tests: BindingTest[];
  /** The verdicts from the first searches' results; `again` lists the tests still to run, one constraint each. */
  verdicts(results: readonly AnalysisResult[]): { statuses: Map<ConstraintKey, ConstraintStatus>; again: BindingTest[] };
  /** The verdict of a test of one constraint. */
  verdict(k: ConstraintKey, r: AnalysisResult): ConstraintStatus;
}

/**
 * The binding tests of an answer. Only a build cheaper than `lower` could show a constraint
 * binding, so each search looks for nothing else (a cutoff), which settles "no" far sooner than
 * solving the relaxed program. Constraints the answer does not reach are tested together: if
 * nothing is below `lower` with all of them dropped, none of them binds (each alone is a smaller
 * relaxation), and one search replaces several. When that search finds a cheaper build or is not
 * settled, each of them is tested alone. Which constraints go together depends only on the
 * answer, so the verdicts are the same on every run. `main` (the answer) fits every relaxation,
 * so each search starts from it. `elsewhere`: constraints whose program is searched by another
 * analysis (the risk cap: the frontier's cheapest build); `verdict` judges them from its result.
 */
export function bindingPlan(ctx: SolveContext, kpis: OptimizeKpis, main: Outcome, elsewhere: readonly ConstraintKey[] = []): BindingPlan {
  const value = main.value ?? 0;
  // the least value a build meeting every constraint can have (the answer's, when proven optimal)
  const bound = main.status === 'optimal' ? value : Math.min(value, main.bound ?? -Infinity);
  const lower = value * (1 - BINDING_TOLERANCE) - 1e-9;
  const start = [...(startOf(main) ?? new Map<string, number>())];
  const test = (keys: ConstraintKey[]): BindingTest => ({ keys, task: { goal: 'objective', drop: keys, start, below: lower } });
  const active = activeConstraints(ctx.p, ctx.c).filter((k) => !elsewhere.includes(k));
  const alone = active.filter((k) => atLimit(ctx.p, ctx.c, k, kpis));
  const together = active.filter((k) => !alone.includes(k));
  const tests = [...alone.map((k) => test([k])), ...(together.length ? [test(together)] : [])];
  // proven: nothing without the constraints is below `lower`
  const none = (r: AnalysisResult) => (r.status === 'infeasible' || r.status === 'optimal' ? r.value === null || r.value >= lower : r.bound !== undefined && r.bound >= lower);
  const status = (k: ConstraintKey, binding: boolean | null, w: number | null): ConstraintStatus => ({ constraint: k, unit: UNITS[k], limit: limitOf(ctx.p, ctx.c, k), value: valueIn(k, kpis), binding, objectiveWithout: w });
  const verdict = (k: ConstraintKey, r: AnalysisResult): ConstraintStatus => {
    const proven = none(r);
    // never above the answer: the answer itself is feasible without the constraint
    const w = r.value === null ? (proven ? value : null) : Math.min(r.value, value);
    const binds = r.value !== null && r.value < bound * (1 - BINDING_TOLERANCE) - 1e-9;
    return status(k, binds ? true : proven ? false : null, w);
  };
  return {
    tests,
    verdict,
    verdicts(results) {
      const statuses = new Map<ConstraintKey, ConstraintStatus>();
      const again: BindingTest[] = [];
      tests.forEach((t, i) => {
        const r = results[i]!;
        if (t.keys.length === 1) statuses.set(t.keys[0]!, verdict(t.keys[0]!, r));
        else if (none(r)) for (const k of t.keys) statuses.set(k, status(k, false, value));
        else again.push(...t.keys.map((k) => test([k])));
      });
      return { statuses, again };
    },
  };
}
