/**
 * Handlers of committee evaluation: plain functions of (context, input) over the local
 * evaluation tables (migration 0006). Opening, scoring and submitting are recorded here (offline
 * is fine) and pushed by the next sync, where the hub's GRANTs, row-level security and check
 * triggers decide (the bid set's author or an admin opens; an evaluator on the committee scores,
 * until they submit). The checks here mirror the hub's so that a laptop does not hold what the
 * hub would refuse; they decide nothing the hub does not.
 */
import type { ParsedInput } from '../../shared/contract/api';
import { translatedError } from '../../shared/contract/result';
import type { EvaluationOut } from '../../shared/contract/team-evaluation';
import { combineCommittee, DEFAULT_DEVIATION_SHARE } from '../../shared/bids/committee';
import { bidLabels, parseBidFile } from '../../shared/bids/schema';
import type { AppContext } from '../context';
import type { EvaluationView } from '../db/repos/team-evaluation';
import { teamRepo } from './team';

/** The bids' labels and the subjective criteria of a shared bid set's body. */
function sheetOf(body: unknown): { bids: string[]; criteria: { id: string; name: string; points: number }[] } {
  const f = parseBidFile(body);
  if (!f.ok) return { bids: [], criteria: [] };
  return { bids: bidLabels(f.value.bids), criteria: f.value.scoring.subjective ?? [] };
}

export function evaluationOut(view: EvaluationView, me: string | null): EvaluationOut {
  const { bids, criteria } = sheetOf(view.bidSet?.body);
  const submitted = new Set(view.submitted);
  const mine = view.scores.filter((s) => s.evaluator === me);
  const committee = combineCommittee(
    {
      evaluators: view.evaluators,
      criteria: criteria.map((c) => c.id),
      bids: bids.length,
      scores: view.scores.filter((s) => submitted.has(s.evaluator)),
    },
    { deviationShare: view.deviationShare },
  );
  const mySubmission = me !== null && submitted.has(me);
  return {
    id: view.id,
    versionId: view.versionId,
    bidSetName: view.bidSet?.name ?? null,
    bidSetVersion: view.bidSet?.version ?? null,
    evaluators: view.evaluators,
    deviationShare: view.deviationShare,
    openedAt: view.openedAt,
    author: view.author,
    pending: !view.shared,
    bids,
    criteria,
    submitted: view.submitted,
    me: {
      user: me,
      evaluator: me !== null && view.evaluators.includes(me),
      submitted: mySubmission,
      submissionShared: mySubmission && view.submittedShared.includes(me),
      scored: mine.length,
      of: bids.length * criteria.length,
    },
    scores: view.scores,
    committee,
  };
}

function user(ctx: AppContext): string {
  const u = teamRepo(ctx).hub()?.hubUser;
  if (!u) throw translatedError('not-found', 'errors.committee.notConnected');
  return u;
}

function evaluation(ctx: AppContext, id: string): EvaluationView {
  const v = teamRepo(ctx).evaluations.get(id);
  if (!v) throw translatedError('not-found', 'errors.committee.noEvaluation', { id });
  return v;
}

export function openEvaluation(ctx: AppContext, input: ParsedInput<'team:evaluation-open'>): EvaluationOut {
  const me = user(ctx);
  const team = teamRepo(ctx);
  let versionId = input.versionId;
  if (input.docId) {
    const doc = team.shared.list('bidset', false, me).find((d) => d.docId === input.docId);
    if (!doc) throw translatedError('not-found', 'errors.committee.noSharedSet', { id: input.docId });
    versionId = doc.latest.versionId;
  }
  const evaluators = [...new Set(input.evaluators)];
  if (evaluators.length !== input.evaluators.length) throw translatedError('invalid-input', 'errors.committee.evaluatorTwice');
  // one transaction: a bid set with nothing for a committee to score leaves no evaluation behind
  return ctx.db.transaction(() => {
    const id = team.evaluations.open(versionId!, evaluators, input.deviationShare ?? DEFAULT_DEVIATION_SHARE, me, ctx.clock().toISOString());
    const out = evaluationOut(evaluation(ctx, id), me);
    if (out.criteria.length === 0 || out.bids.length === 0) {
      throw translatedError('invalid-input', 'errors.committee.nothingToScore', { name: out.bidSetName ?? versionId ?? '' });
    }
    return out;
  })();
}

export function scoreEvaluation(ctx: AppContext, input: ParsedInput<'team:evaluation-score'>): EvaluationOut {
  const me = user(ctx);
  const view = evaluation(ctx, input.id);
  const out = evaluationOut(view, me);
  if (!out.me.evaluator) throw translatedError('conflict', 'errors.committee.notEvaluator', { user: me, evaluators: view.evaluators.join(', ') });
  for (const s of input.scores) {
    const c = out.criteria.find((x) => x.id === s.criterion);
    if (!c) throw translatedError('invalid-input', 'errors.committee.noCriterion', { criterion: s.criterion, criteria: out.criteria.map((x) => x.id).join(', ') });
    if (s.bid >= out.bids.length) throw translatedError('invalid-input', 'errors.committee.noBid', { bid: s.bid + 1, count: out.bids.length });
    if (s.points > c.points) throw translatedError('invalid-input', 'errors.committee.tooManyPoints', { criterion: c.id, max: c.points, points: s.points });
  }
  teamRepo(ctx).evaluations.score(view.id, me, input.scores, ctx.clock().toISOString());
  return evaluationOut(evaluation(ctx, view.id), me);
}

export function submitEvaluation(ctx: AppContext, input: ParsedInput<'team:evaluation-submit'>): EvaluationOut {
  const me = user(ctx);
  const view = evaluation(ctx, input.id);
  const out = evaluationOut(view, me);
  if (!out.me.evaluator) throw translatedError('conflict', 'errors.committee.notEvaluator', { user: me, evaluators: view.evaluators.join(', ') });
  if (out.me.scored < out.me.of) throw translatedError('invalid-input', 'errors.committee.incomplete', { scored: out.me.scored, of: out.me.of });
  teamRepo(ctx).evaluations.submit(view.id, me, ctx.clock().toISOString());
  return evaluationOut(evaluation(ctx, view.id), me);
}

/** A bid file's content as parsed (defaults filled in, keys in the schema's order), to tell the same bid set. */
const canonical = (body: unknown): string | undefined => {
  const f = parseBidFile(body);
  return f.ok ? JSON.stringify(f.value) : undefined;
};

export const listEvaluations = (ctx: AppContext, input?: ParsedInput<'team:evaluation-list'>): EvaluationOut[] => {
  const me = teamRepo(ctx).hub()?.hubUser ?? null;
  let views = teamRepo(ctx).evaluations.list();
  if (input?.bidFile !== undefined) {
    const want = canonical(input.bidFile);
    views = want === undefined ? [] : views.filter((v) => v.bidSet && canonical(v.bidSet.body) === want);
  }
  return views.map((v) => evaluationOut(v, me));
};

export const getEvaluation = (ctx: AppContext, input: ParsedInput<'team:evaluation-get'>): EvaluationOut =>
  evaluationOut(evaluation(ctx, input.id), teamRepo(ctx).hub()?.hubUser ?? null);
