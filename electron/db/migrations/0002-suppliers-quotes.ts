/**
 * 0002: suppliers as records, and quotes that say whose they are, when they were made and what
 * became of them.
 *
 * - `supplier` (name unique without regard to ASCII case, contact, notes). Every existing
 *   quote's supplier text becomes a supplier row (a quote without one is named by its source
 *   title, else "Unknown supplier"); so do the suppliers of import batches.
 * - `quote` gains supplier_id, quote_number, quote_date (YYYY-MM-DD: the quote's as-of date,
 *   else the day it was imported), platform (a server quote's platform by name when it is not
 *   a catalog server), status (current | superseded | retired; "expired" is derived from
 *   valid_until and today, never stored), supersedes_id and retired_at/by/reason.
 *   VAT basis (vat_included, vat_rate), MOQ, lead time, valid-until and the origin columns
 *   (origin, source_file/sheet/row, import_id) were already there and are kept as they are.
 * - A server quote no longer needs a catalog server: it names the card (card_accelerator_id)
 *   and the platform by name. That changes a table CHECK, so the table is rebuilt (SQLite
 *   cannot alter a CHECK); every column and row is copied as it was.
 * - `build_line` gains pin_quote_id and pin_supplier: a line may pin a quote or a supplier.
 * - Quotes are append-only by trigger: only status and the retirement fields may change, and
 *   no quote is deleted. A correction is a new quote that supersedes the old one.
 */
import type { Migration } from './index';

const sourceCols = `
  source_title TEXT NOT NULL DEFAULT '',
  source_url TEXT NOT NULL DEFAULT '',
  as_of TEXT NOT NULL DEFAULT '',
  estimate INTEGER NOT NULL DEFAULT 0 CHECK (estimate IN (0, 1)),
  source_note TEXT NOT NULL DEFAULT ''`;

const ISO_DATE = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;

/** The name an existing quote's supplier row gets (SQL over a `quote` row). */
const SUPPLIER_NAME = `coalesce(nullif(trim(supplier), ''), nullif(trim(source_title), ''), 'Unknown supplier')`;

/** The columns copied from the version-1 table, in its order. */
const V1_COLUMNS = `id, accelerator_id, server_id, kind, supplier, price_minor, currency, vat_included, vat_rate,
  cards_per_server, card_accelerator_id, moq, lead_time_weeks, valid_until,
  source_title, source_url, as_of, estimate, source_note, source_file, source_sheet, source_row, import_id, origin, created_at`;

export const migration0002: Migration = {
  version: 2,
  name: 'suppliers and quote records',
  up(db) {
    db.exec(`
CREATE TABLE supplier (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0 AND name = trim(name)),
  contact TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

INSERT INTO supplier (name, created_at)
  SELECT name, min(created_at) FROM (
    SELECT ${SUPPLIER_NAME} AS name, created_at FROM quote
    UNION ALL
    SELECT trim(supplier), imported_at FROM import_batch WHERE trim(supplier) <> ''
  )
  GROUP BY name COLLATE NOCASE
  ORDER BY min(created_at), name;

CREATE TABLE quote_v2 (
  id INTEGER PRIMARY KEY,
  accelerator_id INTEGER REFERENCES accelerator(id),
  server_id INTEGER REFERENCES server(id),
  kind TEXT NOT NULL CHECK (kind IN ('purchase', 'rental-card-hour', 'server-purchase')),
  supplier TEXT NOT NULL DEFAULT '',
  supplier_id INTEGER NOT NULL REFERENCES supplier(id),
  quote_number TEXT NOT NULL DEFAULT '',
  quote_date TEXT NOT NULL CHECK (quote_date GLOB ${ISO_DATE}),
  price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
  currency TEXT NOT NULL,
  vat_included INTEGER NOT NULL CHECK (vat_included IN (0, 1)),
  vat_rate REAL NOT NULL,
  cards_per_server INTEGER,
  card_accelerator_id INTEGER REFERENCES accelerator(id),
  platform TEXT NOT NULL DEFAULT '',
  moq INTEGER,
  lead_time_weeks REAL,
  valid_until TEXT,
  ${sourceCols},
  source_file TEXT NOT NULL DEFAULT '',
  source_sheet TEXT NOT NULL DEFAULT '',
  source_row INTEGER,
  import_id INTEGER REFERENCES import_batch(id),
  origin TEXT NOT NULL CHECK (origin IN ('seed', 'user', 'import')),
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded', 'retired')),
  supersedes_id INTEGER REFERENCES quote(id),
  retired_at TEXT,
  retired_by TEXT,
  retired_reason TEXT,
  -- a card (or rental) quote is of one part; a server quote of a catalog server, or of a named
  -- platform holding a catalog card
  CHECK (CASE WHEN kind = 'server-purchase'
              THEN accelerator_id IS NULL AND (server_id IS NOT NULL OR (card_accelerator_id IS NOT NULL AND platform <> ''))
              ELSE accelerator_id IS NOT NULL AND server_id IS NULL END),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL)),
  CHECK (supersedes_id IS NULL OR supersedes_id <> id)
) STRICT;

INSERT INTO quote_v2 (${V1_COLUMNS}, supplier_id, quote_date)
  SELECT ${V1_COLUMNS},
         (SELECT s.id FROM supplier s WHERE s.name = ${SUPPLIER_NAME} COLLATE NOCASE),
         CASE WHEN as_of GLOB ${ISO_DATE} || '*' THEN substr(as_of, 1, 10) ELSE substr(created_at, 1, 10) END
  FROM quote;

DROP TABLE quote;
ALTER TABLE quote_v2 RENAME TO quote;

CREATE INDEX quote_accelerator ON quote(accelerator_id, kind);
CREATE INDEX quote_server ON quote(server_id);
CREATE INDEX quote_card ON quote(card_accelerator_id);
CREATE INDEX quote_import ON quote(import_id);
CREATE INDEX quote_supplier ON quote(supplier_id);
CREATE INDEX quote_supersedes ON quote(supersedes_id);

-- Append-only: what a quote says never changes; only what became of it does.
CREATE TRIGGER quote_append_only
BEFORE UPDATE OF id, accelerator_id, server_id, kind, supplier, supplier_id, quote_number, quote_date, price_minor,
  currency, vat_included, vat_rate, cards_per_server, card_accelerator_id, platform, moq, lead_time_weeks, valid_until,
  source_title, source_url, as_of, estimate, source_note, source_file, source_sheet, source_row, import_id, origin,
  created_at, supersedes_id ON quote
BEGIN
  SELECT RAISE(ABORT, 'quotes are append-only: a correction is a new quote that supersedes');
END;

-- A build line may pin a quote (by id) or a supplier instead of the price policy's choice.
ALTER TABLE build_line ADD COLUMN pin_quote_id INTEGER REFERENCES quote(id);
ALTER TABLE build_line ADD COLUMN pin_supplier TEXT;

CREATE TRIGGER quote_no_delete
BEFORE DELETE ON quote
BEGIN
  SELECT RAISE(ABORT, 'quotes are never deleted: retire the quote instead');
END;
`);
  },
};
