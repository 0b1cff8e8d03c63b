/**
 * `procure team evaluate open|score|submit|status`: committee evaluation from the command line,
 * through `dispatch`. Opening, scoring and submitting are recorded on this laptop (offline is
 * fine) and pushed by the next `procure sync`; the hub decides who may (the bid set's author or
 * an admin opens; an evaluator on the committee scores until they submit) and shows the others'
 * scores only after one has submitted one's own.
 */
import type { BidEvaluation } from '../../../shared/bids/evaluate';
import { overallScores, type OverallScore } from '../../../shared/bids/committee';
import type { EvaluationOut } from '../../../shared/contract/team-evaluation';
import { call, cliError, toJson, type CliIo } from '../io';

export const TEAM_EVALUATE_HELP = `  procure team evaluate open ID --evaluators A,B,C [--share 0.2] [--json]
                                                       open a shared bid set (ID: its doc or version id) for evaluation by these hub users (bid set author or admin)
  procure team evaluate score EVAL BID CRITERION POINTS [BID CRITERION POINTS …] [--json]
                                                       your scores (BID from 1, as listed by status); they change until you submit
  procure team evaluate submit EVAL [--json]           submit your scores (every bid on every criterion); procure sync shares them
  procure team evaluate status [EVAL] [--json]         evaluations held here: the combined table, each evaluator's scores and the flags`;

export interface EvaluateFlags {
  json?: boolean;
  evaluators?: string;
  share?: string;
}

const f2 = (x: number | null) => (x === null ? '–' : x.toFixed(2));

/** The committee's table: per bid and criterion each evaluator's score and the combined one; the flags below. */
export function renderCommittee(e: EvaluationOut): string {
  const c = e.committee;
  const head = `evaluation ${e.id}  bid set "${e.bidSetName ?? '(not pulled yet)'}"${e.bidSetVersion ? ` v${e.bidSetVersion}` : ''}${e.pending ? '  (opened here; procure sync shares it)' : ''}`;
  const who = `committee: ${e.evaluators.map((x) => `${x}${e.submitted.includes(x) ? ' ✓' : ''}`).join(', ')}  (✓ submitted; ${e.evaluators.length >= 5 ? 'highest and lowest dropped' : 'plain mean'}; flag over ${Math.round(e.deviationShare * 100)} %)`;
  const mine = e.me.evaluator ? `you (${e.me.user}): ${e.me.submitted ? `submitted${e.me.submissionShared ? '' : ', shared at the next sync'}` : `${e.me.scored} of ${e.me.of} scored, not submitted`}` : '';
  const rows: string[] = [];
  const width = Math.max(8, ...e.bids.map((b) => b.length)) + 2;
  rows.push(`${'bid'.padEnd(width + 4)}${'criterion'.padEnd(14)}${e.evaluators.map((x) => x.slice(0, 9).padStart(10)).join('')}${'combined'.padStart(10)}`);
  for (const cell of c.cells) {
    const crit = e.criteria.find((x) => x.id === cell.criterion);
    const scores = cell.scores.map((s, i) => {
      const name = e.evaluators[i]!;
      const mark = name === cell.droppedHigh || name === cell.droppedLow ? '*' : ' ';
      return `${f2(s)}${mark}`.padStart(10);
    });
    rows.push(`${`${cell.bid + 1}. ${e.bids[cell.bid] ?? ''}`.padEnd(width + 4)}${`${cell.criterion}/${crit?.points ?? '?'}`.padEnd(14)}${scores.join('')}${f2(cell.combined).padStart(10)}`);
  }
  const totals = c.bidTotals.map((t, i) => `  ${i + 1}. ${e.bids[i] ?? ''}: ${f2(t)}`);
  const flags = c.flags.map((x) => `  flag: ${x.evaluator} gave bid ${x.bid + 1} (${e.bids[x.bid] ?? ''}) ${f2(x.total)} against the others' mean ${f2(x.othersMean)} (${(x.deviation * 100).toFixed(1)} %)`);
  const own = e.me.evaluator && !e.me.submitted ? e.scores.filter((s) => s.evaluator === e.me.user).map((s) => `  ${s.bid + 1}. ${e.bids[s.bid] ?? ''} ${s.criterion}: ${f2(s.points)}`) : [];
  return [
    head,
    who,
    ...(mine ? [mine] : []),
    ...(own.length ? ['your scores (not submitted; the combined table counts submitted scores only):', ...own] : []),
    ...rows,
    ...(c.cells.some((x) => x.droppedHigh) ? ['  * dropped (highest or lowest)'] : []),
    'committee totals (subjective points):',
    ...totals,
    ...(flags.length ? flags : ['  no evaluator deviates by more than the share']),
    ...(c.complete ? [] : ['incomplete: not every evaluator has submitted every score']),
  ].join('\n');
}

/** The exit status of `team evaluate …`, or undefined when `sub` is not `evaluate`. */
export async function teamEvaluateCommand(sub: string, rest: string[], f: EvaluateFlags, io: CliIo): Promise<number | undefined> {
  if (sub !== 'evaluate') return undefined;
  const [verb, ...args] = rest;
  const out = (v: EvaluationOut | EvaluationOut[], text: () => string) => io.out(f.json ? toJson(v) : text());
  switch (verb) {
    case 'open': {
      const [id] = args;
      if (!id || !f.evaluators) throw cliError('usage', { usage: 'team evaluate open ID --evaluators A,B,C [--share 0.2]' });
      const share = f.share === undefined ? undefined : Number(f.share);
      if (share !== undefined && !(share >= 0 && share <= 1)) throw cliError('team.share', { got: f.share ?? '' });
      const docs = await call(io.ctx(), 'team:shared-list', { kind: 'bidset', history: true });
      const isDoc = docs.some((d) => d.docId === id.toLowerCase());
      const evaluators = f.evaluators.split(',').map((x) => x.trim()).filter(Boolean);
      const r = await call(io.ctx(), 'team:evaluation-open', { ...(isDoc ? { docId: id } : { versionId: id }), evaluators, ...(share !== undefined ? { deviationShare: share } : {}) });
      out(r, () => `evaluation ${r.id} of "${r.bidSetName ?? ''}" opened here for ${r.evaluators.join(', ')}; procure sync shares it`);
      return 0;
    }
    case 'score': {
      const [id, ...triples] = args;
      if (!id || triples.length === 0 || triples.length % 3 !== 0) throw cliError('usage', { usage: 'team evaluate score EVAL BID CRITERION POINTS [BID CRITERION POINTS …]' });
      const scores = [];
      for (let i = 0; i < triples.length; i += 3) {
        const bid = Number(triples[i]);
        const points = Number(triples[i + 2]);
        if (!Number.isInteger(bid) || bid < 1) throw cliError('team.bidNumber', { got: triples[i] ?? '' });
        if (!Number.isFinite(points)) throw cliError('team.points', { got: triples[i + 2] ?? '' });
        scores.push({ bid: bid - 1, criterion: triples[i + 1]!, points });
      }
      const r = await call(io.ctx(), 'team:evaluation-score', { id, scores });
      out(r, () => `${scores.length} score${scores.length === 1 ? '' : 's'} recorded here; ${r.me.scored} of ${r.me.of} scored (procure team evaluate submit ${r.id.slice(0, 8)} when done)`);
      return 0;
    }
    case 'submit': {
      const [id] = args;
      if (!id) throw cliError('usage', { usage: 'team evaluate submit EVAL' });
      const r = await call(io.ctx(), 'team:evaluation-submit', { id });
      out(r, () => `submitted here: your ${r.me.scored} scores no longer change; procure sync shares them, then pulls the others' submitted scores`);
      return 0;
    }
    case 'status': {
      const [id] = args;
      const list = id ? [await call(io.ctx(), 'team:evaluation-get', { id })] : await call(io.ctx(), 'team:evaluation-list', {});
      out(id ? list[0]! : list, () => (list.length ? list.map(renderCommittee).join('\n\n') : 'no evaluations here yet (procure sync pulls them)'));
      return 0;
    }
    default:
      throw cliError('usageBlock', { usage: TEAM_EVALUATE_HELP });
  }
}

/**
 * The committee evaluations of a bid file held here (a bid set with the same content), each with
 * the overall score per bid (formula total + the committee's points); none is an error.
 */
export async function committeeOfBids(io: CliIo, file: string, bidFile: unknown, r: BidEvaluation): Promise<(EvaluationOut & { overall: OverallScore[] })[]> {
  const list = await call(io.ctx(), 'team:evaluation-list', { bidFile });
  if (list.length === 0) throw cliError('team.noCommittee', { file });
  return list.map((e) => ({
    ...e,
    overall: overallScores(r.bids.map((b, i) => ({ formulaTotal: b.totalScore, committeeTotal: e.committee.bidTotals[i] ?? null, evaluatedPrice: b.evaluatedPrice }))),
  }));
}
