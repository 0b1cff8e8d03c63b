/**
 * Committee evaluation (评标委员会): the evaluators score each bid's subjective criteria (the
 * scheme's `scoring.subjective`, each worth up to its points) independently, and the scores are
 * combined the way tender rules do: per bid and criterion, the mean of the evaluators' scores,
 * or with five or more evaluators the mean after dropping one highest and one lowest score
 * (one of each even when several evaluators share the extreme). An evaluator whose total for a
 * bid deviates from the mean of the others' totals for it by more than a share (default 20 %) is
 * flagged, so the committee can ask for the reason before signing. Price and the other
 * formula-based criteria are not scored here: they stay computed (scoring.ts).
 *
 * A missing score (an evaluator who left a cell empty) is not a zero: the combination takes the
 * scores given, and the cell lists who is missing, so the sheet shows it as incomplete.
 */
import { round2 } from './scoring';

/** With this many evaluators or more the highest and the lowest score are dropped. */
export const TRIM_FROM_EVALUATORS = 5;
export const DEFAULT_DEVIATION_SHARE = 0.2;

export interface EvaluatorScore {
  evaluator: string;
  /** The bid's index in the bid file. */
  bid: number;
  /** A subjective criterion's id. */
  criterion: string;
  points: number;
}

export interface CombinedCell {
  bid: number;
  criterion: string;
  /** Each evaluator's score, in the committee's order; null where missing. */
  scores: (number | null)[];
  /** The evaluators whose score was dropped as the highest / the lowest (trimmed mean only). */
  droppedHigh: string | null;
  droppedLow: string | null;
  /** The combined score, 2 decimals; null when nobody scored the cell. */
  combined: number | null;
  missing: string[];
}

export interface DeviationFlag {
  bid: number;
  evaluator: string;
  /** The evaluator's total over the subjective criteria for this bid. */
  total: number;
  /** The mean of the other evaluators' totals for this bid. */
  othersMean: number;
  /** |total − othersMean| ÷ othersMean (1 when the others gave 0 and this one did not). */
  deviation: number;
}

export interface CommitteeResult {
  evaluators: string[];
  criteria: string[];
  cells: CombinedCell[];
  /** Per bid: the sum of the combined criteria (2 decimals); null when no criterion was scored. */
  bidTotals: (number | null)[];
  flags: DeviationFlag[];
  /** Every evaluator scored every bid on every criterion. */
  complete: boolean;
}

/** Mean of the scores, trimmed (one highest and one lowest dropped) from five scores on. */
export function combineScores(scores: readonly number[]): { mean: number; droppedHigh: number | null; droppedLow: number | null } | null {
  if (scores.length === 0) return null;
  if (scores.length < TRIM_FROM_EVALUATORS) return { mean: scores.reduce((s, x) => s + x, 0) / scores.length, droppedHigh: null, droppedLow: null };
  const order = scores.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // the first lowest and the last highest in the given order, so a tie drops exactly one of each
  const low = order[0]![1];
  const high = order[order.length - 1]![1];
  const kept = order.slice(1, -1).map(([x]) => x);
  return { mean: kept.reduce((s, x) => s + x, 0) / kept.length, droppedHigh: high, droppedLow: low };
}

/** The share by which `total` deviates from `othersMean` (1 when the others gave 0 and this one did not). */
export function deviation(total: number, othersMean: number): number {
  if (othersMean === 0) return total === 0 ? 0 : 1;
  return Math.abs(total - othersMean) / othersMean;
}

export function combineCommittee(
  input: { evaluators: readonly string[]; criteria: readonly string[]; bids: number; scores: readonly EvaluatorScore[] },
  opts: { deviationShare?: number } = {},
): CommitteeResult {
  const share = opts.deviationShare ?? DEFAULT_DEVIATION_SHARE;
  const { evaluators, criteria } = input;
  const at = new Map<string, number>();
  for (const s of input.scores) at.set(`${s.bid}\u0000${s.criterion}\u0000${s.evaluator}`, s.points);
  const cells: CombinedCell[] = [];
  const bidTotals: (number | null)[] = [];
  for (let bid = 0; bid < input.bids; bid++) {
    let total: number | null = null;
    for (const criterion of criteria) {
      const scores = evaluators.map((e) => at.get(`${bid}\u0000${criterion}\u0000${e}`) ?? null);
      const given = scores.map((x, i) => [x, i] as const).filter((p): p is readonly [number, number] => p[0] !== null);
      const c = combineScores(given.map(([x]) => x));
      const name = (k: number | null | undefined) => (k === null || k === undefined ? null : evaluators[given[k]![1]]!);
      cells.push({
        bid,
        criterion,
        scores,
        droppedHigh: name(c?.droppedHigh),
        droppedLow: name(c?.droppedLow),
        combined: c ? round2(c.mean) : null,
        missing: evaluators.filter((_, i) => scores[i] === null),
      });
      if (c) total = (total ?? 0) + round2(c.mean);
    }
    bidTotals.push(total === null ? null : round2(total));
  }

  const flags: DeviationFlag[] = [];
  for (let bid = 0; bid < input.bids; bid++) {
    const byEvaluator = evaluators.map((e) => {
      // an evaluator who left a criterion of this bid empty is neither flagged nor compared with
      const own = criteria.map((c) => at.get(`${bid}\u0000${c}\u0000${e}`));
      return own.length && own.every((x) => x !== undefined) ? own.reduce((s: number, x) => s + x!, 0) : null;
    });
    evaluators.forEach((evaluator, i) => {
      const t = byEvaluator[i];
      if (t === null || t === undefined) return;
      const others = byEvaluator.filter((x, j): x is number => j !== i && x !== null);
      if (others.length === 0) return;
      const othersMean = others.reduce((s, x) => s + x, 0) / others.length;
      const d = deviation(t, othersMean);
      // compared at 1e-9 so that 12 against 10 is exactly 20 %, not 20.000000000000004 %
      if (d > share + 1e-9) flags.push({ bid, evaluator, total: round2(t), othersMean: round2(othersMean), deviation: Math.round(d * 10_000) / 10_000 });
    });
  }
  return { evaluators: [...evaluators], criteria: [...criteria], cells, bidTotals, flags, complete: cells.every((c) => c.missing.length === 0) };
}

export interface OverallScore {
  /** The formula-based total (price + technical) plus the committee's subjective points, 2 decimals. */
  total: number | null;
  /** 1 = best; equal totals go to the lower evaluated price; bids equal on both share the rank. */
  rank: number | null;
}

/**
 * The comprehensive score with the committee's points: formula total + combined subjective total
 * per bid (a failing bid, total null, stays unranked; a bid nobody scored counts 0 subjective
 * points), ranked as scoring.ts ranks (87号令 § 56: the lower evaluated price breaks a tie).
 */
export function overallScores(bids: readonly { formulaTotal: number | null; committeeTotal: number | null; evaluatedPrice: number }[]): OverallScore[] {
  const totals = bids.map((b) => (b.formulaTotal === null ? null : round2(b.formulaTotal + (b.committeeTotal ?? 0))));
  const order = bids
    .map((_, i) => i)
    .filter((i) => totals[i] !== null)
    .sort((a, b) => totals[b]! - totals[a]! || round2(bids[a]!.evaluatedPrice) - round2(bids[b]!.evaluatedPrice) || a - b);
  const rank: (number | null)[] = bids.map(() => null);
  order.forEach((i, pos) => {
    const prev = order[pos - 1];
    const same = prev !== undefined && totals[prev] === totals[i] && round2(bids[prev]!.evaluatedPrice) === round2(bids[i]!.evaluatedPrice);
    rank[i] = same ? rank[prev]! : pos + 1;
  });
  return bids.map((_, i) => ({ total: totals[i]!, rank: rank[i]! }));
}
