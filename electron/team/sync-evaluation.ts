/**
 * The committee-evaluation half of a sync (hub migration 3): push the evaluations opened here,
 * then one's draft scores (saved, not submitted), then each submission made here with its scores (one hub transaction each, so a sync that dies
 * leaves both or neither, and a rerun finds the submission there); then pull, whole, what the
 * hub lets this user see (an evaluator sees the others' scores only after submitting their own,
 * so the view changes with one's submission and cannot be pulled by change number). A refusal
 * (not the bid set's author, not on the committee, a criterion the bid set lacks) is said in one
 * line with what stays here; the rest of the sync goes on.
 */
import type { ClientBase } from 'pg';
import type { MessageRef } from '../../shared/contract/result';
import { HubEvaluationRepo } from '../db/hub/evaluation-repo';
import type { TeamEvaluationRepo } from '../db/repos/team-evaluation';

export interface EvaluationSync {
  /** scores: drafts and submitted scores sent. */
  pushed: { evaluations: number; submissions: number; scores: number };
  pulled: { evaluations: number; submissions: number; scores: number };
  refusals: { line: string; i18n: MessageRef }[];
}

/** 42501: a right the role lacks or a policy; 22023 / 23xxx: the check triggers' "not like this". */
const isRefusal = (e: unknown) => {
  const code = (e as { code?: string }).code ?? '';
  return code === '42501' || code === '22023' || code.startsWith('23');
};
const firstLine = (e: unknown) => ((e as Error).message ?? String(e)).split('\n')[0]!;

export async function syncEvaluations(client: ClientBase, local: TeamEvaluationRepo, me: string): Promise<EvaluationSync> {
  const hub = new HubEvaluationRepo(client);
  const out: EvaluationSync = { pushed: { evaluations: 0, submissions: 0, scores: 0 }, pulled: { evaluations: 0, submissions: 0, scores: 0 }, refusals: [] };
  for (const e of local.pendingOpens()) {
    try {
      local.markOpened(await hub.open([e]));
      out.pushed.evaluations += 1;
    } catch (err) {
      if (!isRefusal(err)) throw err;
      const vars = { id: e.gid.slice(0, 8), detail: firstLine(err) };
      out.refusals.push({ line: `the hub refused to open the evaluation ${vars.id}: ${vars.detail}; kept here, not shared`, i18n: { key: 'committee.refused.open', vars } });
    }
  }
  // drafts before submissions: scores saved here reach the hub (hidden from everyone else) even
  // when the submission is refused or comes from another sync, and a submission finds them there
  for (const { evaluationGid, scores } of local.pendingDrafts(me)) {
    try {
      local.markDrafts(evaluationGid, me, await hub.draft(evaluationGid, scores));
      out.pushed.scores += scores.length;
    } catch (err) {
      if (!isRefusal(err)) throw err;
      const vars = { id: evaluationGid.slice(0, 8), detail: firstLine(err), count: scores.length };
      out.refusals.push({ line: `the hub refused the draft scores of evaluation ${vars.id}: ${vars.detail}; ${vars.count} local scores kept, not shared`, i18n: { key: 'committee.refused.draft', vars } });
    }
  }
  for (const { submission, scores } of local.pendingSubmissions()) {
    try {
      const r = await hub.submit(submission, scores);
      local.markSubmitted(submission.gid, r.submitted, r.scores);
      out.pushed.submissions += 1;
      out.pushed.scores += scores.length;
    } catch (err) {
      if (!isRefusal(err)) throw err;
      const vars = { id: submission.evaluation_gid.slice(0, 8), detail: firstLine(err), count: scores.length };
      out.refusals.push({
        line: `the hub refused the submission of evaluation ${vars.id}: ${vars.detail}; ${vars.count} local scores kept, not shared`,
        i18n: { key: 'committee.refused.submit', vars },
      });
    }
  }
  out.pulled = local.applyPulled(me, await hub.evaluations(), await hub.submissions(), await hub.scores());
  return out;
}
