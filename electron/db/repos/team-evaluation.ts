/**
 * The local side of committee evaluations (migration 0006): an evaluation opened here waits for
 * the next sync; an evaluator scores on their own laptop, offline, and submits; the sync pushes
 * the scores with the submission (hub migration 3) and pulls what the hub lets this user see:
 * every evaluation, every submission, and the others' scores once one has submitted one's own
 * (row-level security on the hub, so a pull replaces what is held of others' scores).
 *
 * The hub decides who may open, score and see; the checks here (one's own submitted scores do
 * not change) only keep the laptop from holding what the hub would refuse.
 */
import type Database from 'better-sqlite3';
import { translatedError } from '../../../shared/contract/result';
import { uuid7Sql } from '../migrations/0003-team-sync';
import type { HubEvaluation, HubEvaluationScore, HubEvaluationSubmission } from '../hub/evaluation-repo';
import type { Stamped } from '../hub/repo';

export interface EvaluationScoreView {
  evaluator: string;
  bid: number;
  criterion: string;
  points: number;
  /** On the hub (submitted, or pulled). */
  shared: boolean;
}

export interface EvaluationView {
  id: string;
  versionId: string;
  evaluators: string[];
  deviationShare: number;
  openedAt: string;
  author: string | null;
  shared: boolean;
  /** The evaluated bid set's version as held here (null: not pulled yet). */
  bidSet: { name: string; version: number | null; body: unknown } | null;
  scores: EvaluationScoreView[];
  /** The evaluators whose submission is known here. */
  submitted: string[];
  /** Of them, those whose submission is on the hub (a submission made here waits for the next sync). */
  submittedShared: string[];
}

interface EvaluationRow {
  gid: string;
  version_gid: string;
  evaluators: string;
  deviation_share: number;
  opened_at: string;
  author: string | null;
  hub_change: number | null;
}

export class TeamEvaluationRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      open: db.prepare(
        `INSERT INTO team_evaluation (gid, version_gid, evaluators, deviation_share, opened_at, author) VALUES (${uuid7Sql("'now'")}, ?, ?, ?, ?, ?) RETURNING gid`,
      ).pluck(),
      one: db.prepare('SELECT * FROM team_evaluation WHERE gid = ?'),
      all: db.prepare('SELECT * FROM team_evaluation ORDER BY opened_at, gid'),
      version: db.prepare('SELECT name, version, body FROM team_shared_version WHERE gid = ?'),
      scores: db.prepare('SELECT evaluator, bid, criterion, points, hub_change FROM team_evaluation_score WHERE evaluation_gid = ? ORDER BY evaluator, bid, criterion'),
      submitted: db.prepare('SELECT evaluator, hub_change FROM team_evaluation_submission WHERE evaluation_gid = ? ORDER BY evaluator'),
      isSubmitted: db.prepare('SELECT 1 FROM team_evaluation_submission WHERE evaluation_gid = ? AND evaluator = ?').pluck(),
      score: db.prepare(
        `INSERT INTO team_evaluation_score (gid, evaluation_gid, evaluator, bid, criterion, points, scored_at)
         VALUES (${uuid7Sql("'now'")}, @evaluation, @evaluator, @bid, @criterion, @points, @at)
         ON CONFLICT(evaluation_gid, evaluator, bid, criterion) DO UPDATE SET points = excluded.points, scored_at = excluded.scored_at,
           hub_change = CASE WHEN points = excluded.points THEN hub_change END`,
      ),
      submit: db.prepare(`INSERT INTO team_evaluation_submission (gid, evaluation_gid, evaluator, submitted_at) VALUES (${uuid7Sql("'now'")}, ?, ?, ?)`),
      pendingOpens: db.prepare('SELECT * FROM team_evaluation WHERE hub_change IS NULL ORDER BY opened_at'),
      pendingSubmissions: db.prepare('SELECT gid, evaluation_gid, evaluator, submitted_at FROM team_evaluation_submission WHERE hub_change IS NULL ORDER BY submitted_at'),
      // a draft: one's own score changed here since the hub last took it, before one's submission
      drafts: db.prepare(
        `SELECT gid, evaluation_gid, bid, criterion, points, scored_at FROM team_evaluation_score s
          WHERE evaluator = ? AND hub_change IS NULL
            AND NOT EXISTS (SELECT 1 FROM team_evaluation_submission u WHERE u.evaluation_gid = s.evaluation_gid AND u.evaluator = s.evaluator)
            AND EXISTS (SELECT 1 FROM team_evaluation e WHERE e.gid = s.evaluation_gid AND e.hub_change IS NOT NULL)
          ORDER BY evaluation_gid, bid, criterion`,
      ),
      markDraft: db.prepare(
        'UPDATE team_evaluation_score SET hub_change = @change_no WHERE evaluation_gid = @evaluation AND evaluator = @evaluator AND bid = @bid AND criterion = @criterion AND points = @points',
      ),
      myScores: db.prepare('SELECT gid, evaluation_gid, bid, criterion, points, scored_at FROM team_evaluation_score WHERE evaluation_gid = ? AND evaluator = ?'),
      markEvaluation: db.prepare('UPDATE team_evaluation SET hub_change = ? WHERE gid = ?'),
      markSubmission: db.prepare('UPDATE team_evaluation_submission SET hub_change = ? WHERE gid = ?'),
      markScore: db.prepare('UPDATE team_evaluation_score SET hub_change = ? WHERE gid = ?'),
      upsertEvaluation: db.prepare(
        `INSERT INTO team_evaluation (gid, version_gid, evaluators, deviation_share, opened_at, author, hub_change)
         VALUES (@gid, @version_gid, @evaluators, @deviation_share, @opened_at, @author, @change_no)
         ON CONFLICT(gid) DO UPDATE SET author = excluded.author, hub_change = excluded.hub_change`,
      ),
      upsertSubmission: db.prepare(
        `INSERT INTO team_evaluation_submission (gid, evaluation_gid, evaluator, submitted_at, hub_change) VALUES (@gid, @evaluation_gid, @author, @submitted_at, @change_no)
         ON CONFLICT(evaluation_gid, evaluator) DO UPDATE SET gid = excluded.gid, hub_change = excluded.hub_change`,
      ),
      upsertScore: db.prepare(
        `INSERT INTO team_evaluation_score (gid, evaluation_gid, evaluator, bid, criterion, points, scored_at, hub_change)
         VALUES (@gid, @evaluation_gid, @author, @bid, @criterion, @points, @scored_at, @change_no)
         ON CONFLICT(evaluation_gid, evaluator, bid, criterion) DO UPDATE SET gid = excluded.gid, points = excluded.points, scored_at = excluded.scored_at, hub_change = excluded.hub_change
         WHERE team_evaluation_score.hub_change IS NOT NULL
            OR EXISTS (SELECT 1 FROM team_evaluation_submission u WHERE u.evaluation_gid = excluded.evaluation_gid AND u.evaluator = excluded.evaluator AND u.hub_change IS NOT NULL)`,
      ),
      othersScores: db.prepare('SELECT gid FROM team_evaluation_score WHERE evaluator <> ? AND hub_change IS NOT NULL').pluck(),
      dropScore: db.prepare('DELETE FROM team_evaluation_score WHERE gid = ?'),
    };
  }

  private view(r: EvaluationRow): EvaluationView {
    const v = this.s.version.get(r.version_gid) as { name: string; version: number | null; body: string } | undefined;
    const subs = this.s.submitted.all(r.gid) as { evaluator: string; hub_change: number | null }[];
    const scores = (this.s.scores.all(r.gid) as (Omit<EvaluationScoreView, 'shared'> & { hub_change: number | null })[]).map(({ hub_change, ...s }) => ({ ...s, shared: hub_change !== null }));
    return {
      id: r.gid,
      versionId: r.version_gid,
      evaluators: JSON.parse(r.evaluators) as string[],
      deviationShare: r.deviation_share,
      openedAt: r.opened_at,
      author: r.author,
      shared: r.hub_change !== null,
      bidSet: v ? { name: v.name, version: v.version, body: JSON.parse(v.body) as unknown } : null,
      scores,
      submitted: subs.map((x) => x.evaluator),
      submittedShared: subs.filter((x) => x.hub_change !== null).map((x) => x.evaluator),
    };
  }

  list(): EvaluationView[] {
    return (this.s.all.all() as EvaluationRow[]).map((r) => this.view(r));
  }

  /** An evaluation by its id or a unique prefix of it. */
  get(id: string): EvaluationView | undefined {
    const exact = this.s.one.get(id) as EvaluationRow | undefined;
    if (exact) return this.view(exact);
    const matches = (this.s.all.all() as EvaluationRow[]).filter((r) => id.length >= 4 && r.gid.startsWith(id));
    return matches.length === 1 ? this.view(matches[0]!) : undefined;
  }

  /** Open an evaluation of a shared bid set's version held here; pushed by the next sync. */
  open(versionId: string, evaluators: string[], deviationShare: number, author: string, at: string): string {
    if (!this.s.version.get(versionId)) throw translatedError('not-found', 'errors.teamRecords.noVersion', { id: versionId });
    return this.s.open.get(versionId, JSON.stringify(evaluators), deviationShare, at, author) as string;
  }

  /** One's own scores (a cell scored again takes the new points), until one has submitted. */
  score(evaluationId: string, evaluator: string, rows: { bid: number; criterion: string; points: number }[], at: string): void {
    this.db.transaction(() => {
      if (this.s.isSubmitted.get(evaluationId, evaluator)) throw translatedError('conflict', 'errors.teamRecords.scoresSubmitted', { evaluator });
      for (const r of rows) this.s.score.run({ evaluation: evaluationId, evaluator, bid: r.bid, criterion: r.criterion, points: r.points, at });
    })();
  }

  submit(evaluationId: string, evaluator: string, at: string): void {
    if (this.s.isSubmitted.get(evaluationId, evaluator)) throw translatedError('conflict', 'errors.teamRecords.alreadySubmitted', { evaluator });
    this.s.submit.run(evaluationId, evaluator, at);
  }

  pendingOpens(): HubEvaluation[] {
    return (this.s.pendingOpens.all() as EvaluationRow[]).map((r) => ({
      gid: r.gid,
      version_gid: r.version_gid,
      evaluators: JSON.parse(r.evaluators) as string[],
      deviation_share: r.deviation_share,
      opened_at: r.opened_at,
    }));
  }

  /**
   * One's drafts (scores not yet submitted, changed since the hub last took them) of evaluations
   * on the hub, by evaluation: a sync pushes them, so a laptop lost before the submission loses
   * no scores, and the submission finds them there.
   */
  pendingDrafts(evaluator: string): { evaluationGid: string; scores: HubEvaluationScore[] }[] {
    const out = new Map<string, HubEvaluationScore[]>();
    for (const s of this.s.drafts.all(evaluator) as HubEvaluationScore[]) {
      const list = out.get(s.evaluation_gid) ?? [];
      list.push(s);
      out.set(s.evaluation_gid, list);
    }
    return [...out].map(([evaluationGid, scores]) => ({ evaluationGid, scores }));
  }

  /** The hub took drafts: each cell still at the points pushed is marked shared (one changed meanwhile stays a draft). */
  markDrafts(evaluationGid: string, evaluator: string, stamped: { bid: number; criterion: string; points: number; change_no: number }[]): void {
    this.db.transaction(() => {
      for (const s of stamped) this.s.markDraft.run({ ...s, evaluation: evaluationGid, evaluator });
    })();
  }

  /** Submissions made here and not yet on the hub, each with the evaluator's scores. */
  pendingSubmissions(): { submission: HubEvaluationSubmission; scores: HubEvaluationScore[] }[] {
    const subs = this.s.pendingSubmissions.all() as { gid: string; evaluation_gid: string; evaluator: string; submitted_at: string }[];
    return subs.map((s) => ({
      submission: { gid: s.gid, evaluation_gid: s.evaluation_gid, submitted_at: s.submitted_at },
      scores: this.s.myScores.all(s.evaluation_gid, s.evaluator) as HubEvaluationScore[],
    }));
  }

  pendingCount(): { evaluations: number; submissions: number } {
    return { evaluations: this.s.pendingOpens.all().length, submissions: this.s.pendingSubmissions.all().length };
  }

  markOpened(stamped: Stamped[]): void {
    this.db.transaction(() => {
      for (const s of stamped) this.s.markEvaluation.run(s.change_no, s.gid);
    })();
  }

  /** The hub took a submission: it and the scores it holds of the evaluator are marked shared. */
  markSubmitted(submissionGid: string, submitted: Stamped, scores: Stamped[]): void {
    this.db.transaction(() => {
      this.s.markSubmission.run(submitted.change_no, submissionGid);
      for (const s of scores) this.s.markScore.run(s.change_no, s.gid);
    })();
  }

  /**
   * What the hub lets this user see, in one transaction: evaluations and submissions kept,
   * others' scores replaced by what the hub shows now (one's own unshared scores stay).
   */
  applyPulled(me: string, evaluations: HubEvaluation[], submissions: HubEvaluationSubmission[], scores: HubEvaluationScore[]): { evaluations: number; submissions: number; scores: number } {
    return this.db.transaction(() => {
      for (const e of evaluations) this.s.upsertEvaluation.run({ ...e, evaluators: JSON.stringify(e.evaluators), author: e.author ?? null, change_no: e.change_no ?? null });
      for (const s of submissions) this.s.upsertSubmission.run({ ...s, author: s.author ?? '', change_no: s.change_no ?? null });
      const seen = new Set(scores.map((s) => s.gid));
      for (const gid of this.s.othersScores.all(me) as string[]) if (!seen.has(gid)) this.s.dropScore.run(gid);
      for (const s of scores) this.s.upsertScore.run({ ...s, author: s.author ?? '', change_no: s.change_no ?? null });
      return { evaluations: evaluations.length, submissions: submissions.length, scores: scores.filter((s) => s.author !== me).length };
    })();
  }
}
