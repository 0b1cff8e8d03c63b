/**
 * Which constraints a problem sets, their limits, the recommended build's values of them, and
 * which of them bind: a constraint binds when the program without it finds a cheaper build
 * (slack alone says little in an integer program, where a loose constraint can still decide).
 */
import { CONSTRAINT_KEYS, type ConstraintKey } from '../../shared/optimize/formulation';
import type { CandidateSet } from '../../shared/optimize/candidates';
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { ConstraintStatus, ConstraintUnit, OptimizeKpis } from '../../shared/optimize/types';
import { analysisLimits, minimise, objectiveGoal, startOf, type Outcome, type SolveContext } from './solve';

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

export interface BindingAnalysis {
  statuses: ConstraintStatus[];
  /** The relaxed programs' outcomes (the frontier reuses the one without the risk cap). */
  without: Map<ConstraintKey, Outcome>;
}

/** `main` (the answer) fits every relaxation, so each solve starts from it. */
export function constraintStatus(ctx: SolveContext, kpis: OptimizeKpis, main: Outcome): BindingAnalysis {
  const { goal, fo } = objectiveGoal(ctx.p, ctx.c);
  const limits = analysisLimits(ctx.p);
  const value = main.value ?? 0;
  // the least value a build meeting every constraint can have (the answer's, when proven optimal)
  const bound = main.status === 'optimal' ? value : Math.min(value, main.bound ?? -Infinity);
  const without = new Map<ConstraintKey, Outcome>();
  const statuses = activeConstraints(ctx.p, ctx.c).map((k): ConstraintStatus => {
    // Only a build cheaper than `lower` could show the constraint binding: the search looks for
    // nothing else (a cutoff), which settles "no" far sooner than solving the relaxed problem.
    const lower = value * (1 - BINDING_TOLERANCE) - 1e-9;
    const o = minimise(ctx, goal, { ...fo, drop: new Set([k]) }, ctx.p, limits, startOf(main), lower);
    without.set(k, o);
    // proven: nothing without the constraint is below `lower`
    const none = o.status === 'infeasible' || o.status === 'optimal' ? o.value === null || o.value >= lower : o.bound !== undefined && o.bound >= lower;
    // never above the answer: the answer itself is feasible without the constraint
    const w = o.value === null ? (none ? value : null) : Math.min(o.value, value);
    const binds = o.value !== null && o.value < bound * (1 - BINDING_TOLERANCE) - 1e-9;
    const binding = binds ? true : none ? false : null;
    return { constraint: k, unit: UNITS[k], limit: limitOf(ctx.p, ctx.c, k), value: valueIn(k, kpis), binding, objectiveWithout: w };
  });
  return { statuses, without };
}
