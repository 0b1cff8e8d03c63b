/**
 * The hub's side of committee evaluations (hub migration 3): opening an evaluation, an
 * evaluator's scores and submission (one transaction, so a sync that dies leaves either both or
 * neither), and reading what row-level security lets the connected user see. Who may open, score
 * and read is the database's decision (GRANTs, policies and the check triggers), not this code's.
 *
 * Reads are whole, not by change number: an evaluator's view of the others' scores changes when
 * the evaluator submits (rows with older change numbers become visible), so a cursor would miss
 * them. Evaluations are small (≤ 25 evaluators × 50 bids × 20 criteria).
 */
import type { ClientBase } from 'pg';
import { HubRepo, type Stamped } from './repo';

export interface HubEvaluation {
  gid: string;
  version_gid: string;
  evaluators: string[];
  deviation_share: number;
  opened_at: string;
  author?: string;
  change_no?: number;
}

export interface HubEvaluationScore {
  gid: string;
  evaluation_gid: string;
  bid: number;
  criterion: string;
  points: number;
  scored_at: string;
  author?: string;
  change_no?: number;
}

export interface HubEvaluationSubmission {
  gid: string;
  evaluation_gid: string;
  submitted_at: string;
  author?: string;
  change_no?: number;
}

export class HubEvaluationRepo {
  private readonly hub: HubRepo;

  constructor(private readonly c: ClientBase) {
    this.hub = new HubRepo(c);
  }

  /** Evaluations in, once each (a gid the hub has is kept as it is). */
  async open(rows: HubEvaluation[]): Promise<Stamped[]> {
    if (rows.length === 0) return [];
    return this.hub.inTransaction(async () => {
      await this.c.query(
        `INSERT INTO procure.evaluation (gid, version_gid, evaluators, deviation_share, opened_at)
         SELECT gid, version_gid, evaluators, deviation_share, opened_at FROM json_populate_recordset(NULL::procure.evaluation, $1::json)
         ON CONFLICT (gid) DO NOTHING`,
        [JSON.stringify(rows)],
      );
      return (await this.c.query<Stamped>(`SELECT gid::text AS gid, change_no::float8 AS change_no FROM procure.evaluation WHERE gid = ANY($1::uuid[])`, [rows.map((r) => r.gid)])).rows;
    });
  }

  /**
   * Scores in without submitting (kept hidden from everyone but their author until the
   * submission); a cell scored again (author, bid, criterion: the hub's trigger sets the author)
   * takes the new points (the same points again are no change, and no audit row).
   */
  async score(rows: HubEvaluationScore[]): Promise<void> {
    if (rows.length === 0) return;
    await this.hub.inTransaction(() => this.upsertScores(rows));
  }

  /**
   * One evaluation's drafts in (one transaction), answered with the connected user's scores of it
   * as the hub now holds them, so the laptop marks shared only the cells still at those points.
   */
  async draft(evaluationGid: string, rows: HubEvaluationScore[]): Promise<{ bid: number; criterion: string; points: number; change_no: number }[]> {
    return this.hub.inTransaction(async () => {
      if (rows.length > 0) await this.upsertScores(rows);
      return (
        await this.c.query<{ bid: number; criterion: string; points: number; change_no: number }>(
          `SELECT bid, criterion, points, change_no::float8 AS change_no FROM procure.evaluation_score WHERE evaluation_gid = $1 AND author = current_user`,
          [evaluationGid],
        )
      ).rows;
    });
  }

  private async upsertScores(rows: HubEvaluationScore[]): Promise<void> {
    await this.c.query(
      `INSERT INTO procure.evaluation_score (gid, evaluation_gid, bid, criterion, points, scored_at)
       SELECT gid, evaluation_gid, bid, criterion, points, scored_at FROM json_populate_recordset(NULL::procure.evaluation_score, $1::json)
       ON CONFLICT (evaluation_gid, author, bid, criterion) DO UPDATE SET points = EXCLUDED.points, scored_at = EXCLUDED.scored_at
       WHERE evaluation_score.points IS DISTINCT FROM EXCLUDED.points`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * An evaluator's scores and submission, in one transaction. A rerun after the hub took them
   * (the laptop did not hear back) finds the submission there and writes nothing.
   */
  async submit(submission: HubEvaluationSubmission, scores: HubEvaluationScore[]): Promise<{ submitted: Stamped; scores: Stamped[] }> {
    return this.hub.inTransaction(async () => {
      const done = await this.c.query(`SELECT 1 FROM procure.evaluation_submission WHERE evaluation_gid = $1 AND author = current_user`, [submission.evaluation_gid]);
      if (done.rowCount === 0) {
        if (scores.length > 0) await this.upsertScores(scores);
        await this.c.query(
          `INSERT INTO procure.evaluation_submission (gid, evaluation_gid, submitted_at) VALUES ($1, $2, $3) ON CONFLICT (gid) DO NOTHING`,
          [submission.gid, submission.evaluation_gid, submission.submitted_at],
        );
      }
      const sub = await this.c.query<Stamped>(
        `SELECT gid::text AS gid, change_no::float8 AS change_no FROM procure.evaluation_submission WHERE evaluation_gid = $1 AND author = current_user`,
        [submission.evaluation_gid],
      );
      const mine = await this.c.query<Stamped>(
        `SELECT gid::text AS gid, change_no::float8 AS change_no FROM procure.evaluation_score WHERE evaluation_gid = $1 AND author = current_user`,
        [submission.evaluation_gid],
      );
      return { submitted: sub.rows[0]!, scores: mine.rows };
    });
  }

  async evaluations(): Promise<HubEvaluation[]> {
    return (
      await this.c.query<HubEvaluation>(
        `SELECT gid::text AS gid, version_gid::text AS version_gid, evaluators, deviation_share, opened_at, author, change_no::float8 AS change_no
           FROM procure.evaluation ORDER BY change_no`,
      )
    ).rows;
  }

  /** The scores the connected user may see (row-level security filters the rest). */
  async scores(evaluationGid?: string): Promise<HubEvaluationScore[]> {
    return (
      await this.c.query<HubEvaluationScore>(
        `SELECT gid::text AS gid, evaluation_gid::text AS evaluation_gid, bid, criterion, points, scored_at, author, change_no::float8 AS change_no
           FROM procure.evaluation_score WHERE $1::uuid IS NULL OR evaluation_gid = $1::uuid ORDER BY evaluation_gid, author, bid, criterion`,
        [evaluationGid ?? null],
      )
    ).rows;
  }

  async submissions(): Promise<HubEvaluationSubmission[]> {
    return (
      await this.c.query<HubEvaluationSubmission>(
        `SELECT gid::text AS gid, evaluation_gid::text AS evaluation_gid, submitted_at, author, change_no::float8 AS change_no
           FROM procure.evaluation_submission ORDER BY change_no`,
      )
    ).rows;
  }
}
