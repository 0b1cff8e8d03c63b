/**
 * 0003: what a team hub needs of the local database.
 *
 * - `supplier.gid`, `quote.gid`: a global id made on this laptop, a UUID version 7 (the
 *   48-bit Unix-millisecond time of the row's creation, then random bits), so a push that dies
 *   half-way is simply rerun: the hub already knows the ids it got. Existing rows get one from
 *   their created_at; new rows get one by trigger, whichever code inserts them.
 * - `hub_change`: the hub's change number of the row once it is shared (NULL: not yet pushed).
 *   `quote.retire_shared`: 1 once the hub knows of the quote's retirement.
 * - `team_hub`: the one hub this database syncs with: its URL (never with a password), the
 *   user, the role the hub gave, the pull cursor (the last hub change number applied) and the
 *   last sync's counts.
 * - `team_unplaced`: hub rows this laptop cannot place yet (a quote of a part its catalog
 *   lacks), kept rather than dropped.
 */
import type { Migration } from './index';

/** A UUID v7 (lower-case, RFC 9562) whose time is the instant `at` (SQL), random elsewhere. */
export const uuid7Sql = (at: string) => {
  const hex = `printf('%012x', CAST(round((coalesce(julianday(${at}), julianday('now')) - 2440587.5) * 86400000) AS INTEGER))`;
  return `lower(substr(${hex}, 1, 8) || '-' || substr(${hex}, 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-'
    || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6)))`;
};

export const migration0003: Migration = {
  version: 3,
  name: 'team hub sync',
  up(db) {
    db.exec(`
ALTER TABLE supplier ADD COLUMN gid TEXT;
ALTER TABLE supplier ADD COLUMN hub_change INTEGER;
ALTER TABLE quote ADD COLUMN gid TEXT;
ALTER TABLE quote ADD COLUMN hub_change INTEGER;
ALTER TABLE quote ADD COLUMN retire_shared INTEGER NOT NULL DEFAULT 0 CHECK (retire_shared IN (0, 1));

UPDATE supplier SET gid = ${uuid7Sql('created_at')};
UPDATE quote SET gid = ${uuid7Sql('created_at')};
CREATE UNIQUE INDEX supplier_gid ON supplier(gid);
CREATE UNIQUE INDEX quote_gid ON quote(gid);
CREATE INDEX quote_unshared ON quote(hub_change) WHERE hub_change IS NULL;

CREATE TRIGGER supplier_gid_made AFTER INSERT ON supplier WHEN NEW.gid IS NULL
BEGIN
  UPDATE supplier SET gid = ${uuid7Sql("'now'")} WHERE id = NEW.id;
END;
CREATE TRIGGER quote_gid_made AFTER INSERT ON quote WHEN NEW.gid IS NULL
BEGIN
  UPDATE quote SET gid = ${uuid7Sql("'now'")} WHERE id = NEW.id;
END;
-- a row's global id is for ever
CREATE TRIGGER quote_gid_kept BEFORE UPDATE OF gid ON quote WHEN OLD.gid IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a quote''s global id never changes');
END;

CREATE TABLE team_hub (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url TEXT NOT NULL,
  hub_user TEXT NOT NULL,
  role TEXT,
  cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
  connected_at TEXT NOT NULL,
  last_sync_at TEXT,
  last_result TEXT
) STRICT;

CREATE TABLE team_unplaced (
  gid TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('supplier', 'quote')),
  change_no INTEGER NOT NULL,
  body TEXT NOT NULL,
  reason TEXT NOT NULL
) STRICT;
`);
  },
};
