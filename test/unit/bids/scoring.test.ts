/** 综合评分法 scoring, against hand-computed score sheets. */
import { describe, it, expect } from 'vitest';
import { scoreBids, maxPoints, lowerBetterPoints, higherBetterPoints, type ScoreInput } from '../../../shared/bids/scoring';
import { DEFAULT_WEIGHTS } from '../../../shared/bids/schema';

const bid = (p: Partial<ScoreInput>): ScoreInput => ({ pass: true, evaluatedPrice: 100, costPerMTok: 10, tokensPerWatt: 0.3, riskScore: 40, deliveryWeeks: 8, ...p });

describe('scoreBids', () => {
  it('scores two valid bids and leaves a failing one unranked (hand-computed)', () => {
    // weights 40 / 25 / 15 / 12 / 8
    const [a, b, c] = scoreBids(
      [
        bid({}),
        bid({ evaluatedPrice: 125, costPerMTok: 8, tokensPerWatt: 0.25, riskScore: 20, deliveryWeeks: 10 }),
        bid({ pass: false, evaluatedPrice: 50 }),
      ],
      DEFAULT_WEIGHTS,
    );
    // A: price 100 is the lowest valid price (the failing bid's 50 does not count) → 40
    //    cpm 8/10 × 25 = 20; tpw best → 15; risk (100−40)/(100−20) × 12 = 9; delivery best → 8
    expect(a).toEqual({ priceScore: 40, technical: { costPerMTok: 20, tokensPerWatt: 15, supplyRisk: 9, delivery: 8 }, technicalScore: 52, totalScore: 92, rank: 1, tied: false });
    // B: price 100/125 × 40 = 32; cpm best → 25; tpw 0.25/0.3 × 15 = 12.5; risk best → 12; delivery 8/10 × 8 = 6.4
    expect(b).toEqual({ priceScore: 32, technical: { costPerMTok: 25, tokensPerWatt: 12.5, supplyRisk: 12, delivery: 6.4 }, technicalScore: 55.9, totalScore: 87.9, rank: 2, tied: false });
    expect(c).toEqual({ priceScore: null, technical: null, technicalScore: null, totalScore: null, rank: null, tied: false });
  });

  it('rounds each criterion to 2 decimals, as a published score sheet', () => {
    const [, b] = scoreBids([bid({}), bid({ evaluatedPrice: 300 })], { price: 40, costPerMTok: 0, tokensPerWatt: 0, supplyRisk: 0, delivery: 0 });
    expect(b!.priceScore).toBe(13.33); // 100/300 × 40 = 13.333…
  });

  it('breaks a tie on the total by the lower evaluated price', () => {
    // price and cost/Mtok 50 points each. A: 50 + 10/12 × 50 = 50 + 41.67 = 91.67; B: 100/120 × 50 = 41.67 + 50 = 91.67
    const w = { price: 50, costPerMTok: 50, tokensPerWatt: 0, supplyRisk: 0, delivery: 0 };
    const [a, b] = scoreBids([bid({ evaluatedPrice: 100, costPerMTok: 12 }), bid({ evaluatedPrice: 120, costPerMTok: 10 })], w);
    expect(a!.totalScore).toBe(91.67);
    expect(b!.totalScore).toBe(91.67);
    expect([a!.rank, b!.rank]).toEqual([1, 2]);
    expect(a!.tied || b!.tied).toBe(false);
  });

  it('gives equal bids the same rank and skips the next ("1, 1, 3")', () => {
    const r = scoreBids([bid({}), bid({ evaluatedPrice: 200 }), bid({})], DEFAULT_WEIGHTS);
    expect(r.map((x) => x.rank)).toEqual([1, 3, 1]);
    expect(r.map((x) => x.tied)).toEqual([true, false, true]);
  });

  it('gives a single valid bid every point', () => {
    const [only] = scoreBids([bid({ evaluatedPrice: 1234, riskScore: 77, deliveryWeeks: 30 })], DEFAULT_WEIGHTS);
    expect(only).toMatchObject({ priceScore: 40, technicalScore: 60, totalScore: 100, rank: 1, tied: false });
  });

  it('scores nothing and ranks nobody when every bid fails', () => {
    const r = scoreBids([bid({ pass: false }), bid({ pass: false })], DEFAULT_WEIGHTS);
    expect(r.every((x) => x.rank === null && x.totalScore === null && x.priceScore === null)).toBe(true);
  });

  it('gives no cost points to a build that serves nothing, and counts delivery from one week', () => {
    const [a, b] = scoreBids([bid({ costPerMTok: null, deliveryWeeks: 0 }), bid({ deliveryWeeks: 4 })], DEFAULT_WEIGHTS);
    expect(a!.technical!.costPerMTok).toBe(0);
    expect(b!.technical!.costPerMTok).toBe(25);
    expect(a!.technical!.delivery).toBe(8); // 0 weeks counts as 1: best
    expect(b!.technical!.delivery).toBe(2); // 1/4 × 8
  });

  it('reports the most points the weights give', () => {
    expect(maxPoints(DEFAULT_WEIGHTS)).toBe(100);
    expect(maxPoints({ price: 30, costPerMTok: 30, tokensPerWatt: 10, supplyRisk: 10, delivery: 5 })).toBe(85);
  });

  it('point formulas guard the edges', () => {
    expect(lowerBetterPoints(0, 0, 10)).toBe(10);
    expect(lowerBetterPoints(20, 10, 10)).toBe(5);
    expect(higherBetterPoints(1, 0, 10)).toBe(10);
    expect(higherBetterPoints(0.5, 2, 10)).toBe(2.5);
  });
});
