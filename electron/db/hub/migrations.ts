/**
 * The team hub's schema (PostgreSQL 14+), created and upgraded by numbered migrations under the
 * same discipline as the SQLite ones: applied in order, each once, in one transaction, recorded
 * in procure.hub_migration; a hub from a newer app is refused.
 *
 * Who may do what is decided here, by the database: group roles procure_viewer, procure_buyer,
 * procure_catalog_keeper, procure_evaluator and procure_admin (cluster-wide, NOLOGIN), GRANTs per
 * table and column, and row-level security. Every write to a shared table is copied into
 * procure.audit by a trigger; only procure_admin may change or delete audit rows, and those
 * changes are audited too.
 *
 * Change numbers: one sequence for every shared table, drawn by a BEFORE trigger that first takes
 * a transaction-scoped advisory lock, so writers commit one at a time and change numbers become
 * visible in increasing order. A reader that has seen change N has seen every change below N,
 * and a client can pull "everything after my cursor" without missing a late commit.
 */
import type { ClientBase } from 'pg';
import { hub0002 } from './migration-0002';
import { hub0003 } from './migration-0003';

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

/** The application roles and the PostgreSQL group role of each. */
export const HUB_ROLES = ['viewer', 'buyer', 'catalog_keeper', 'evaluator', 'admin'] as const;
export type HubRole = (typeof HUB_ROLES)[number];
export const pgRoleOf = (r: HubRole): string => `procure_${r}`;

/** The advisory-lock key of the change-number writer lock (and of the migration lock). */
export const CHANGE_LOCK = 7_274_001;
const MIGRATION_LOCK = 7_274_000;

const createRoles = HUB_ROLES.map(
  (r) => `  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${pgRoleOf(r)}') THEN CREATE ROLE ${pgRoleOf(r)} NOLOGIN; END IF;`,
).join('\n');

const hub0001 = `
DO $roles$
BEGIN
${createRoles}
END
$roles$;

-- everyone reads; the admin also holds the buyer's and the catalog keeper's rights
GRANT procure_viewer TO procure_buyer, procure_catalog_keeper, procure_evaluator, procure_admin;
GRANT procure_buyer, procure_catalog_keeper TO procure_admin;

CREATE SCHEMA procure;
REVOKE ALL ON SCHEMA procure FROM PUBLIC;
GRANT USAGE ON SCHEMA procure TO procure_viewer;

CREATE SEQUENCE procure.change_no AS bigint;
REVOKE ALL ON SEQUENCE procure.change_no FROM PUBLIC;
GRANT USAGE ON SEQUENCE procure.change_no TO procure_buyer, procure_catalog_keeper, procure_evaluator, procure_admin;

CREATE TABLE procure.hub_user (
  name text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('viewer', 'buyer', 'catalog_keeper', 'evaluator', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL DEFAULT session_user
);

CREATE TABLE procure.supplier (
  gid uuid PRIMARY KEY,
  change_no bigint NOT NULL UNIQUE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200 AND name = btrim(name)),
  contact text NOT NULL DEFAULT '' CHECK (length(contact) <= 2000),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
  created_at text NOT NULL CHECK (length(created_at) <= 40),
  author text NOT NULL,
  pushed_at timestamptz NOT NULL
);
-- one supplier per name whatever the letter case: two laptops that both typed "Acme" share one
CREATE UNIQUE INDEX supplier_name ON procure.supplier (lower(name));

CREATE TABLE procure.quote (
  gid uuid PRIMARY KEY,
  change_no bigint NOT NULL UNIQUE,
  supplier_gid uuid NOT NULL REFERENCES procure.supplier(gid),
  kind text NOT NULL CHECK (kind IN ('purchase', 'rental-card-hour', 'server-purchase')),
  -- parts by catalog slug (every laptop's catalog has its own integer ids)
  item text NOT NULL DEFAULT '' CHECK (length(item) <= 80),
  server_item text NOT NULL DEFAULT '' CHECK (length(server_item) <= 80),
  card_item text NOT NULL DEFAULT '' CHECK (length(card_item) <= 80),
  platform text NOT NULL DEFAULT '' CHECK (length(platform) <= 200),
  cards_per_server integer,
  quote_number text NOT NULL DEFAULT '' CHECK (length(quote_number) <= 200),
  quote_date text NOT NULL CHECK (quote_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  vat_included boolean NOT NULL,
  vat_rate double precision NOT NULL CHECK (vat_rate >= 0 AND vat_rate < 1),
  moq integer,
  lead_time_weeks double precision,
  valid_until text CHECK (length(valid_until) <= 40),
  source_title text NOT NULL DEFAULT '' CHECK (length(source_title) <= 2000),
  source_url text NOT NULL DEFAULT '' CHECK (length(source_url) <= 2000),
  as_of text NOT NULL DEFAULT '' CHECK (length(as_of) <= 40),
  estimate boolean NOT NULL DEFAULT false,
  source_note text NOT NULL DEFAULT '' CHECK (length(source_note) <= 10000),
  origin text NOT NULL CHECK (origin IN ('seed', 'user', 'import')),
  created_at text NOT NULL CHECK (length(created_at) <= 40),
  supersedes_gid uuid REFERENCES procure.quote(gid) CHECK (supersedes_gid <> gid),
  retired_at text CHECK (length(retired_at) <= 40),
  retired_by text CHECK (length(retired_by) <= 160),
  retired_reason text CHECK (length(retired_reason) <= 500),
  author text NOT NULL,
  pushed_at timestamptz NOT NULL,
  CHECK ((retired_at IS NULL) = (retired_reason IS NULL)),
  CHECK (CASE WHEN kind = 'server-purchase' THEN item = '' AND (server_item <> '' OR (card_item <> '' AND platform <> '')) ELSE item <> '' END)
);
CREATE INDEX quote_supplier ON procure.quote (supplier_gid);
CREATE INDEX quote_supersedes ON procure.quote (supersedes_gid);

-- the change number and the author are the hub's, never the laptop's
CREATE FUNCTION procure.stamp() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(${CHANGE_LOCK});
  NEW.change_no := nextval('procure.change_no');
  IF TG_OP = 'INSERT' THEN
    NEW.author := current_user;
    NEW.pushed_at := now();
  ELSE
    NEW.author := OLD.author;
    NEW.pushed_at := OLD.pushed_at;
  END IF;
  RETURN NEW;
END
$fn$;

-- append-only: a quote's content never changes; only its retirement may be recorded, once
CREATE FUNCTION procure.quote_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'quotes are never deleted: retire the quote instead' USING ERRCODE = '42501';
  END IF;
  IF (to_jsonb(NEW) - ARRAY['retired_at', 'retired_by', 'retired_reason', 'change_no', 'author', 'pushed_at'])
     IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['retired_at', 'retired_by', 'retired_reason', 'change_no', 'author', 'pushed_at']) THEN
    RAISE EXCEPTION 'quotes are append-only: a correction is a new quote that supersedes quote %', OLD.gid USING ERRCODE = '42501';
  END IF;
  IF OLD.retired_at IS NOT NULL THEN
    RAISE EXCEPTION 'quote % is already retired', OLD.gid USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$fn$;

CREATE FUNCTION procure.supplier_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'suppliers are append-only on the hub' USING ERRCODE = '42501';
END
$fn$;

-- BEFORE triggers fire in name order: the guard sees the row before it is stamped
CREATE TRIGGER a_guard BEFORE UPDATE OR DELETE ON procure.quote FOR EACH ROW EXECUTE FUNCTION procure.quote_guard();
CREATE TRIGGER b_stamp BEFORE INSERT OR UPDATE ON procure.quote FOR EACH ROW EXECUTE FUNCTION procure.stamp();
CREATE TRIGGER a_guard BEFORE UPDATE OR DELETE ON procure.supplier FOR EACH ROW EXECUTE FUNCTION procure.supplier_guard();
CREATE TRIGGER b_stamp BEFORE INSERT ON procure.supplier FOR EACH ROW EXECUTE FUNCTION procure.stamp();

-- the audit: who (the login role), when, what, old and new values
CREATE TABLE procure.audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  who text NOT NULL,
  table_name text NOT NULL,
  op text NOT NULL,
  row_key text,
  old_row jsonb,
  new_row jsonb
);
CREATE INDEX audit_row ON procure.audit (table_name, row_key);

CREATE FUNCTION procure.audit_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, procure AS $fn$
DECLARE
  o jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  n jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
  INSERT INTO procure.audit (who, table_name, op, row_key, old_row, new_row)
  VALUES (session_user, TG_TABLE_NAME, TG_OP, coalesce(n, o) ->> TG_ARGV[0], o, n);
  RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION procure.audit_write() FROM PUBLIC;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.supplier FOR EACH ROW EXECUTE FUNCTION procure.audit_write('gid');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.quote FOR EACH ROW EXECUTE FUNCTION procure.audit_write('gid');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON procure.hub_user FOR EACH ROW EXECUTE FUNCTION procure.audit_write('name');
-- an admin's change to the audit itself is audited (new rows only: no recursion)
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON procure.audit FOR EACH ROW EXECUTE FUNCTION procure.audit_write('id');

-- GRANTs: reading for every role; writing per role and, for retirements, per column
REVOKE ALL ON ALL TABLES IN SCHEMA procure FROM PUBLIC;
GRANT SELECT ON procure.hub_user, procure.supplier, procure.quote, procure.audit TO procure_viewer;
GRANT INSERT ON procure.supplier, procure.quote TO procure_buyer;
GRANT UPDATE (retired_at, retired_by, retired_reason) ON procure.quote TO procure_buyer;
GRANT UPDATE, DELETE ON procure.audit TO procure_admin;

-- row-level security: a buyer retires only the quotes they added; the admin any
ALTER TABLE procure.supplier ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.quote ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE procure.hub_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON procure.supplier FOR SELECT TO procure_viewer USING (true);
CREATE POLICY add_own ON procure.supplier FOR INSERT TO procure_buyer WITH CHECK (author = current_user);
CREATE POLICY read_all ON procure.quote FOR SELECT TO procure_viewer USING (true);
CREATE POLICY add_own ON procure.quote FOR INSERT TO procure_buyer WITH CHECK (author = current_user);
CREATE POLICY retire_own ON procure.quote FOR UPDATE TO procure_buyer USING (author = current_user) WITH CHECK (author = current_user);
CREATE POLICY retire_any ON procure.quote FOR UPDATE TO procure_admin USING (true) WITH CHECK (true);
CREATE POLICY read_all ON procure.audit FOR SELECT TO procure_viewer USING (true);
CREATE POLICY admin_change ON procure.audit FOR UPDATE TO procure_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_delete ON procure.audit FOR DELETE TO procure_admin USING (true);
CREATE POLICY read_all ON procure.hub_user FOR SELECT TO procure_viewer USING (true);

-- users: created by an admin (or the superuser who ran init) with a name checked here, quoted
-- by format(%I, %L), never spliced by the app
CREATE FUNCTION procure.add_user(p_name text, p_role text, p_password text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, procure AS $fn$
BEGIN
  IF NOT (pg_has_role(session_user, 'procure_admin', 'MEMBER')
          OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)) THEN
    RAISE EXCEPTION 'only an admin may add users (the role % is not one)', session_user USING ERRCODE = '42501';
  END IF;
  IF p_name IS NULL OR p_name !~ '^[a-z_][a-z0-9_.-]{0,62}$' THEN
    RAISE EXCEPTION 'a user name is 1 to 63 lower-case letters, digits, "_", "." or "-", starting with a letter or "_" (got %)', quote_literal(coalesce(p_name, '')) USING ERRCODE = '22023';
  END IF;
  IF p_name LIKE 'procure\\_%' OR p_name LIKE 'pg\\_%' OR p_name IN ('public', 'postgres') THEN
    RAISE EXCEPTION 'the name % is reserved', p_name USING ERRCODE = '22023';
  END IF;
  IF p_role IS NULL OR p_role NOT IN ('viewer', 'buyer', 'catalog_keeper', 'evaluator', 'admin') THEN
    RAISE EXCEPTION 'a role is one of viewer, buyer, catalog_keeper, evaluator, admin (got %)', quote_literal(coalesce(p_role, '')) USING ERRCODE = '22023';
  END IF;
  IF length(coalesce(p_password, '')) < 16 THEN
    RAISE EXCEPTION 'a password has at least 16 characters' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
    RAISE EXCEPTION 'the user % already exists', p_name USING ERRCODE = '42710';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_name, p_password, 'procure_' || p_role);
  INSERT INTO procure.hub_user (name, role) VALUES (p_name, p_role);
END
$fn$;
REVOKE ALL ON FUNCTION procure.add_user(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION procure.add_user(text, text, text) TO procure_admin;
`;

export const HUB_MIGRATIONS: readonly HubMigration[] = [
  { version: 1, name: 'roles, suppliers, quotes, audit', sql: hub0001 },
  { version: 2, name: 'catalog figure merges and conflicts, shared builds and bid sets', sql: hub0002 },
  { version: 3, name: 'committee evaluation of shared bid sets', sql: hub0003 },
];
export const HUB_LATEST = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]!.version;

export class HubVersionError extends Error {}

/** The hub's schema version (0: none yet). */
export async function hubVersion(client: ClientBase): Promise<number> {
  const t = await client.query<{ t: string | null }>(`SELECT to_regclass('procure.hub_migration')::text AS t`);
  if (!t.rows[0]?.t) return 0;
  const v = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM procure.hub_migration');
  return v.rows[0]?.v ?? 0;
}

/**
 * Apply the migrations the hub lacks, each in its own transaction, one migrator at a time (an
 * advisory lock). Returns the versions applied. `upTo` stops early (migration tests).
 */
export async function migrateHub(client: ClientBase, upTo = HUB_LATEST): Promise<number[]> {
  const applied: number[] = [];
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    const current = await hubVersion(client);
    if (current > HUB_LATEST) throw new HubVersionError(`the hub's schema is version ${current}, newer than this app knows (${HUB_LATEST}): update the app`);
    for (const m of HUB_MIGRATIONS) {
      if (m.version <= current || m.version > upTo) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        if (m.version === 1) {
          await client.query(`CREATE TABLE procure.hub_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
          await client.query('GRANT SELECT ON procure.hub_migration TO procure_viewer');
        }
        await client.query('INSERT INTO procure.hub_migration (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
      applied.push(m.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return applied;
}
