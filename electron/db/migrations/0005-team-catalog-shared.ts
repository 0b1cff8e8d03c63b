/**
 * 0005: what a laptop keeps of catalog merges and shared builds and bid sets.
 *
 * - `catalog_edit`: a catalog figure changed here (one row per part and field until it is
 *   pushed; a second change of the same field before a sync replaces the first), its value and
 *   source as JSON; `hub_change` once the hub took it.
 * - `team_catalog_field`: the hub's value of each field as last pulled or pushed, with its
 *   change number (the base the next edit of the field is pushed with) and whether the part is
 *   in this catalog (`placed` 0: kept until it is).
 * - `team_conflict`: the hub's catalog conflicts (both sides, who, when, the resolution);
 *   `team_resolution`: a catalog keeper's confirm or reverse made here, pushed by the next sync.
 * - `team_share`: a build or bid set of this laptop that its user shares (the hub's doc id);
 *   `team_shared_version`: versions shared from here (`hub_change` NULL until pushed, `version`
 *   the hub's number) and versions pulled from the hub (everyone's, history kept).
 */
import type { Migration } from './index';

export const migration0005: Migration = {
  version: 5,
  name: 'team catalog merges, shared builds and bid sets',
  up(db) {
    db.exec(`
CREATE TABLE catalog_edit (
  gid TEXT PRIMARY KEY,
  part TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT CHECK (value IS NULL OR json_valid(value)),
  source TEXT NOT NULL CHECK (json_valid(source)),
  edited_at TEXT NOT NULL,
  hub_change INTEGER
) STRICT;
CREATE UNIQUE INDEX catalog_edit_pending ON catalog_edit(part, field) WHERE hub_change IS NULL;

CREATE TABLE team_catalog_field (
  part TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT CHECK (value IS NULL OR json_valid(value)),
  source TEXT NOT NULL CHECK (json_valid(source)),
  set_by TEXT NOT NULL,
  author TEXT NOT NULL,
  edited_at TEXT NOT NULL,
  pushed_at TEXT NOT NULL,
  change_no INTEGER NOT NULL,
  placed INTEGER NOT NULL CHECK (placed IN (0, 1)),
  PRIMARY KEY (part, field)
) STRICT;

CREATE TABLE team_conflict (
  gid TEXT PRIMARY KEY,
  part TEXT NOT NULL,
  field TEXT NOT NULL,
  earlier_set_by TEXT NOT NULL,
  earlier_value TEXT,
  earlier_source TEXT NOT NULL,
  earlier_author TEXT NOT NULL,
  earlier_edited_at TEXT NOT NULL,
  earlier_pushed_at TEXT NOT NULL,
  later_value TEXT,
  later_source TEXT NOT NULL,
  later_author TEXT NOT NULL,
  later_edited_at TEXT NOT NULL,
  later_pushed_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'reversed')),
  resolved_by TEXT,
  resolved_at TEXT,
  change_no INTEGER NOT NULL
) STRICT;

CREATE TABLE team_resolution (
  gid TEXT PRIMARY KEY,
  conflict_gid TEXT NOT NULL REFERENCES team_conflict(gid),
  decision TEXT NOT NULL CHECK (decision IN ('confirm', 'reverse')),
  resolved_at TEXT NOT NULL,
  hub_change INTEGER
) STRICT;
CREATE UNIQUE INDEX team_resolution_pending ON team_resolution(conflict_gid) WHERE hub_change IS NULL;

CREATE TABLE team_share (
  kind TEXT NOT NULL CHECK (kind IN ('build', 'bidset')),
  local_id INTEGER NOT NULL,
  doc_gid TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  doc_shared INTEGER NOT NULL DEFAULT 0 CHECK (doc_shared IN (0, 1)),
  PRIMARY KEY (kind, local_id)
) STRICT;

CREATE TABLE team_shared_version (
  gid TEXT PRIMARY KEY,
  doc_gid TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('build', 'bidset')),
  version INTEGER,
  name TEXT NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  shared_at TEXT NOT NULL,
  author TEXT,
  pushed_at TEXT,
  hub_change INTEGER
) STRICT;
CREATE INDEX team_shared_version_doc ON team_shared_version(doc_gid, version);
CREATE INDEX team_shared_version_unshared ON team_shared_version(hub_change) WHERE hub_change IS NULL;
`);
  },
};
