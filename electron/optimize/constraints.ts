/**
 * Which constraints a problem sets, their limits, the recommended build's values of them, and
 * which of them bind: a constraint binds when the program without it finds a cheaper build
 * (slack alone says little in an integer program, where a loose constraint can still decide).
 */
import { CONSTRAINT_KEYS, type ConstraintKey } from '../../shared/optimize/formulation';
import type { CandidateSet } from '../../shared/optimize/candidates';
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { ConstraintStatus, ConstraintUnit, OptimizeKpis } from '../../shared/optimize/types';
import { analysisOptions, minimise, objectiveGoal, startOf, type Outcome, type SolveContext } from './solve';

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

/** Seconds for the whole analysis: each relaxed program is as hard as the problem itself. */
const BINDING_BUDGET_S = 6;

/** `main` (the answer) fits every relaxation, so each solve starts from it. */
export function constraintStatus(ctx: SolveContext, kpis: OptimizeKpis, objective: number, main?: Outcome): ConstraintStatus[] {
  const { goal, fo } = objectiveGoal(ctx.p, ctx.c);
  const active = activeConstraints(ctx.p, ctx.c);
  const limits = analysisOptions(ctx.p, active.length, BINDING_BUDGET_S);
  return active.map((k) => {
    const lower = objective * (1 - 2 * limits.mipGap) - 1e-9;
    // Only a build cheaper than `lower` would make the constraint binding: the search looks for
    // nothing else, which settles "no" far sooner than solving the relaxed problem outright.
    const without = minimise(ctx, goal, { ...fo, drop: new Set([k]) }, ctx.p, limits, startOf(main), lower);
    // "infeasible" under the cutoff: proven that nothing is cheaper, so the objective stays
    const none = without.status === 'infeasible' || (without.bound !== undefined && without.bound >= lower);
    // never above the answer: the answer itself is feasible without the constraint
    const w = without.value === null ? (none ? objective : null) : Math.min(without.value, objective);
    const binding = w !== null && w < lower ? true : none || without.status === 'optimal' ? false : null;
    return { constraint: k, unit: UNITS[k], limit: limitOf(ctx.p, ctx.c, k), value: valueIn(k, kpis), binding, objectiveWithout: w };
  });
}
