/**
 * 综合评分法 (comprehensive scoring, as in Chinese public procurement, 财政部 87号令 § 55):
 * only bids that pass every hard constraint are scored; the lowest valid evaluated price gets
 * the full price points, every other bid `lowest / its price × price weight`. Technical points
 * compare each bid with the best valid bid on each criterion the same way (docs/model.md,
 * "Bid scoring"). Points are kept to 2 decimals, as published score sheets are, and the
 * ranking uses those published figures so that equal-looking scores are equal.
 */
import type { ScoreCriterion, TechnicalCriterion } from './schema';
import { TECHNICAL_CRITERIA } from './schema';

export interface ScoreInput {
  pass: boolean;
  /** Capex or TCO, ex or incl. VAT as the scoring scheme says; > 0. */
  evaluatedPrice: number;
  /** Null when the build serves nothing. */
  costPerMTok: number | null;
  tokensPerWatt: number;
  riskScore: number;
  deliveryWeeks: number;
}

export interface ScoreResult {
  priceScore: number | null;
  technical: Record<TechnicalCriterion, number> | null;
  technicalScore: number | null;
  totalScore: number | null;
  /** 1 = best; equal bids share a rank ("1, 1, 3"); null for a failing bid. */
  rank: number | null;
  tied: boolean;
}

export const round2 = (x: number): number => Math.round((x + Number.EPSILON) * 100) / 100;

/** Points for a lower-is-better value: best / value × weight (value ≤ 0 is the best possible). */
export function lowerBetterPoints(value: number, best: number, weight: number): number {
  if (value <= 0) return weight;
  return (Math.max(0, best) / value) * weight;
}

/** Points for a higher-is-better value: value / best × weight. */
export function higherBetterPoints(value: number, best: number, weight: number): number {
  if (best <= 0) return weight;
  return (Math.max(0, value) / best) * weight;
}

/** Delivery counts at least one week: an "ex stock" 0 would otherwise take every other bid's points. */
const MIN_DELIVERY_WEEKS = 1;

function technicalPoints(b: ScoreInput, valid: ScoreInput[], w: Record<ScoreCriterion, number>): Record<TechnicalCriterion, number> {
  const cpms = valid.map((x) => x.costPerMTok).filter((x): x is number => x !== null && x > 0);
  const bestCpm = cpms.length ? Math.min(...cpms) : 0;
  const bestTpw = Math.max(0, ...valid.map((x) => x.tokensPerWatt));
  const bestSafety = Math.max(...valid.map((x) => 100 - x.riskScore));
  const bestDelivery = Math.min(...valid.map((x) => Math.max(MIN_DELIVERY_WEEKS, x.deliveryWeeks)));
  const pts: Record<TechnicalCriterion, number> = {
    costPerMTok: b.costPerMTok === null ? 0 : lowerBetterPoints(b.costPerMTok, bestCpm, w.costPerMTok),
    tokensPerWatt: higherBetterPoints(b.tokensPerWatt, bestTpw, w.tokensPerWatt),
    // risk is 0–100, lower better: score the "safety" 100 − risk, higher better
    supplyRisk: higherBetterPoints(100 - b.riskScore, bestSafety, w.supplyRisk),
    delivery: lowerBetterPoints(Math.max(MIN_DELIVERY_WEEKS, b.deliveryWeeks), bestDelivery, w.delivery),
  };
  for (const k of TECHNICAL_CRITERIA) pts[k] = round2(pts[k]);
  return pts;
}

/**
 * Score and rank. Ties on the total are broken as 87号令 says: the lower evaluated price first,
 * then the higher technical score; bids equal on all three share the rank.
 */
export function scoreBids(bids: readonly ScoreInput[], weights: Record<ScoreCriterion, number>): ScoreResult[] {
  const valid = bids.filter((b) => b.pass);
  if (valid.length === 0) return bids.map(() => ({ priceScore: null, technical: null, technicalScore: null, totalScore: null, rank: null, tied: false }));
  const lowest = Math.min(...valid.map((b) => b.evaluatedPrice));
  const scored = bids.map((b): ScoreResult => {
    if (!b.pass) return { priceScore: null, technical: null, technicalScore: null, totalScore: null, rank: null, tied: false };
    const priceScore = round2(lowerBetterPoints(b.evaluatedPrice, lowest, weights.price));
    const technical = technicalPoints(b, valid, weights);
    const technicalScore = round2(TECHNICAL_CRITERIA.reduce((s, k) => s + technical[k], 0));
    return { priceScore, technical, technicalScore, totalScore: round2(priceScore + technicalScore), rank: null, tied: false };
  });

  const key = (i: number) => [-(scored[i]!.totalScore ?? 0), round2(bids[i]!.evaluatedPrice), -(scored[i]!.technicalScore ?? 0)] as const;
  const cmp = (a: number, b: number) => {
    const ka = key(a);
    const kb = key(b);
    for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return ka[k]! - kb[k]!;
    return 0;
  };
  const order = bids.map((_, i) => i).filter((i) => bids[i]!.pass).sort((a, b) => cmp(a, b) || a - b);
  order.forEach((i, pos) => {
    const prev = order[pos - 1];
    const rank = prev !== undefined && cmp(prev, i) === 0 ? scored[prev]!.rank! : pos + 1;
    scored[i]!.rank = rank;
  });
  for (const i of order) scored[i]!.tied = order.some((j) => j !== i && scored[j]!.rank === scored[i]!.rank);
  return scored;
}

/** Sum of the weights: the most points a bid can get (100 in the usual scheme). */
export function maxPoints(weights: Record<ScoreCriterion, number>): number {
  return round2(Object.values(weights).reduce((s, v) => s + v, 0));
}
