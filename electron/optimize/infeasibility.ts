/**
 * Why a demand cannot be met: re-solve with each constraint removed in turn. For every one
 * whose removal makes the demand feasible, find the least relaxation that does — the smallest
 * budget (minimum capex), power cap (minimum facility kW), risk cap (minimum risk score), the
 * largest domestic share, the smallest largest-vendor share, the cards missing from stock —
 * and the TCO of the best build at that relaxed limit. The cheapest of these is the advice.
 */
import { currencySymbol, type Currency } from '../../shared/money';
import type { ConstraintKey } from '../../shared/optimize/formulation';
import type { OptimizeProblem } from '../../shared/optimize/schema';
import type { Infeasibility, Relaxation } from '../../shared/optimize/types';
import { activeConstraints, limitOf, UNITS } from './constraints';
import { GOALS, minimise, objectiveGoal, type Goal, type SolveContext } from './solve';

const EPS = 1e-7;

/** The metric to push to its best when constraint k is removed, and the problem with k set to it. */
function leastRelaxation(ctx: SolveContext, k: ConstraintKey): { needed: number | null; relaxed: OptimizeProblem | null; parts?: Relaxation['parts'] } {
  const drop = new Set([k]);
  const p = ctx.p;
  const withLimit = (patch: Partial<OptimizeProblem['constraints']>): OptimizeProblem => ({ ...p, constraints: { ...p.constraints, ...patch } });
  const best = (goal: Goal, extra = {}) => minimise(ctx, goal, { drop, ...extra }).value;
  switch (k) {
    case 'budget': {
      const v = best(GOALS.capex);
      return { needed: v, relaxed: v === null ? null : withLimit({ capexBudget: v * (1 + EPS) + EPS }) };
    }
    case 'power': {
      const v = best(GOALS.power);
      return { needed: v, relaxed: v === null ? null : withLimit({ powerCapKW: v * (1 + EPS) + EPS }) };
    }
    case 'risk': {
      const v = best(GOALS.risk, { riskTerms: true });
      return { needed: v, relaxed: v === null ? null : withLimit({ maxRiskScore: Math.min(100, v * (1 + EPS) + EPS) }) };
    }
    case 'domestic': {
      const v = best(GOALS.domesticShare);
      const share = v === null ? null : -v;
      return { needed: share, relaxed: share === null ? null : withLimit({ minDomesticShare: Math.max(0, share * (1 - EPS) - EPS) }) };
    }
    case 'vendorShare': {
      const v = best(GOALS.largestVendorShare, { vendorMax: true });
      return { needed: v, relaxed: v === null ? null : withLimit({ maxVendorShare: Math.min(1, v * (1 + EPS) + EPS) }) };
    }
    case 'supply': {
      const o = minimise(ctx, GOALS.tco, { drop });
      if (!o.plan) return { needed: null, relaxed: null };
      const byPart = new Map<number, number>();
      for (const l of o.plan.lines) byPart.set(l.part, (byPart.get(l.part) ?? 0) + l.cards);
      const parts: NonNullable<Relaxation['parts']> = [];
      for (const [pi, cards] of byPart) {
        const part = ctx.c.parts[pi]!;
        if ((part.available !== undefined && cards > part.available) || (part.moq > 1 && cards < part.moq)) {
          parts.push({ accelerator: part.name, available: part.available ?? null, moq: part.moq, needed: cards });
        }
      }
      return { needed: parts.reduce((s, x) => s + Math.max(0, x.needed - (x.available ?? x.needed)), 0), relaxed: null, parts };
    }
  }
}

function describe(r: Relaxation, currency: Currency): string {
  const n = r.needed;
  const money = (v: number) => `${currencySymbol(currency)}${Math.round(v).toLocaleString('en')}`;
  switch (r.constraint) {
    case 'budget':
      return `raise the capex budget to at least ${money(n ?? 0)}`;
    case 'power':
      return `raise the facility power cap to at least ${(n ?? 0).toFixed(1)} kW`;
    case 'risk':
      return `raise the supply-risk cap to at least ${(n ?? 0).toFixed(1)}`;
    case 'domestic':
      return `lower the minimum domestic share to at most ${((n ?? 0) * 100).toFixed(1)} %`;
    case 'vendorShare':
      return `raise the largest vendor share to at least ${((n ?? 0) * 100).toFixed(1)} %`;
    case 'supply':
      return `more cards than stock allows: ${(r.parts ?? []).map((x) => `${x.accelerator} ${x.needed} (available ${x.available ?? '∞'}, MOQ ${x.moq})`).join(', ')}`;
  }
}

export function explainInfeasible(ctx: SolveContext, unserved: string[]): Infeasibility {
  if (unserved.length) {
    return {
      reason: 'demand',
      message: `no candidate part can serve ${unserved.join(', ')} within its latency targets (or hold the model at all): relax the TPOT/TTFT targets or add parts`,
      relaxations: [],
      cheapest: null,
    };
  }
  const active = activeConstraints(ctx.p, ctx.c);
  const { fo } = objectiveGoal(ctx.p, ctx.c);
  const relaxations: Relaxation[] = [];
  for (const k of active) {
    const alone = minimise(ctx, GOALS.tco, { drop: new Set([k]) });
    if (!alone.plan) continue;
    const { needed, relaxed, parts } = leastRelaxation(ctx, k);
    const at = relaxed ? minimise(ctx, GOALS.tco, fo, relaxed) : alone;
    relaxations.push({ constraint: k, unit: UNITS[k], limit: limitOf(ctx.p, ctx.c, k), needed, tco: at.value ?? alone.value, ...(parts ? { parts } : {}) });
  }
  relaxations.sort((a, b) => (a.tco ?? Infinity) - (b.tco ?? Infinity));
  const cur = ctx.p.currency;
  if (relaxations.length) {
    const best = relaxations[0]!;
    return {
      reason: 'constraint',
      message: `infeasible: no build meets every constraint. Cheapest fix: ${describe(best, cur)} (TCO ${currencySymbol(cur)}${Math.round(best.tco ?? 0).toLocaleString('en')}).` +
        (relaxations.length > 1 ? ` Other fixes: ${relaxations.slice(1).map((r) => describe(r, cur)).join('; ')}.` : ''),
      relaxations,
      cheapest: best.constraint,
    };
  }
  const all = minimise(ctx, GOALS.tco, { drop: new Set(active) });
  return {
    reason: all.plan ? 'combination' : 'demand',
    message: all.plan
      ? `infeasible: no single constraint is to blame; ${active.join(', ')} together rule out every build that serves the demand`
      : 'infeasible: the candidate parts cannot serve the demand',
    relaxations: [],
    cheapest: null,
  };
}
