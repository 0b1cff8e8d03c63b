/**
 * A near tie at the top (综合评分法 practice): when the two best valid bids are within half a
 * point, the committee checks the price and technical scores before the award. A full tie is
 * not one: the ranking already names both as first.
 */
import type { BidEvaluation } from './evaluate';

export const NEAR_TIE_POINTS = 0.5;

export interface NearTie {
  first: string;
  second: string;
  /** Points between them, to the cent of a point as the scores are shown. */
  gap: number;
}

export function nearTie(r: Pick<BidEvaluation, 'bids' | 'ranking'>): NearTie | undefined {
  const [a, b] = r.ranking.map((i) => r.bids[i]!);
  if (!a || !b || a.totalScore === undefined || a.totalScore === null || b.totalScore === undefined || b.totalScore === null) return undefined;
  if (a.rank === b.rank) return undefined;
  // the scores as written (two decimals), so 91.11 against 90.61 is exactly half a point
  const gap = Math.round((a.totalScore - b.totalScore) * 100) / 100;
  return gap <= NEAR_TIE_POINTS ? { first: a.label, second: b.label, gap } : undefined;
}
