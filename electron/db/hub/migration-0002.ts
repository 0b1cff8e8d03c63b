/**
 * Hub migration 2: catalog figure edits merged field by field, with recorded conflicts; shared
 * builds and bid sets, versioned, their author's.
 *
 * Catalog: a laptop pushes one `catalog_edit` per changed field (value, source, and the field's
 * change number it had last seen, `base_change`). A trigger running as the schema's owner keeps
 * `catalog_field`, the current value per part and field, and when the field was changed by
 * someone else after that base (to another value), records a `catalog_conflict` with both sides;
 * the later push wins. A catalog keeper resolves a conflict with a `catalog_resolution`: confirm
 * (the later value stands) or reverse (the earlier value is set again, a new change). Only
 * procure_catalog_keeper (and the admin, who holds its rights) may insert edits and
 * resolutions; nobody writes catalog_field or catalog_conflict but the triggers.
 *
 * Shared builds and bid sets: `shared_doc` (one per shared build or bid set, its author) and
 * `shared_version` (each share of a changed one; the hub numbers the versions). Row-level
 * security lets only a doc's author add versions to it; versions are never changed.
 */

/** The figures a catalog edit may name (FIGURE_KEYS and the efficiency factors), frozen with this migration. */
const FIELDS = [
  'memoryGB', 'memoryType', 'memoryBandwidthTBps', 'tflops.fp16', 'tflops.bf16', 'tflops.fp8', 'tflops.int8', 'tflops.fp4',
  'tdpW', 'idleW', 'scaleUpLink', 'scaleUpGBps', 'scaleOutGBps', 'formFactor', 'softwareStack', 'releaseYear',
  'exportControl', 'foundry', 'hbmSupply', 'softwareMaturity', 'mbu', 'mfu',
];
const fieldList = FIELDS.map((f) => `'${f}'`).join(', ');

export const hub0002 = `
CREATE FUNCTION procure.append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% rows are append-only on the hub', TG_TABLE_NAME USING ERRCODE = '42501';
END
$fn$;

CREATE TABLE procure.catalog_edit (
  gid uuid PRIMARY KEY,
  change_no bigint NOT NULL UNIQUE,
  part text NOT NULL CHECK (part ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  field text NOT NULL CHECK (field IN (${fieldList})),
  value jsonb CHECK (value IS NULL OR length(value::text) <= 2000),
  source jsonb NOT NULL CHECK (jsonb_typeof(source) = 'object' AND length(source::text) <= 20000),
  base_change bigint NOT NULL DEFAULT 0 CHECK (base_change >= 0),
  edited_at text NOT NULL CHECK (length(edited_at) <= 40),
  author text NOT NULL,
  pushed_at timestamptz NOT NULL
);
CREATE INDEX catalog_edit_part ON procure.catalog_edit (part, field);

CREATE TABLE procure.catalog_field (
  part text NOT NULL,
  field text NOT NULL,
  value jsonb,
  source jsonb NOT NULL,
  -- the edit or the reversal that set it
  set_by uuid NOT NULL,
  author text NOT NULL,
  edited_at text NOT NULL,
  pushed_at timestamptz NOT NULL,
  change_no bigint NOT NULL UNIQUE,
  PRIMARY KEY (part, field)
);

CREATE TABLE procure.catalog_conflict (
  -- the later edit's gid: an edit makes at most one conflict
  gid uuid PRIMARY KEY REFERENCES procure.catalog_edit(gid),
  change_no bigint NOT NULL UNIQUE,
  part text NOT NULL,
  field text NOT NULL,
  earlier_set_by uuid NOT NULL,
  earlier_value jsonb,
  earlier_source jsonb NOT NULL,
  earlier_author text NOT NULL,
  earlier_edited_at text NOT NULL,
  earlier_pushed_at timestamptz NOT NULL,
  later_value jsonb,
  later_source jsonb NOT NULL,
  later_author text NOT NULL,
  later_edited_at text NOT NULL,
  later_pushed_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'reversed')),
  resolved_by text,
  resolved_at timestamptz,
  resolution uuid,
  CHECK ((status = 'open') = (resolved_by IS NULL))
);
CREATE INDEX catalog_conflict_part ON procure.catalog_conflict (part, field);

CREATE TABLE procure.catalog_resolution (
  gid uuid PRIMARY KEY,
  change_no bigint NOT NULL UNIQUE,
  conflict_gid uuid NOT NULL REFERENCES procure.catalog_conflict(gid),
  decision text NOT NULL CHECK (decision IN ('confirm', 'reverse')),
  resolved_at text NOT NULL CHECK (length(resolved_at) <= 40),
  -- whether it decided the conflict (false: another keeper's resolution came first)
  applied boolean NOT NULL DEFAULT false,
  author text NOT NULL,
  pushed_at timestamptz NOT NULL
);

-- an edit lands: a conflict when someone else changed the field to another value after the
-- laptop's base, then the field takes the edit (the later push wins)
CREATE FUNCTION procure.catalog_merge() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, procure AS $fn$
DECLARE
  cur procure.catalog_field%ROWTYPE;
BEGIN
  SELECT * INTO cur FROM procure.catalog_field WHERE part = NEW.part AND field = NEW.field FOR UPDATE;
  IF FOUND AND cur.change_no > NEW.base_change AND cur.author <> NEW.author AND cur.value IS DISTINCT FROM NEW.value THEN
    INSERT INTO procure.catalog_conflict (gid, change_no, part, field,
        earlier_set_by, earlier_value, earlier_source, earlier_author, earlier_edited_at, earlier_pushed_at,
        later_value, later_source, later_author, later_edited_at, later_pushed_at)
      VALUES (NEW.gid, nextval('procure.change_no'), NEW.part, NEW.field,
        cur.set_by, cur.value, cur.source, cur.author, cur.edited_at, cur.pushed_at,
        NEW.value, NEW.source, NEW.author, NEW.edited_at, NEW.pushed_at);
  END IF;
  INSERT INTO procure.catalog_field (part, field, value, source, set_by, author, edited_at, pushed_at, change_no)
    VALUES (NEW.part, NEW.field, NEW.value, NEW.source, NEW.gid, NEW.author, NEW.edited_at, NEW.pushed_at, NEW.change_no)
    ON CONFLICT (part, field) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source, set_by = EXCLUDED.set_by,
      author = EXCLUDED.author, edited_at = EXCLUDED.edited_at, pushed_at = EXCLUDED.pushed_at, change_no = EXCLUDED.change_no;
  RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION procure.catalog_merge() FROM PUBLIC;

-- a resolution lands: the first one decides; a reversal sets the earlier value again, as a new change
CREATE FUNCTION procure.catalog_resolve() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, procure AS $fn$
DECLARE
  c procure.catalog_conflict%ROWTYPE;
BEGIN
  SELECT * INTO c FROM procure.catalog_conflict WHERE gid = NEW.conflict_gid FOR UPDATE;
  IF c.status <> 'open' THEN
    RETURN NEW;
  END IF;
  NEW.applied := true;
  UPDATE procure.catalog_conflict
     SET status = CASE NEW.decision WHEN 'confirm' THEN 'confirmed' ELSE 'reversed' END,
         resolved_by = NEW.author, resolved_at = NEW.pushed_at, resolution = NEW.gid, change_no = nextval('procure.change_no')
   WHERE gid = c.gid;
  IF NEW.decision = 'reverse' THEN
    UPDATE procure.catalog_field
       SET value = c.earlier_value, source = c.earlier_source, set_by = NEW.gid, author = NEW.author,
           edited_at = NEW.resolved_at, pushed_at = NEW.pushed_at, change_no = nextval('procure.change_no')
     WHERE part = c.part AND field = c.field;
  END IF;
  RETURN NEW;
END
$fn$;
REVOKE ALL ON FUNCTION procure.catalog_resolve() FROM PUBLIC;

CREATE TRIGGER a_guard BEFORE UPDATE OR DELETE ON procure.catalog_edit FOR EACH ROW EXECUTE FUNCTION procure.append_only();
CREATE TRIGGER b_stamp BEFORE INSERT ON procure.catalog_edit FOR EACH ROW EXECUTE FUNCTION procure.stamp();
CREATE TRIGGER merge AFTER INSERT ON procure.catalog_edit FOR EACH ROW EXECUTE FUNCTION procure.catalog_merge();
CREATE TRIGGER a_guard BEFORE UPDATE OR DELETE ON procure.catalog_resolution FOR EACH ROW EXECUTE FUNCTION procure.append_only();
CREATE TRIGGER b_stamp BEFORE INSERT ON procure.catalog_resolution FOR EACH ROW EXECUTE FUNCTION procure.stamp();
-- BEFORE, after the stamp: it records on the row whether it decided the conflict
CREATE TRIGGER c_resolve BEFORE INSERT ON procure.catalog_resolution FOR EACH ROW EXECUTE FUNCTION procure.catalog_resolve();

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.catalog_edit FOR EACH ROW EXECUTE FUNCTION procure.audit_write('part');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.catalog_field FOR EACH ROW EXECUTE FUNCTION procure.audit_write('part');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.catalog_conflict FOR EACH ROW EXECUTE FUNCTION procure.audit_write('part');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.catalog_resolution FOR EACH ROW EXECUTE FUNCTION procure.audit_write('conflict_gid');

-- shared builds and bid sets
CREATE TABLE procure.shared_doc (
  gid uuid PRIMARY KEY,
  change_no bigint NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('build', 'bidset')),
  created_at text NOT NULL CHECK (length(created_at) <= 40),
  author text NOT NULL,
  pushed_at timestamptz NOT NULL
);

CREATE TABLE procure.shared_version (
  gid uuid PRIMARY KEY,
  change_no bigint NOT NULL UNIQUE,
  doc_gid uuid NOT NULL REFERENCES procure.shared_doc(gid),
  version integer NOT NULL CHECK (version > 0),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object' AND length(body::text) <= 4000000),
  shared_at text NOT NULL CHECK (length(shared_at) <= 40),
  author text NOT NULL,
  pushed_at timestamptz NOT NULL,
  UNIQUE (doc_gid, version)
);

-- the hub numbers a doc's versions, under the change lock the stamp took
CREATE FUNCTION procure.shared_version_number() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.version := coalesce((SELECT max(version) FROM procure.shared_version WHERE doc_gid = NEW.doc_gid), 0) + 1;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER a_guard BEFORE UPDATE OR DELETE ON procure.shared_doc FOR EACH ROW EXECUTE FUNCTION procure.append_only();
CREATE TRIGGER b_stamp BEFORE INSERT ON procure.shared_doc FOR EACH ROW EXECUTE FUNCTION procure.stamp();
CREATE TRIGGER a_guard BEFORE UPDATE OR DELETE ON procure.shared_version FOR EACH ROW EXECUTE FUNCTION procure.append_only();
CREATE TRIGGER b_stamp BEFORE INSERT ON procure.shared_version FOR EACH ROW EXECUTE FUNCTION procure.stamp();
CREATE TRIGGER c_number BEFORE INSERT ON procure.shared_version FOR EACH ROW EXECUTE FUNCTION procure.shared_version_number();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.shared_doc FOR EACH ROW EXECUTE FUNCTION procure.audit_write('gid');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.shared_version FOR EACH ROW EXECUTE FUNCTION procure.audit_write('doc_gid');

-- GRANTs: everyone reads; catalog keepers edit figures and resolve; buyers share
REVOKE ALL ON procure.catalog_edit, procure.catalog_field, procure.catalog_conflict, procure.catalog_resolution,
  procure.shared_doc, procure.shared_version FROM PUBLIC;
GRANT SELECT ON procure.catalog_edit, procure.catalog_field, procure.catalog_conflict, procure.catalog_resolution,
  procure.shared_doc, procure.shared_version TO procure_viewer;
GRANT INSERT ON procure.catalog_edit, procure.catalog_resolution TO procure_catalog_keeper;
GRANT INSERT ON procure.shared_doc, procure.shared_version TO procure_buyer;

ALTER TABLE procure.catalog_edit ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.catalog_field ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.catalog_conflict ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.catalog_resolution ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.shared_doc ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.shared_version ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON procure.catalog_edit FOR SELECT TO procure_viewer USING (true);
CREATE POLICY add_own ON procure.catalog_edit FOR INSERT TO procure_catalog_keeper WITH CHECK (author = current_user);
CREATE POLICY read_all ON procure.catalog_field FOR SELECT TO procure_viewer USING (true);
CREATE POLICY read_all ON procure.catalog_conflict FOR SELECT TO procure_viewer USING (true);
CREATE POLICY read_all ON procure.catalog_resolution FOR SELECT TO procure_viewer USING (true);
CREATE POLICY add_own ON procure.catalog_resolution FOR INSERT TO procure_catalog_keeper WITH CHECK (author = current_user);
CREATE POLICY read_all ON procure.shared_doc FOR SELECT TO procure_viewer USING (true);
CREATE POLICY add_own ON procure.shared_doc FOR INSERT TO procure_buyer WITH CHECK (author = current_user);
CREATE POLICY read_all ON procure.shared_version FOR SELECT TO procure_viewer USING (true);
-- only a doc's author adds versions to it
CREATE POLICY add_own ON procure.shared_version FOR INSERT TO procure_buyer
  WITH CHECK (author = current_user AND EXISTS (SELECT 1 FROM procure.shared_doc d WHERE d.gid = doc_gid AND d.author = current_user));
`;
