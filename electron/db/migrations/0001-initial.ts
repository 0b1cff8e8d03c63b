/**
 * 0001: the catalog, prices, sites, FX, builds, imports and settings.
 * Money columns are integer minor units (`*_minor`) beside their currency.
 */
import type { Migration } from './index';

const sourceCols = `
  source_title TEXT NOT NULL DEFAULT '',
  source_url TEXT NOT NULL DEFAULT '',
  as_of TEXT NOT NULL DEFAULT '',
  estimate INTEGER NOT NULL DEFAULT 0 CHECK (estimate IN (0, 1)),
  source_note TEXT NOT NULL DEFAULT ''`;

export const migration0001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE vendor (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name_zh TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE accelerator (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  vendor_id INTEGER NOT NULL REFERENCES vendor(id),
  model TEXT NOT NULL,
  generation TEXT NOT NULL DEFAULT '',
  aliases TEXT NOT NULL DEFAULT '[]',
  domestic INTEGER NOT NULL CHECK (domestic IN (0, 1)),
  memory_gb REAL NOT NULL,
  memory_type TEXT NOT NULL,
  memory_bw_tbps REAL NOT NULL,
  tflops_fp16 REAL, tflops_bf16 REAL, tflops_fp8 REAL, tflops_int8 REAL, tflops_fp4 REAL,
  tdp_w REAL NOT NULL,
  idle_w REAL NOT NULL,
  scale_up_link TEXT NOT NULL DEFAULT '',
  scale_up_gbps REAL NOT NULL,
  scale_out_gbps REAL NOT NULL,
  form_factor TEXT NOT NULL,
  software_stack TEXT NOT NULL,
  release_year INTEGER NOT NULL,
  export_cn TEXT NOT NULL CHECK (export_cn IN ('free', 'licensed', 'restricted', 'prohibited')),
  export_other TEXT NOT NULL CHECK (export_other IN ('free', 'licensed', 'restricted', 'prohibited')),
  foundry TEXT NOT NULL DEFAULT '',
  hbm_supply TEXT NOT NULL DEFAULT '',
  software_maturity REAL NOT NULL,
  mbu REAL NOT NULL,
  mfu REAL NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL CHECK (origin IN ('seed', 'user', 'import')),
  seed_version INTEGER,
  user_edited INTEGER NOT NULL DEFAULT 0 CHECK (user_edited IN (0, 1)),
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX accelerator_vendor ON accelerator(vendor_id);

-- One row per sourced figure; "default" covers figures without their own row.
CREATE TABLE figure_source (
  accelerator_id INTEGER NOT NULL REFERENCES accelerator(id) ON DELETE CASCADE,
  figure TEXT NOT NULL,
  ${sourceCols},
  PRIMARY KEY (accelerator_id, figure)
) STRICT;

CREATE TABLE server (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  cards_per_server INTEGER NOT NULL CHECK (cards_per_server > 0),
  host_price_minor INTEGER NOT NULL CHECK (host_price_minor >= 0),
  currency TEXT NOT NULL,
  host_power_w REAL NOT NULL,
  compatible TEXT NOT NULL DEFAULT '[]',
  form_factor TEXT NOT NULL DEFAULT '',
  ${sourceCols},
  origin TEXT NOT NULL CHECK (origin IN ('seed', 'user', 'import')),
  user_edited INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE import_batch (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sheet TEXT NOT NULL DEFAULT '',
  supplier TEXT NOT NULL DEFAULT '',
  row_count INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  undone_at TEXT
) STRICT;

-- Price history: append-only; the current price is a query, not a column.
CREATE TABLE quote (
  id INTEGER PRIMARY KEY,
  accelerator_id INTEGER REFERENCES accelerator(id),
  server_id INTEGER REFERENCES server(id),
  kind TEXT NOT NULL CHECK (kind IN ('purchase', 'rental-card-hour', 'server-purchase')),
  supplier TEXT NOT NULL DEFAULT '',
  price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
  currency TEXT NOT NULL,
  vat_included INTEGER NOT NULL CHECK (vat_included IN (0, 1)),
  vat_rate REAL NOT NULL,
  cards_per_server INTEGER,
  card_accelerator_id INTEGER REFERENCES accelerator(id),
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
  CHECK ((accelerator_id IS NULL) <> (server_id IS NULL))
) STRICT;
CREATE INDEX quote_accelerator ON quote(accelerator_id, kind);
CREATE INDEX quote_server ON quote(server_id);
CREATE INDEX quote_import ON quote(import_id);

CREATE TABLE site (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL DEFAULT '',
  power_price_per_kwh REAL NOT NULL CHECK (power_price_per_kwh >= 0),
  currency TEXT NOT NULL,
  pue REAL NOT NULL CHECK (pue >= 1),
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('CN', 'other')),
  rack_cost_per_year REAL NOT NULL DEFAULT 0,
  infra_cost_per_kw REAL NOT NULL DEFAULT 0,
  ${sourceCols},
  origin TEXT NOT NULL CHECK (origin IN ('seed', 'user', 'import')),
  user_edited INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE fx_rate (
  id INTEGER PRIMARY KEY,
  currency TEXT NOT NULL,
  cny_per REAL NOT NULL CHECK (cny_per > 0),
  ${sourceCols},
  origin TEXT NOT NULL CHECK (origin IN ('seed', 'user', 'import')),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX fx_rate_currency ON fx_rate(currency, as_of);

-- A build keeps its assumptions (site, workload, finance, currency) as validated JSON.
CREATE TABLE build (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  assumptions TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;

CREATE TABLE build_line (
  id INTEGER PRIMARY KEY,
  build_id INTEGER NOT NULL REFERENCES build(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  accelerator_id INTEGER NOT NULL REFERENCES accelerator(id),
  count INTEGER NOT NULL CHECK (count > 0),
  server_id INTEGER REFERENCES server(id),
  network_per_card_minor INTEGER NOT NULL DEFAULT 0,
  network_currency TEXT NOT NULL DEFAULT 'CNY',
  price_override_minor INTEGER,
  price_override_currency TEXT,
  role TEXT NOT NULL DEFAULT 'both' CHECK (role IN ('both', 'prefill', 'decode'))
) STRICT;
CREATE INDEX build_line_build ON build_line(build_id, position);

CREATE TABLE bid_set (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE import_mapping (
  id INTEGER PRIMARY KEY,
  supplier TEXT NOT NULL,
  layout_key TEXT NOT NULL,
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (supplier, layout_key)
) STRICT;

CREATE TABLE model_preset (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  spec TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`);
  },
};
