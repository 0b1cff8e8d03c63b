/** The committee's combination of subjective scores, against hand-computed score sheets. */
import { describe, expect, it } from 'vitest';
import { combineCommittee, combineScores, overallScores, type EvaluatorScore } from '../../../shared/bids/committee';
import { scoringSchema } from '../../../shared/bids/schema';

/** Scores as a sheet: sheet[bid][criterion] = one score per evaluator (null: left empty). */
function scores(evaluators: string[], criteria: string[], sheet: (number | null)[][][]): EvaluatorScore[] {
  const out: EvaluatorScore[] = [];
  sheet.forEach((rows, bid) =>
    rows.forEach((row, k) =>
      row.forEach((points, i) => {
        if (points !== null) out.push({ evaluator: evaluators[i]!, bid, criterion: criteria[k]!, points });
      }),
    ),
  );
  return out;
}

describe('combineCommittee', () => {
  it('three evaluators: the plain mean per bid and criterion, one evaluator flagged (hand-computed)', () => {
    const ev = ['ann', 'bob', 'cat'];
    const cr = ['plan', 'service'];
    const r = combineCommittee({
      evaluators: ev,
      criteria: cr,
      bids: 2,
      scores: scores(ev, cr, [
        [[8, 6, 7], [4, 5, 3]],
        [[9, 9, 6], [3, 3, 3]],
      ]),
    });
    // bid 0: plan (8+6+7)/3 = 7, service (4+5+3)/3 = 4 → 11; bid 1: plan 24/3 = 8, service 3 → 11
    expect(r.cells.map((c) => c.combined)).toEqual([7, 4, 8, 3]);
    expect(r.cells.every((c) => c.droppedHigh === null && c.droppedLow === null)).toBe(true);
    expect(r.bidTotals).toEqual([11, 11]);
    expect(r.complete).toBe(true);
    // bid 0 totals 12, 11, 10: ann 1.5/10.5 = 14.3 %, cat 1.5/11.5 = 13.0 % — none over 20 %
    // bid 1 totals 12, 12, 9: cat against (12+12)/2 = 12 → 3/12 = 25 %; ann 1.5/10.5 = 14.3 %
    expect(r.flags).toEqual([{ bid: 1, evaluator: 'cat', total: 9, othersMean: 12, deviation: 0.25 }]);
  });

  it('five evaluators: the highest and the lowest dropped (hand-computed)', () => {
    const ev = ['a', 'b', 'c', 'd', 'e'];
    const r = combineCommittee({ evaluators: ev, criteria: ['plan'], bids: 2, scores: scores(ev, ['plan'], [[[8, 6, 7, 9, 5]], [[7, 8, 8, 9, 10]]]) });
    // bid 0: drop d's 9 and e's 5 → (8+6+7)/3 = 7 (the plain mean would also be 7: 35/5)
    expect(r.cells[0]).toMatchObject({ combined: 7, droppedHigh: 'd', droppedLow: 'e', missing: [] });
    // bid 1: drop a's 7 and e's 10 → (8+8+9)/3 = 8.333… → 8.33 (the plain mean: 42/5 = 8.4)
    expect(r.cells[1]).toMatchObject({ combined: 8.33, droppedHigh: 'e', droppedLow: 'a' });
  });

  it('ties at the extremes drop exactly one highest and one lowest', () => {
    // 9, 9, 5, 5, 7: one 9 and one 5 dropped → (9+5+7)/3 = 7
    expect(combineScores([9, 9, 5, 5, 7])!.mean).toBe(7);
    // 10, 10, 4, 4, 4: one 10 and one 4 dropped → (10+4+4)/3 = 6; dropping every tied extreme would leave nothing
    expect(combineScores([10, 10, 4, 4, 4])!.mean).toBe(6);
    // all equal: 6 whatever is dropped
    expect(combineScores([6, 6, 6, 6, 6])).toEqual({ mean: 6, droppedHigh: 4, droppedLow: 0 });
    const ev = ['a', 'b', 'c', 'd', 'e'];
    const r = combineCommittee({ evaluators: ev, criteria: ['plan'], bids: 1, scores: scores(ev, ['plan'], [[[10, 10, 4, 4, 4]]]) });
    expect(r.cells[0]).toMatchObject({ combined: 6, droppedHigh: 'b', droppedLow: 'c' });
  });

  it('a deviation of exactly the share is not flagged; above it is; the share is settable', () => {
    const ev = ['a', 'b', 'c'];
    const input = { evaluators: ev, criteria: ['plan'], bids: 1, scores: scores(ev, ['plan'], [[[12, 10, 10]]]) };
    // a: |12 − 10| / 10 = 20 % exactly; b and c: |10 − 11| / 11 = 9.1 %
    expect(combineCommittee(input).flags).toEqual([]);
    expect(combineCommittee(input, { deviationShare: 0.2 }).flags).toEqual([]);
    expect(combineCommittee(input, { deviationShare: 0.19 }).flags).toEqual([{ bid: 0, evaluator: 'a', total: 12, othersMean: 10, deviation: 0.2 }]);
    // 3.6 against 3 is 0.6000000000000001 / 3 in floating point: still exactly 20 %
    const fp = { evaluators: ev, criteria: ['plan'], bids: 1, scores: scores(ev, ['plan'], [[[3.6, 3, 3]]]) };
    expect(combineCommittee(fp).flags).toEqual([]);
    // 12.01 against 10 is over 20 %
    const over = { evaluators: ev, criteria: ['plan'], bids: 1, scores: scores(ev, ['plan'], [[[12.01, 10, 10]]]) };
    expect(combineCommittee(over).flags).toEqual([{ bid: 0, evaluator: 'a', total: 12.01, othersMean: 10, deviation: 0.201 }]);
  });

  it('a missing evaluator: the mean of the scores given, the cell incomplete, the evaluator not flagged', () => {
    const ev = ['a', 'b', 'c'];
    const cr = ['plan', 'service'];
    const r = combineCommittee({ evaluators: ev, criteria: cr, bids: 1, scores: scores(ev, cr, [[[8, 6, null], [4, 4, 1]]]) });
    // plan: (8+6)/2 = 7, c missing; service (4+4+1)/3 = 3 → total 10
    expect(r.cells[0]).toMatchObject({ combined: 7, scores: [8, 6, null], missing: ['c'] });
    expect(r.bidTotals).toEqual([10]);
    expect(r.complete).toBe(false);
    // c has no total for the bid (service 1 alone would be 1 against 10: not compared); a 12 vs b 10 → 20 %: not over
    expect(r.flags).toEqual([]);
    // five evaluators, one missing: four scores given, so no trimming: (8+6+7+9)/4 = 7.5
    const five = ['a', 'b', 'c', 'd', 'e'];
    const t = combineCommittee({ evaluators: five, criteria: ['plan'], bids: 1, scores: scores(five, ['plan'], [[[8, 6, 7, 9, null]]]) });
    expect(t.cells[0]).toMatchObject({ combined: 7.5, droppedHigh: null, droppedLow: null, missing: ['e'] });
    // nobody scored: no combined score, no total
    const none = combineCommittee({ evaluators: ev, criteria: ['plan'], bids: 1, scores: [] });
    expect(none.cells[0]!.combined).toBeNull();
    expect(none.bidTotals).toEqual([null]);
  });

  it('the scheme names subjective criteria with distinct ids and their points', () => {
    expect(scoringSchema.safeParse({ subjective: [{ id: 'plan', name: '技术方案', points: 10 }], deviationShare: 0.25 }).success).toBe(true);
    expect(scoringSchema.safeParse({ subjective: [{ id: 'plan', name: 'a', points: 10 }, { id: 'plan', name: 'b', points: 5 }] }).success).toBe(false);
    expect(scoringSchema.safeParse({ subjective: [{ id: 'Plan A', name: 'a', points: 10 }] }).success).toBe(false);
    expect(scoringSchema.safeParse({ deviationShare: 1.5 }).success).toBe(false);
  });
});

describe('overallScores', () => {
  it('adds the committee’s points to the formula total and ranks by it (hand-computed)', () => {
    // A 92 + 11 = 103, B 87.9 + 16.5 = 104.4 → B first; C fails (null) and stays unranked
    expect(
      overallScores([
        { formulaTotal: 92, committeeTotal: 11, evaluatedPrice: 100 },
        { formulaTotal: 87.9, committeeTotal: 16.5, evaluatedPrice: 125 },
        { formulaTotal: null, committeeTotal: 14, evaluatedPrice: 50 },
      ]),
    ).toEqual([
      { total: 103, rank: 2 },
      { total: 104.4, rank: 1 },
      { total: null, rank: null },
    ]);
  });

  it('breaks an equal total by the lower evaluated price; equal on both share the rank; unscored counts 0', () => {
    // 90 + 10 = 100 at price 120, 95 + 5 = 100 at price 100, 100 + null = 100 at price 100
    expect(
      overallScores([
        { formulaTotal: 90, committeeTotal: 10, evaluatedPrice: 120 },
        { formulaTotal: 95, committeeTotal: 5, evaluatedPrice: 100 },
        { formulaTotal: 100, committeeTotal: null, evaluatedPrice: 100 },
      ]),
    ).toEqual([
      { total: 100, rank: 3 },
      { total: 100, rank: 1 },
      { total: 100, rank: 1 },
    ]);
  });
});
