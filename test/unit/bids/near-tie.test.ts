/** The near-tie note's rule: the two best valid bids within half a point, a full tie and failing bids aside. */
import { describe, expect, it } from 'vitest';
import { nearTie } from '../../../shared/bids/near-tie';

type Row = { label: string; totalScore: number | null; rank: number | null };
const evaluation = (rows: Row[]) => ({
  bids: rows as never,
  ranking: rows.flatMap((r, i) => (r.rank === null ? [] : [i])).sort((a, b) => rows[a]!.rank! - rows[b]!.rank!),
});

describe('nearTie', () => {
  it('notes 91.11 against 91.06 (0.05 points)', () => {
    expect(nearTie(evaluation([{ label: 'A', totalScore: 91.06, rank: 2 }, { label: 'B', totalScore: 91.11, rank: 1 }]))).toEqual({ first: 'B', second: 'A', gap: 0.05 });
  });
  it('does not note 91.11 against 90.5 (0.61 points)', () => {
    expect(nearTie(evaluation([{ label: 'A', totalScore: 91.11, rank: 1 }, { label: 'B', totalScore: 90.5, rank: 2 }]))).toBeUndefined();
  });
  it('notes exactly half a point, as the scores are written (91.11 against 90.61)', () => {
    expect(nearTie(evaluation([{ label: 'A', totalScore: 91.11, rank: 1 }, { label: 'B', totalScore: 90.61, rank: 2 }]))?.gap).toBe(0.5);
    expect(nearTie(evaluation([{ label: 'A', totalScore: 91.11, rank: 1 }, { label: 'B', totalScore: 90.6, rank: 2 }]))).toBeUndefined();
  });
  it('a failing bid close behind does not count, and a full tie is the ranking’s, not a note', () => {
    expect(nearTie(evaluation([{ label: 'A', totalScore: 91.11, rank: 1 }, { label: 'F', totalScore: null, rank: null }, { label: 'C', totalScore: 80, rank: 2 }]))).toBeUndefined();
    expect(nearTie(evaluation([{ label: 'A', totalScore: 91.11, rank: 1 }, { label: 'B', totalScore: 91.11, rank: 1 }]))).toBeUndefined();
    expect(nearTie(evaluation([{ label: 'A', totalScore: 91.11, rank: 1 }]))).toBeUndefined();
  });
});
