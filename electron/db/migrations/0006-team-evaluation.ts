/**
 * 0006: what a laptop keeps of committee evaluations (hub migration 3).
 *
 * - `team_evaluation`: an evaluation of a shared bid set's version (`version_gid`), its
 *   evaluators (a JSON list of hub user names) and deviation share; opened here (`hub_change`
 *   NULL until pushed) or pulled from the hub.
 * - `team_evaluation_score`: one score per evaluator, bid and subjective criterion: this laptop's
 *   user's own (made offline, pushed when they submit) and, once they have submitted, the others'
 *   submitted scores as pulled.
 * - `team_evaluation_submission`: an evaluator's submission, made here or pulled; after one's own,
 *   one's scores no longer change here either.
 */
import type { Migration } from './index';

export const migration0006: Migration = {
  version: 6,
  name: 'team committee evaluations',
  up(db) {
    db.exec(`
CREATE TABLE team_evaluation (
  gid TEXT PRIMARY KEY,
  version_gid TEXT NOT NULL,
  evaluators TEXT NOT NULL CHECK (json_valid(evaluators) AND json_type(evaluators) = 'array'),
  deviation_share REAL NOT NULL CHECK (deviation_share >= 0 AND deviation_share <= 1),
  opened_at TEXT NOT NULL,
  author TEXT,
  hub_change INTEGER
) STRICT;

CREATE TABLE team_evaluation_score (
  gid TEXT PRIMARY KEY,
  evaluation_gid TEXT NOT NULL REFERENCES team_evaluation(gid) ON DELETE CASCADE,
  evaluator TEXT NOT NULL,
  bid INTEGER NOT NULL CHECK (bid >= 0),
  criterion TEXT NOT NULL,
  points REAL NOT NULL CHECK (points >= 0),
  scored_at TEXT NOT NULL,
  hub_change INTEGER
) STRICT;
CREATE UNIQUE INDEX team_evaluation_score_cell ON team_evaluation_score(evaluation_gid, evaluator, bid, criterion);

CREATE TABLE team_evaluation_submission (
  gid TEXT PRIMARY KEY,
  evaluation_gid TEXT NOT NULL REFERENCES team_evaluation(gid) ON DELETE CASCADE,
  evaluator TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  hub_change INTEGER
) STRICT;
CREATE UNIQUE INDEX team_evaluation_submission_once ON team_evaluation_submission(evaluation_gid, evaluator);
`);
  },
};
