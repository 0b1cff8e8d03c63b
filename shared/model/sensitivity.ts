/**
 * One-at-a-time sensitivity (tornado): each assumption is moved by ±δ (20 % by default) with
 * the others held, and the change of each output is recorded. The evaluator is passed in, so
 * this module knows nothing about scenarios. See docs/model.md, "Sensitivity".
 */

export interface SensitivityOutputs {
  tco: number;
  costPerMillionTokens: number;
}

export interface SensitivityRow {
  assumption: string;
  base: number;
  low: number;
  high: number;
  tcoLow: number;
  tcoHigh: number;
  /** Changes relative to the base case (low − base, high − base). */
  deltaTcoLow: number;
  deltaTcoHigh: number;
  costPerMTokLow: number;
  costPerMTokHigh: number;
  deltaCostPerMTokLow: number;
  deltaCostPerMTokHigh: number;
}

export interface Assumption {
  name: string;
  base: number;
  /** Clamp for the moved value (utilisation stays within [0, 1], years ≥ 1 …). */
  min?: number;
  max?: number;
}

export function tornado(
  assumptions: readonly Assumption[],
  evaluate: (name: string, value: number) => SensitivityOutputs,
  base: SensitivityOutputs,
  delta = 0.2,
): SensitivityRow[] {
  const clamp = (a: Assumption, v: number) => Math.min(a.max ?? Infinity, Math.max(a.min ?? -Infinity, v));
  const rows = assumptions.map((a) => {
    const low = clamp(a, a.base * (1 - delta));
    const high = clamp(a, a.base * (1 + delta));
    const lo = evaluate(a.name, low);
    const hi = evaluate(a.name, high);
    return {
      assumption: a.name,
      base: a.base,
      low,
      high,
      tcoLow: lo.tco,
      tcoHigh: hi.tco,
      deltaTcoLow: lo.tco - base.tco,
      deltaTcoHigh: hi.tco - base.tco,
      costPerMTokLow: lo.costPerMillionTokens,
      costPerMTokHigh: hi.costPerMillionTokens,
      deltaCostPerMTokLow: lo.costPerMillionTokens - base.costPerMillionTokens,
      deltaCostPerMTokHigh: hi.costPerMillionTokens - base.costPerMillionTokens,
    };
  });
  // widest swing in cost per million tokens first (then TCO): the tornado's order
  const swing = (r: SensitivityRow) => {
    const c = Math.abs(r.costPerMTokHigh - r.costPerMTokLow);
    return Number.isFinite(c) ? c : 0;
  };
  return rows.sort((a, b) => swing(b) - swing(a) || Math.abs(b.tcoHigh - b.tcoLow) - Math.abs(a.tcoHigh - a.tcoLow));
}
