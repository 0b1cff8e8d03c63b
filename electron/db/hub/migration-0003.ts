/**
 * Hub migration 3: committee evaluation of a shared bid set (评标委员会).
 *
 * `evaluation`: a shared bid set's version opened for evaluation with a list of evaluators (hub
 * user names of role evaluator) and the deviation share; only the bid set's author or an admin
 * opens one. `evaluation_score`: one row per evaluator, bid and subjective criterion, the
 * evaluator's own. `evaluation_submission`: an evaluator's "I have scored everything"; after it
 * their scores are read-only.
 *
 * Row-level security hides an evaluator's scores from everyone until they have submitted, and
 * from another evaluator of the committee until that evaluator has submitted their own; an
 * evaluator always sees their own. The checks that a message should explain (not an evaluator of
 * this evaluation, already submitted, a criterion or bid the bid set lacks, points over the
 * criterion's) are BEFORE triggers that raise in words; the policies say the same again, so that
 * a trigger dropped by mistake still leaves the database refusing.
 */
export const hub0003 = `
CREATE TABLE procure.evaluation (
  gid uuid PRIMARY KEY,
  change_no bigint NOT NULL UNIQUE,
  version_gid uuid NOT NULL REFERENCES procure.shared_version(gid),
  evaluators text[] NOT NULL CHECK (cardinality(evaluators) BETWEEN 1 AND 25 AND array_position(evaluators, NULL) IS NULL),
  deviation_share double precision NOT NULL DEFAULT 0.2 CHECK (deviation_share >= 0 AND deviation_share <= 1),
  opened_at text NOT NULL CHECK (length(opened_at) <= 40),
  author text NOT NULL,
  pushed_at timestamptz NOT NULL
);

CREATE TABLE procure.evaluation_score (
  gid uuid PRIMARY KEY,
  change_no bigint NOT NULL UNIQUE,
  evaluation_gid uuid NOT NULL REFERENCES procure.evaluation(gid),
  bid integer NOT NULL CHECK (bid BETWEEN 0 AND 49),
  criterion text NOT NULL CHECK (criterion ~ '^[a-z][a-z0-9-]{0,39}$'),
  points double precision NOT NULL CHECK (points >= 0 AND points <= 1000),
  scored_at text NOT NULL CHECK (length(scored_at) <= 40),
  author text NOT NULL,
  pushed_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX evaluation_score_cell ON procure.evaluation_score (evaluation_gid, author, bid, criterion);

CREATE TABLE procure.evaluation_submission (
  gid uuid PRIMARY KEY,
  change_no bigint NOT NULL UNIQUE,
  evaluation_gid uuid NOT NULL REFERENCES procure.evaluation(gid),
  submitted_at text NOT NULL CHECK (length(submitted_at) <= 40),
  author text NOT NULL,
  pushed_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX evaluation_submission_once ON procure.evaluation_submission (evaluation_gid, author);

-- opening: a bid set's version, by its author or an admin, with evaluators who are hub users of role evaluator
CREATE FUNCTION procure.evaluation_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  d record;
  missing text;
BEGIN
  SELECT sd.kind, sd.author INTO d FROM procure.shared_version v JOIN procure.shared_doc sd ON sd.gid = v.doc_gid WHERE v.gid = NEW.version_gid;
  IF NOT FOUND OR d.kind <> 'bidset' THEN
    RAISE EXCEPTION 'only a shared bid set can be opened for evaluation' USING ERRCODE = '22023';
  END IF;
  IF d.author <> current_user AND NOT pg_has_role(current_user, 'procure_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'only the bid set''s author (%) or an admin may open its evaluation', d.author USING ERRCODE = '42501';
  END IF;
  IF (SELECT count(DISTINCT e) FROM unnest(NEW.evaluators) e) <> cardinality(NEW.evaluators) THEN
    RAISE EXCEPTION 'an evaluator is named twice' USING ERRCODE = '22023';
  END IF;
  SELECT string_agg(quote_literal(e), ', ') INTO missing FROM unnest(NEW.evaluators) e
   WHERE NOT EXISTS (SELECT 1 FROM procure.hub_user u WHERE u.name = e AND u.role = 'evaluator');
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'not hub users of role evaluator: %', missing USING ERRCODE = '22023';
  END IF;
  RETURN NEW;
END
$fn$;

-- scoring: an evaluator of this evaluation, not yet submitted, a bid and criterion of the bid set, within the criterion's points
CREATE FUNCTION procure.evaluation_score_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  ev record;
  crit jsonb;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.gid, NEW.evaluation_gid, NEW.bid, NEW.criterion) IS DISTINCT FROM (OLD.gid, OLD.evaluation_gid, OLD.bid, OLD.criterion) THEN
    RAISE EXCEPTION 'only the points of a score may change' USING ERRCODE = '42501';
  END IF;
  SELECT e.evaluators, v.body INTO ev FROM procure.evaluation e JOIN procure.shared_version v ON v.gid = e.version_gid WHERE e.gid = NEW.evaluation_gid;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no evaluation %', NEW.evaluation_gid USING ERRCODE = '23503';
  END IF;
  IF NOT current_user = ANY (ev.evaluators) THEN
    RAISE EXCEPTION 'the user % is not an evaluator of this evaluation (%): scores refused', current_user, NEW.evaluation_gid USING ERRCODE = '42501';
  END IF;
  IF EXISTS (SELECT 1 FROM procure.evaluation_submission s WHERE s.evaluation_gid = NEW.evaluation_gid AND s.author = current_user) THEN
    RAISE EXCEPTION 'the scores of % for this evaluation are submitted and can no longer change', current_user USING ERRCODE = '42501';
  END IF;
  IF NEW.bid >= coalesce(jsonb_array_length(ev.body -> 'bids'), 0) THEN
    RAISE EXCEPTION 'the bid set has no bid %', NEW.bid + 1 USING ERRCODE = '22023';
  END IF;
  SELECT c INTO crit FROM jsonb_array_elements(coalesce(ev.body -> 'scoring' -> 'subjective', '[]'::jsonb)) c WHERE c ->> 'id' = NEW.criterion;
  IF crit IS NULL THEN
    RAISE EXCEPTION 'the bid set has no subjective criterion %', quote_literal(NEW.criterion) USING ERRCODE = '22023';
  END IF;
  IF NEW.points > (crit ->> 'points')::double precision THEN
    RAISE EXCEPTION 'the criterion % is worth at most % points (got %)', NEW.criterion, crit ->> 'points', NEW.points USING ERRCODE = '22023';
  END IF;
  RETURN NEW;
END
$fn$;

-- submitting: an evaluator of this evaluation who has scored every bid on every criterion
CREATE FUNCTION procure.evaluation_submission_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  ev record;
  need integer;
  have integer;
BEGIN
  SELECT e.evaluators, v.body INTO ev FROM procure.evaluation e JOIN procure.shared_version v ON v.gid = e.version_gid WHERE e.gid = NEW.evaluation_gid;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no evaluation %', NEW.evaluation_gid USING ERRCODE = '23503';
  END IF;
  IF NOT current_user = ANY (ev.evaluators) THEN
    RAISE EXCEPTION 'the user % is not an evaluator of this evaluation (%): submission refused', current_user, NEW.evaluation_gid USING ERRCODE = '42501';
  END IF;
  need := coalesce(jsonb_array_length(ev.body -> 'bids'), 0) * coalesce(jsonb_array_length(ev.body -> 'scoring' -> 'subjective'), 0);
  SELECT count(*) INTO have FROM procure.evaluation_score s WHERE s.evaluation_gid = NEW.evaluation_gid AND s.author = current_user;
  IF have < need THEN
    RAISE EXCEPTION 'submission refused: % of % scores given', have, need USING ERRCODE = '22023';
  END IF;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER a_check BEFORE INSERT ON procure.evaluation FOR EACH ROW EXECUTE FUNCTION procure.evaluation_check();
CREATE TRIGGER a_guard BEFORE UPDATE OR DELETE ON procure.evaluation FOR EACH ROW EXECUTE FUNCTION procure.append_only();
CREATE TRIGGER b_stamp BEFORE INSERT ON procure.evaluation FOR EACH ROW EXECUTE FUNCTION procure.stamp();
CREATE TRIGGER a_check BEFORE INSERT OR UPDATE ON procure.evaluation_score FOR EACH ROW EXECUTE FUNCTION procure.evaluation_score_check();
CREATE TRIGGER a_guard BEFORE DELETE ON procure.evaluation_score FOR EACH ROW EXECUTE FUNCTION procure.append_only();
CREATE TRIGGER b_stamp BEFORE INSERT OR UPDATE ON procure.evaluation_score FOR EACH ROW EXECUTE FUNCTION procure.stamp();
CREATE TRIGGER a_check BEFORE INSERT ON procure.evaluation_submission FOR EACH ROW EXECUTE FUNCTION procure.evaluation_submission_check();
CREATE TRIGGER a_guard BEFORE UPDATE OR DELETE ON procure.evaluation_submission FOR EACH ROW EXECUTE FUNCTION procure.append_only();
CREATE TRIGGER b_stamp BEFORE INSERT ON procure.evaluation_submission FOR EACH ROW EXECUTE FUNCTION procure.stamp();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.evaluation FOR EACH ROW EXECUTE FUNCTION procure.audit_write('gid');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.evaluation_score FOR EACH ROW EXECUTE FUNCTION procure.audit_write('gid');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.evaluation_submission FOR EACH ROW EXECUTE FUNCTION procure.audit_write('gid');

-- GRANTs: everyone reads (what RLS lets through); buyers (and admins) open; evaluators score and submit
REVOKE ALL ON procure.evaluation, procure.evaluation_score, procure.evaluation_submission FROM PUBLIC;
GRANT SELECT ON procure.evaluation, procure.evaluation_score, procure.evaluation_submission TO procure_viewer;
GRANT INSERT ON procure.evaluation TO procure_buyer;
GRANT INSERT, UPDATE (points, scored_at) ON procure.evaluation_score TO procure_evaluator;
GRANT INSERT ON procure.evaluation_submission TO procure_evaluator;

ALTER TABLE procure.evaluation ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.evaluation_score ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.evaluation_submission ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON procure.evaluation FOR SELECT TO procure_viewer USING (true);
CREATE POLICY open_own ON procure.evaluation FOR INSERT TO procure_buyer
  WITH CHECK (author = current_user AND EXISTS (
    SELECT 1 FROM procure.shared_version v JOIN procure.shared_doc d ON d.gid = v.doc_gid
     WHERE v.gid = version_gid AND d.kind = 'bidset' AND (d.author = current_user OR pg_has_role(current_user, 'procure_admin', 'MEMBER'))));
CREATE POLICY read_all ON procure.evaluation_submission FOR SELECT TO procure_viewer USING (true);
CREATE POLICY submit_own ON procure.evaluation_submission FOR INSERT TO procure_evaluator
  WITH CHECK (author = current_user AND EXISTS (SELECT 1 FROM procure.evaluation e WHERE e.gid = evaluation_gid AND current_user = ANY (e.evaluators)));
-- an evaluator always sees their own scores
CREATE POLICY read_own ON procure.evaluation_score FOR SELECT TO procure_evaluator USING (author = current_user);
-- anyone sees submitted scores; an evaluator only once they have submitted their own for the same evaluation
CREATE POLICY read_submitted ON procure.evaluation_score FOR SELECT TO procure_viewer USING (
  EXISTS (SELECT 1 FROM procure.evaluation_submission s WHERE s.evaluation_gid = evaluation_score.evaluation_gid AND s.author = evaluation_score.author)
  AND (NOT pg_has_role(current_user, 'procure_evaluator', 'MEMBER')
       OR EXISTS (SELECT 1 FROM procure.evaluation_submission s WHERE s.evaluation_gid = evaluation_score.evaluation_gid AND s.author = current_user)));
CREATE POLICY score_own ON procure.evaluation_score FOR INSERT TO procure_evaluator
  WITH CHECK (author = current_user
    AND EXISTS (SELECT 1 FROM procure.evaluation e WHERE e.gid = evaluation_gid AND current_user = ANY (e.evaluators))
    AND NOT EXISTS (SELECT 1 FROM procure.evaluation_submission s WHERE s.evaluation_gid = evaluation_score.evaluation_gid AND s.author = current_user));
CREATE POLICY rescore_own ON procure.evaluation_score FOR UPDATE TO procure_evaluator
  USING (author = current_user AND NOT EXISTS (SELECT 1 FROM procure.evaluation_submission s WHERE s.evaluation_gid = evaluation_score.evaluation_gid AND s.author = current_user))
  WITH CHECK (author = current_user);
`;
